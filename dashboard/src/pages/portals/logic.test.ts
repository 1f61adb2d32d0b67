import { describe, expect, it } from 'vitest';
import {
  addableMembers,
  archiveQuestion,
  clientError,
  clientNameProblem,
  createPortalBody,
  mayEditProfile,
  openOnRemovedChannels,
  portalAbilities,
  portalFormProblems,
  portalRoutingBody,
  portalRows,
  profileBody,
  profileForm,
  setCapacity,
  setChannel,
  setClientChannel,
  teamCandidates,
  unplacedErrors,
  updatePortalBody,
} from './logic';
import type { OrgMember, Portal, PortalMember } from './types';

const portal = (p: Partial<Portal>): Portal => ({
  id: 'p',
  name: 'P',
  isDefault: false,
  archived: false,
  createdAt: '2026-01-01T00:00:00Z',
  memberCount: 0,
  availableCount: 0,
  ...p,
});

const A = '00000000-0000-0000-0000-00000000000a';
const B = '00000000-0000-0000-0000-00000000000b';

describe('routing profile form', () => {
  const form = () => profileForm({ channels: { SMS: 3, LIVE_CHAT: 2 }, clients: { [A]: ['SMS', 'LIVE_CHAT'], [B]: ['SMS'] }, leadCapacity: null });

  it('reads a profile: channels on with their capacity, the rest off, no lead limit as empty', () => {
    const f = form();
    expect(f.channels.SMS).toEqual({ on: true, capacity: '3' });
    expect(f.channels.EMAIL).toEqual({ on: false, capacity: '' });
    expect(f.clients[A]).toEqual(['SMS', 'LIVE_CHAT']);
    expect(f.leadCapacity).toBe('');
  });

  it('drops a client channel the profile does not allow when reading', () => {
    const f = profileForm({ channels: { SMS: 1 }, clients: { [A]: ['SMS', 'EMAIL'] }, leadCapacity: 4 });
    expect(f.clients[A]).toEqual(['SMS']);
    expect(f.leadCapacity).toBe('4');
  });

  it('builds the PUT body: capacities as numbers, clients in channel order, lead capacity null when empty', () => {
    const result = profileBody(setClientChannel(form(), B, 'LIVE_CHAT', true));
    expect(result).toEqual({
      body: { channels: { SMS: 3, LIVE_CHAT: 2 }, clients: { [A]: ['SMS', 'LIVE_CHAT'], [B]: ['SMS', 'LIVE_CHAT'] }, leadCapacity: null },
    });
  });

  it('turning a channel off takes it out of every client, and a client left without channels is left out', () => {
    const f = setChannel(form(), 'SMS', false);
    expect(f.clients[A]).toEqual(['LIVE_CHAT']);
    expect(f.clients[B]).toEqual([]);
    expect(profileBody(f)).toEqual({ body: { channels: { LIVE_CHAT: 2 }, clients: { [A]: ['LIVE_CHAT'] }, leadCapacity: null } });
  });

  it('a channel the member does not have cannot be given to a client', () => {
    const f = setClientChannel(form(), A, 'EMAIL', true);
    expect(f.clients[A]).toEqual(['SMS', 'LIVE_CHAT']);
  });

  it('turning a channel on starts it at capacity 1 and lets clients have it', () => {
    let f = setChannel(form(), 'EMAIL', true);
    expect(f.channels.EMAIL).toEqual({ on: true, capacity: '1' });
    f = setClientChannel(f, A, 'EMAIL', true);
    expect(f.clients[A]).toEqual(['SMS', 'LIVE_CHAT', 'EMAIL']);
  });

  it('capacities outside 0..100 or not whole are problems named as the API names them', () => {
    let f = setCapacity(form(), 'SMS', '101');
    f = setCapacity(f, 'LIVE_CHAT', '1.5');
    f = { ...f, leadCapacity: '-1' };
    expect(profileBody(f)).toEqual({
      problems: {
        'channels.SMS': 'Capacity must be a whole number from 0 to 100.',
        'channels.LIVE_CHAT': 'Capacity must be a whole number from 0 to 100.',
        leadCapacity: 'A whole number from 0 to 100, or empty for no limit.',
      },
    });
  });

  it('capacity 0 and lead capacity 0 are allowed', () => {
    const f = { ...setCapacity(form(), 'SMS', '0'), leadCapacity: '0' };
    expect(profileBody(f)).toMatchObject({ body: { channels: { SMS: 0, LIVE_CHAT: 2 }, leadCapacity: 0 } });
  });

  it('leaves out clients that no longer exist', () => {
    expect(profileBody(form(), [A])).toMatchObject({ body: { clients: { [A]: ['SMS', 'LIVE_CHAT'] } } });
  });

  it('places the API field errors of a client, and lists the others', () => {
    const fields = { [`clients.${A}[1]`]: 'EMAIL is not among the profile\'s channels', 'channels.SMS': 'x', 'channels.FAX': 'is not a channel' };
    expect(clientError(fields, A)).toBe("EMAIL is not among the profile's channels");
    expect(clientError(fields, B)).toBeUndefined();
    expect(unplacedErrors(fields, [A, B])).toEqual({ 'channels.FAX': 'is not a channel' });
  });

  it('who may change a profile: admins anyone, managers members of their portals but never an owner or admin', () => {
    const agent = { role: 'AGENT', portals: [{ portalId: 'here', portalRole: 'EMPLOYEE' as const }] };
    expect(mayEditProfile('ADMIN', undefined, [], agent)).toBe(true);
    expect(mayEditProfile('MANAGER', undefined, ['here'], agent)).toBe(true);
    expect(mayEditProfile('MANAGER', undefined, ['elsewhere'], agent)).toBe(false);
    expect(mayEditProfile('MANAGER', ['members:read'], ['here'], agent)).toBe(false);
    expect(mayEditProfile('MANAGER', undefined, ['here'], { ...agent, role: 'ADMIN' })).toBe(false);
    expect(mayEditProfile('AGENT', undefined, ['here'], agent)).toBe(false);
  });

  it('names open work on channels taken away', () => {
    const f = setChannel(form(), 'SMS', false);
    expect(openOnRemovedChannels({ SMS: 2, LIVE_CHAT: 1, EMAIL: 0 }, f)).toEqual([{ channel: 'SMS', open: 2 }]);
  });
});

describe('portals', () => {
  it('joins the overview and sorts default first, then by name, archived last', () => {
    const rows = portalRows(
      [portal({ id: 'z', name: 'Zeta' }), portal({ id: 'x', name: 'Old', archived: true }), portal({ id: 'a', name: 'Alpha' }), portal({ id: 'd', name: 'Sales', isDefault: true })],
      [{ portalId: 'a', name: 'Alpha', isDefault: false, members: 3, availableNow: 2, activeConversations: 1, openLeads: 0, activeWork: 1, queuedConversations: 0, queuedLeads: 0, queueLength: 0, leadsWonThisWeek: 0 }],
    );
    expect(rows.map((r) => r.id)).toEqual(['d', 'a', 'z', 'x']);
    expect(rows[1].stats?.members).toBe(3);
    expect(rows[0].stats).toBeUndefined();
  });

  it('checks the form as the API does', () => {
    expect(portalFormProblems({ name: '  ', description: '', accentColor: '' })).toEqual({ name: 'Give the portal a name.' });
    expect(portalFormProblems({ name: 'Support', description: 'x'.repeat(501), accentColor: 'red' })).toEqual({
      description: 'At most 500 characters.',
      accentColor: 'A colour like #1f4e79.',
    });
    expect(portalFormProblems({ name: 'Support', description: '', accentColor: '#A0b1C2' })).toEqual({});
  });

  it('creates with optional fields only when given', () => {
    expect(createPortalBody({ name: ' Support ', description: ' ', accentColor: '' })).toEqual({ name: 'Support' });
    expect(createPortalBody({ name: 'Support', description: 'Help desk', accentColor: '#AABBCC' })).toEqual({
      name: 'Support',
      description: 'Help desk',
      accentColor: '#aabbcc',
    });
  });

  it('patches only what changed, "" clearing description and colour', () => {
    const before = portal({ name: 'Support', description: 'Help', accentColor: '#112233' });
    expect(updatePortalBody(before, { name: 'Support', description: 'Help', accentColor: '#112233' })).toEqual({});
    expect(updatePortalBody(before, { name: 'Care', description: '', accentColor: '' })).toEqual({ name: 'Care', description: '', accentColor: '' });
  });

  it('asks before archiving, saying the open work moves to the default portal', () => {
    expect(archiveQuestion({ name: 'Support' }, { name: 'Sales Portal' })).toContain('move to the default portal (“Sales Portal”)');
  });

  it('offers active org members not yet in the portal', () => {
    const org = (userId: string, displayName: string, status = 'ACTIVE'): OrgMember => ({ userId, email: `${userId}@x`, displayName, role: 'AGENT', status });
    const pm = { userId: 'b', orgRole: 'AGENT', portalRole: 'EMPLOYEE', available: true } as PortalMember;
    expect(addableMembers([org('c', 'Cleo'), org('b', 'Bo'), org('a', 'Ann'), org('d', 'Dee', 'DEACTIVATED')], [pm]).map((m) => m.userId)).toEqual(['a', 'c']);
  });

  it('offers a manager only AGENTs and VIEWERs working in no portal but the default one and theirs', () => {
    const org = (userId: string, role: string, portals: string[]): OrgMember => ({
      userId,
      email: `${userId}@x`,
      displayName: userId,
      role,
      status: 'ACTIVE',
      portals: portals.map((portalId) => ({ portalId, portalRole: 'EMPLOYEE' })),
    });
    const members = [org('a', 'AGENT', ['sales']), org('b', 'AGENT', ['other']), org('c', 'VIEWER', []), org('d', 'MANAGER', []), org('e', 'AGENT', ['mine', 'sales'])];
    expect(addableMembers(members, [], { managedPortalIds: ['mine'], defaultPortalId: 'sales' }).map((m) => m.userId)).toEqual(['a', 'c', 'e']);
    expect(addableMembers(members, []).map((m) => m.userId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('abilities in a portal by org role, portal role and permissions', () => {
    expect(portalAbilities('ADMIN', null)).toMatchObject({ manageMembers: true, manageRoles: true, manageRouting: true, toggleOthers: true });
    expect(portalAbilities('MANAGER', 'MANAGER')).toMatchObject({ manageMembers: true, manageRoles: false, manageRouting: true, toggleOthers: true });
    expect(portalAbilities('MANAGER', 'EMPLOYEE')).toMatchObject({ manageMembers: false, manageRouting: false, toggleOthers: false, toggleSelf: true });
    expect(portalAbilities('AGENT', 'EMPLOYEE')).toMatchObject({ manageMembers: false, toggleOthers: false, toggleSelf: true });
    expect(portalAbilities('VIEWER', null)).toMatchObject({ toggleOthers: false, toggleSelf: false });
    expect(portalAbilities('custom:r1', 'EMPLOYEE', ['availability:manage'])).toMatchObject({ toggleOthers: true, manageMembers: false });
    expect(portalAbilities('MANAGER', 'MANAGER', ['members:manage'])).toMatchObject({ manageMembers: true, manageRouting: false, toggleOthers: false });
  });

  it('offers portal members not yet in the team', () => {
    const pm = (userId: string, displayName: string) => ({ userId, displayName, orgRole: 'AGENT', portalRole: 'EMPLOYEE', available: true }) as PortalMember;
    expect(teamCandidates([pm('b', 'Bo'), pm('a', 'Ann'), pm('c', 'Cy')], ['c']).map((m) => m.userId)).toEqual(['a', 'b']);
  });
});

describe('portal routing settings', () => {
  it('empty reroute time means never', () => {
    expect(portalRoutingBody({ strategy: 'MANUAL', rerouteAfter: '', leadsCapacityBound: false })).toEqual({
      body: { strategy: 'MANUAL', rerouteAwayAfterMinutes: null, leadsCapacityBound: false },
    });
  });

  it('reroute time 1..10080 minutes', () => {
    expect(portalRoutingBody({ strategy: 'ROUND_ROBIN', rerouteAfter: '15', leadsCapacityBound: true })).toMatchObject({ body: { rerouteAwayAfterMinutes: 15 } });
    expect(portalRoutingBody({ strategy: 'ROUND_ROBIN', rerouteAfter: '0', leadsCapacityBound: true })).toHaveProperty('problems.rerouteAwayAfterMinutes');
    expect(portalRoutingBody({ strategy: 'ROUND_ROBIN', rerouteAfter: '10081', leadsCapacityBound: true })).toHaveProperty('problems.rerouteAwayAfterMinutes');
  });
});

describe('clients', () => {
  it('refuses empty, long and duplicate names (ignoring case)', () => {
    expect(clientNameProblem(' ', [])).toBe('Give the client a name.');
    expect(clientNameProblem('x'.repeat(101), [])).toBe('At most 100 characters.');
    expect(clientNameProblem(' acme ', [{ name: 'ACME' }])).toBe('There is already a client with this name.');
    expect(clientNameProblem('Acme', [{ name: 'Globex' }])).toBeUndefined();
  });
});
