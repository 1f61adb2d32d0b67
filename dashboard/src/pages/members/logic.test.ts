import { describe, expect, it } from 'vitest';
import {
  addressProblem,
  batchResults,
  buildInvitations,
  buildRouting,
  buildUserCreation,
  emptyRouting,
  fieldsUnder,
  grantableRoles,
  isEmail,
  joinedPortals,
  mayGive,
  mayManage,
  mayOpenRouting,
  problemHeadline,
  parseAddresses,
  resolveTeam,
  routingProblems,
  unshownFields,
  type InviteForm,
  type Member,
} from './logic';

const BUILT_IN: Record<string, string[]> = {
  OWNER: ['billing:manage', 'members:invite', 'members:manage', 'org:read', 'routing:manage'],
  ADMIN: ['members:invite', 'members:manage', 'org:read', 'routing:manage'],
  MANAGER: ['members:invite', 'members:manage', 'org:read', 'routing:manage'],
  AGENT: ['org:read'],
  VIEWER: ['org:read'],
};

function member(userId: string, role: string, extra: Partial<Member> = {}): Member {
  return { userId, email: `${userId}@x.test`, role, status: 'ACTIVE', permissions: BUILT_IN[role] ?? [], portals: [], ...extra };
}

function form(extra: Partial<InviteForm> = {}): InviteForm {
  return { role: 'AGENT', portalIds: [], firstName: '', lastName: '', phone: '', routing: emptyRouting(), ...extra };
}

describe('parseAddresses', () => {
  it('splits on lines, commas, semicolons and spaces, and keeps the address of "Name <address>"', () => {
    expect(parseAddresses('a@x.test\nb@x.test, c@x.test;d@x.test e@x.test\r\nAnn Lee <ann@x.test>').addresses).toEqual([
      'a@x.test',
      'b@x.test',
      'c@x.test',
      'd@x.test',
      'e@x.test',
      'ann@x.test',
    ]);
  });

  it('counts a repeat once, ignoring case, and skips blank lines', () => {
    expect(parseAddresses('A@x.test\n\n  \na@X.test\nb@x.test,')).toEqual({ addresses: ['A@x.test', 'b@x.test'], invalid: [], repeated: 1 });
  });

  it('lists what is not an address', () => {
    expect(parseAddresses('ok@x.test\nnot-an-address\nbob@\n@x.test').invalid).toEqual(['not-an-address', 'bob@', '@x.test']);
  });
});

describe('isEmail', () => {
  it('wants something@domain.tld and at most 254 characters', () => {
    expect(isEmail('ann.lee+sales@mail.example.com')).toBe(true);
    expect(isEmail('ann@localhost')).toBe(false);
    expect(isEmail('ann..lee@x.test')).toBe(false);
    expect(isEmail(`${'a'.repeat(250)}@x.test`)).toBe(false);
  });
});

describe('addressProblem', () => {
  it('names the invalid entries first', () => {
    expect(addressProblem(parseAddresses('x, ok@x.test'), false)).toBe('This is not an email address: x');
  });
  it('wants at least one address', () => {
    expect(addressProblem(parseAddresses(' \n'), false)).toBe('Enter an email address.');
  });
  it('allows one address only for direct creation', () => {
    expect(addressProblem(parseAddresses('a@x.test, b@x.test'), true)).toMatch(/one address at a time/);
    expect(addressProblem(parseAddresses('a@x.test, b@x.test'), false)).toBeUndefined();
  });
  it('allows at most 100 at once', () => {
    const many = Array.from({ length: 101 }, (_, i) => `p${i}@x.test`).join('\n');
    expect(addressProblem(parseAddresses(many), false)).toMatch(/At most 100/);
  });
});

describe('roles', () => {
  it('follows the grant rules: owners make owners, owners and admins make admins, managers give agent and viewer', () => {
    const owner = grantableRoles('OWNER', BUILT_IN.OWNER, BUILT_IN, [], false).map((o) => o.value);
    const admin = grantableRoles('ADMIN', BUILT_IN.ADMIN, BUILT_IN, [], false).map((o) => o.value);
    const manager = grantableRoles('MANAGER', BUILT_IN.MANAGER, BUILT_IN, [], false).map((o) => o.value);
    expect(owner).toEqual(['OWNER', 'ADMIN', 'MANAGER', 'AGENT', 'VIEWER']);
    expect(admin).toEqual(['ADMIN', 'MANAGER', 'AGENT', 'VIEWER']);
    expect(manager).toEqual(['AGENT', 'VIEWER']);
    expect(grantableRoles('MANAGER', BUILT_IN.MANAGER, BUILT_IN, [], true).map((o) => o.value)).toEqual(['MANAGER', 'AGENT', 'VIEWER']);
  });

  it('offers custom roles whose permissions the actor holds, never to a manager', () => {
    const custom = [
      { id: '1', name: 'Scheduler', role: 'custom:1', permissions: ['org:read'] },
      { id: '2', name: 'Billing', role: 'custom:2', permissions: ['billing:manage'] },
    ];
    expect(grantableRoles('ADMIN', BUILT_IN.ADMIN, BUILT_IN, custom, false)).toContainEqual({ value: 'custom:1', label: 'Scheduler' });
    expect(grantableRoles('ADMIN', BUILT_IN.ADMIN, BUILT_IN, custom, false).map((o) => o.value)).not.toContain('custom:2');
    expect(grantableRoles('OWNER', BUILT_IN.OWNER, BUILT_IN, custom, false).map((o) => o.value)).toContain('custom:2');
    expect(mayGive('MANAGER', BUILT_IN.MANAGER, 'custom:1', ['org:read'], true)).toBe(false);
  });
});

describe('mayManage', () => {
  const here = { portalId: 'here', portalRole: 'MANAGER' };
  it('never oneself; owners only by owners', () => {
    const owner = member('o', 'OWNER');
    const admin = member('a', 'ADMIN');
    expect(mayManage(owner, owner)).toBe(false);
    expect(mayManage(admin, member('o2', 'OWNER'))).toBe(false);
    expect(mayManage(owner, member('o2', 'OWNER'))).toBe(true);
    expect(mayManage(admin, member('g', 'AGENT'))).toBe(true);
  });

  it('a manager reaches agents and viewers of the portals they manage only', () => {
    const manager = member('m', 'MANAGER', { portals: [here] });
    expect(mayManage(manager, member('g', 'AGENT', { portals: [{ portalId: 'here', portalRole: 'EMPLOYEE' }] }))).toBe(true);
    expect(mayManage(manager, member('g', 'AGENT', { portals: [{ portalId: 'elsewhere', portalRole: 'EMPLOYEE' }] }))).toBe(false);
    expect(mayManage(manager, member('m2', 'MANAGER', { portals: [{ portalId: 'here', portalRole: 'EMPLOYEE' }] }))).toBe(false);
  });

  it('nobody but an owner manages someone holding permissions they lack', () => {
    const admin = member('a', 'ADMIN');
    expect(mayManage(admin, member('c', 'custom:1', { permissions: ['billing:manage'] }))).toBe(false);
    expect(mayManage(member('g', 'AGENT'), member('v', 'VIEWER'))).toBe(false);
  });
});

describe('joinedPortals', () => {
  const portals = [
    { id: 'sales', name: 'Sales Portal', isDefault: true },
    { id: 'support', name: 'Support', isDefault: false },
  ];
  it('the chosen portals, else the default one for agents, managers and custom roles', () => {
    expect(joinedPortals(['support'], 'VIEWER', portals)).toEqual(['support']);
    expect(joinedPortals([], 'AGENT', portals)).toEqual(['sales']);
    expect(joinedPortals([], 'custom:1', portals)).toEqual(['sales']);
    expect(joinedPortals([], 'ADMIN', portals)).toEqual([]);
    expect(joinedPortals([], 'VIEWER', portals)).toEqual([]);
  });
  it("a manager's invitee joins the chosen portals that manager manages, or all of them", () => {
    expect(joinedPortals(['support', 'other'], 'AGENT', portals, ['support', 'sales'])).toEqual(['support']);
    expect(joinedPortals([], 'VIEWER', portals, ['support', 'sales'])).toEqual(['support', 'sales']);
    expect(joinedPortals(['other'], 'AGENT', portals, ['support'])).toEqual(['support']);
  });
});

describe('buildRouting', () => {
  it('is undefined when nothing is set', () => {
    expect(buildRouting(emptyRouting())).toBeUndefined();
  });

  it('sends allowed channels with capacity, clients on allowed channels only, and teams once', () => {
    const state = emptyRouting();
    state.channels.SMS = { on: true, capacity: '3' };
    state.channels.LIVE_CHAT = { on: true, capacity: '0' };
    state.clients = { c1: ['SMS', 'EMAIL'], c2: ['EMAIL'], c3: ['LIVE_CHAT', 'SMS'] };
    state.teamIds = ['t1'];
    expect(buildRouting(state, ['t2', 't1'])).toEqual({
      channels: { SMS: 3, LIVE_CHAT: 0 },
      clients: { c1: ['SMS'], c3: ['SMS', 'LIVE_CHAT'] },
      teamIds: ['t1', 't2'],
    });
  });

  it('names a capacity out of range by the API field', () => {
    const state = emptyRouting();
    state.channels.SMS = { on: true, capacity: '101' };
    state.channels.EMAIL = { on: false, capacity: 'x' };
    state.channels.FACEBOOK = { on: true, capacity: '2.5' };
    expect(Object.keys(routingProblems(state))).toEqual(['routing.channels.SMS', 'routing.channels.FACEBOOK']);
  });
});

describe('buildInvitations', () => {
  it('one body per address; name and phone only for a single person; portals and routing for all', () => {
    const routing = emptyRouting();
    routing.channels.SMS = { on: true, capacity: '2' };
    const f = form({ role: 'AGENT', portalIds: ['p1'], firstName: ' Ann ', lastName: 'Lee', phone: '', routing });
    expect(buildInvitations(f, ['ann@x.test'])).toEqual([
      { email: 'ann@x.test', role: 'AGENT', portalIds: ['p1'], firstName: 'Ann', lastName: 'Lee', routing: { channels: { SMS: 2 } } },
    ]);
    expect(buildInvitations(f, ['a@x.test', 'b@x.test'], ['t9'])).toEqual([
      { email: 'a@x.test', role: 'AGENT', portalIds: ['p1'], routing: { channels: { SMS: 2 }, teamIds: ['t9'] } },
      { email: 'b@x.test', role: 'AGENT', portalIds: ['p1'], routing: { channels: { SMS: 2 }, teamIds: ['t9'] } },
    ]);
  });

  it('leaves portals and routing out when none are chosen', () => {
    expect(buildInvitations(form({ role: 'VIEWER' }), ['v@x.test'])).toEqual([{ email: 'v@x.test', role: 'VIEWER' }]);
  });

  it('direct creation sends the full name and the initial password', () => {
    expect(buildUserCreation({ ...form({ role: 'AGENT' }), fullName: ' Ann Lee ', password: 'secret123' }, 'ann@x.test', ['t1'])).toEqual({
      fullName: 'Ann Lee',
      email: 'ann@x.test',
      password: 'secret123',
      role: 'AGENT',
      routing: { teamIds: ['t1'] },
    });
  });
});

describe('resolveTeam', () => {
  const teams = [{ id: 't1', portalId: 'p1', name: 'Night shift', strategy: 'MANUAL' }];
  it('picks an existing team of that portal by name, ignoring case', () => {
    expect(resolveTeam(' night SHIFT ', 'p1', teams)).toEqual({ existing: teams[0] });
  });
  it('creates a round-robin team otherwise', () => {
    expect(resolveTeam('Night shift', 'p2', teams)).toEqual({ create: { portalId: 'p2', name: 'Night shift', strategy: 'ROUND_ROBIN' } });
    expect(resolveTeam('  ', 'p1', teams)).toEqual({});
  });
});

describe('batchResults', () => {
  it('a line per address, in order, with the problem in words', () => {
    const results = batchResults(
      ['a@x.test', 'b@x.test', 'c@x.test'],
      [
        { index: 0, status: 201, invitation: { id: 'i1', email: 'a@x.test' } },
        {
          index: 1,
          status: 409,
          problem: { type: 'https://switchboard.dev/problems/seat-limit-reached', detail: 'All 1 agent seats are taken. Need more seats? Contact support or upgrade your plan.' },
        },
        { index: 2, status: 400, problem: { type: 'https://switchboard.dev/problems/validation', detail: 'The request has invalid fields.', errors: [{ field: 'email', message: 'must be a well-formed email address' }] } },
      ],
    );
    expect(results[0]).toEqual({ email: 'a@x.test', ok: true, message: 'Invitation sent' });
    expect(results[1]).toMatchObject({ ok: false, kind: 'seat-limit-reached' });
    expect(results[2].message).toBe('The request has invalid fields. email: must be a well-formed email address');
  });

  it('says so when an address got no answer', () => {
    expect(batchResults(['a@x.test'], [])[0].ok).toBe(false);
  });
});

describe('field errors', () => {
  const fields = { 'routing.clients.c1[0]': 'not among the allowed channels', 'routing.channels.SMS': 'capacity must be between 0 and 100', email: 'bad', 'portalIds[2]': 'must not be null' };
  it('finds the errors below a field', () => {
    expect(fieldsUnder(fields, 'routing.clients.c1')).toBe('not among the allowed channels');
    expect(fieldsUnder(fields, 'portalIds')).toBe('must not be null');
    expect(fieldsUnder(fields, 'role')).toBeUndefined();
  });
  it('keeps those no input shows', () => {
    expect(unshownFields(fields, ['email', 'routing', 'portalIds'])).toEqual({});
    expect(unshownFields(fields, ['email'])).toEqual({ 'routing.clients.c1[0]': 'not among the allowed channels', 'routing.channels.SMS': 'capacity must be between 0 and 100', 'portalIds[2]': 'must not be null' });
  });
});

describe('mayOpenRouting', () => {
  it('owners and admins any, oneself, a manager the agents of their portals', () => {
    const manager = member('m', 'MANAGER', { portals: [{ portalId: 'here', portalRole: 'MANAGER' }] });
    const agentHere = member('g', 'AGENT', { portals: [{ portalId: 'here', portalRole: 'EMPLOYEE' }] });
    const agentElsewhere = member('h', 'AGENT', { portals: [{ portalId: 'elsewhere', portalRole: 'EMPLOYEE' }] });
    expect(mayOpenRouting(member('a', 'ADMIN'), agentElsewhere)).toBe(true);
    expect(mayOpenRouting(manager, manager)).toBe(true);
    expect(mayOpenRouting(manager, agentHere)).toBe(true);
    expect(mayOpenRouting(manager, agentElsewhere)).toBe(false);
    expect(mayOpenRouting(manager, member('a', 'ADMIN', { portals: [{ portalId: 'here', portalRole: 'EMPLOYEE' }] }))).toBe(false);
  });
});

describe('problemHeadline', () => {
  it('words for the known problems, nothing for others', () => {
    expect(problemHeadline('last-owner')).toBe('An owner must remain.');
    expect(problemHeadline('validation')).toBeUndefined();
  });
});
