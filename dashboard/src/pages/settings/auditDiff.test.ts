import { describe, expect, it } from 'vitest';
import { auditDiff, withStatusNames, describeAction, describeActor, describeTarget, formatValue, humanKey } from './auditDiff';

const ANN = '3f2a9c1b-0000-4000-8000-000000000001';
const BOB = '3f2a9c1b-0000-4000-8000-000000000002';
const ROLE = '9a9a9a9a-0000-4000-8000-000000000003';
const names = (id: string) => ({ [ANN]: 'Ann Lee', [BOB]: 'Bob Roy', [ROLE]: 'Schedulers' })[id];

describe('audit entries in words', () => {
  it('shows only what changed, old → new', () => {
    expect(auditDiff({ role: 'AGENT', status: 'ACTIVE' }, { role: 'MANAGER', status: 'ACTIVE' })).toEqual([
      { key: 'role', label: 'Role', before: 'AGENT', after: 'MANAGER' },
    ]);
  });

  it('a value set for the first time has no before; a removed one no after', () => {
    expect(auditDiff({}, { name: 'Sales', description: null })).toEqual([
      { key: 'name', label: 'Name', after: 'Sales' },
      { key: 'description', label: 'Description', after: 'none' },
    ]);
    expect(auditDiff({ role: ROLE }, {}, names)).toEqual([{ key: 'role', label: 'Role', before: 'Schedulers' }]);
    expect(auditDiff(null, undefined)).toEqual([]);
  });

  it('flattens nested objects into readable keys', () => {
    expect(auditDiff({ channels: { SMS: 3, EMAIL: 1 } }, { channels: { SMS: 5, EMAIL: 1, LIVE_CHAT: 2 } })).toEqual([
      { key: 'channels.SMS', label: 'Channels › SMS', before: '3', after: '5' },
      { key: 'channels.LIVE_CHAT', label: 'Channels › LIVE_CHAT', after: '2' },
    ]);
  });

  it('lists of plain values say what was added and removed', () => {
    const [line] = auditDiff({ permissions: ['leads:read', 'notes:write'] }, { permissions: ['leads:read', 'leads:write'] });
    expect(line.added).toEqual(['leads:write']);
    expect(line.removed).toEqual(['notes:write']);
    expect(line.after).toBe('leads:read, leads:write');
  });

  it('lists of objects read by name with their other fields', () => {
    const before = { statuses: [{ id: 'new', name: 'New', outcome: 'OPEN' }, { id: 'won', name: 'Won', outcome: 'WON' }] };
    const after = { statuses: [{ id: 'new', name: 'Fresh', outcome: 'OPEN' }, { id: 'won', name: 'Won', outcome: 'WON' }], moves: {} };
    expect(auditDiff(before, after)).toEqual([
      { key: 'statuses', label: 'Statuses', before: 'New (OPEN), Won (WON)', after: 'Fresh (OPEN), Won (WON)' },
    ]);
  });

  it('shows ids as names, booleans as yes/no, camelCase keys as words', () => {
    expect(auditDiff({ primaryOwnerId: ANN, managersMayInviteManagers: false }, { primaryOwnerId: BOB, managersMayInviteManagers: true }, names)).toEqual([
      { key: 'primaryOwnerId', label: 'Primary owner id', before: 'Ann Lee', after: 'Bob Roy' },
      { key: 'managersMayInviteManagers', label: 'Managers may invite managers', before: 'no', after: 'yes' },
    ]);
    expect(formatValue(`custom:${ROLE}`, names)).toBe('custom role Schedulers');
    expect(formatValue('4b4b4b4b-0000-4000-8000-00000000000f', names)).toBe('4b4b4b4b…');
    expect(formatValue('', names)).toBe('(empty)');
    expect(humanKey('billingEmail')).toBe('Billing email');
    expect(humanKey('moves.Demo booked')).toBe('Moves › Demo booked');
  });

  it('names the action, the target and the actor', () => {
    expect(describeAction('member.role-changed')).toBe('Changed a role');
    expect(describeAction('widget.re-sized')).toBe('Widget re sized');
    expect(describeTarget(`user:${ANN}`, names)).toBe('member Ann Lee');
    expect(describeTarget('org:whatever', names)).toBe('the company');
    expect(describeTarget(`portal:${BOB}`, () => undefined)).toBe('portal 3f2a9c1b…');
    expect(describeTarget(null, names)).toBe('');
    expect(describeActor({ actorId: ANN, actor: ANN }, names)).toBe('Ann Lee');
    expect(describeActor({ actorId: null, actor: 'system' }, names)).toBe('Switchboard (automatic)');
    expect(describeActor({ actorId: BOB, actor: BOB }, () => undefined)).toBe('someone (3f2a9c1b…)');
  });

  it('names the moves of a lead statuses change by status name', () => {
    const before = { statuses: [{ id: 'new', name: 'New', outcome: 'OPEN' }, { id: 'contacted', name: 'Contacted', outcome: 'OPEN' }] };
    const after = { statuses: [{ id: 'new', name: 'Fresh', outcome: 'OPEN' }], moves: { contacted: 'new', gone: 'x' } };
    expect(withStatusNames(before, after)).toEqual({ ...after, moves: { Contacted: 'Fresh', gone: 'x' } });
    expect(withStatusNames(before, { role: 'AGENT' })).toEqual({ role: 'AGENT' });
  });
});
