import { describe, expect, it } from 'vitest';
import {
  allowedStatusesMessage,
  assignableMembers,
  assignProblem,
  closingStatusQuestion,
  groupQueues,
  isAboutItem,
  itemPath,
  noteProblem,
  queueKind,
  withNames,
} from './helpers';
import type { PortalMember, QueueRow } from './types';

const ID = '3f1c2a9e-7b1d-4c55-9a0e-1d2b3c4d5e6f';
const OTHER = '00000000-0000-4000-8000-000000000001';

describe('noteProblem', () => {
  it('asks for text, and refuses more than 4000 characters', () => {
    expect(noteProblem('   ')).toBe('Write the note first.');
    expect(noteProblem('x'.repeat(4000))).toBeUndefined();
    expect(noteProblem('x'.repeat(4003))).toBe('At most 4000 characters: 3 too many.');
  });
});

describe('isAboutItem', () => {
  it('matches a notification whose url ends with the item path', () => {
    expect(isAboutItem({ url: `/orgs/o/portals/p/conversations/${ID}`, tag: 'x' }, 'conversations', ID)).toBe(true);
    expect(isAboutItem({ url: `/orgs/o/portals/p/conversations/${ID}/`, tag: 'x' }, 'conversations', ID)).toBe(true);
    expect(isAboutItem({ url: `/orgs/o/portals/p/leads/${ID}`, tag: 'x' }, 'conversations', ID)).toBe(false);
    expect(isAboutItem({ url: `/orgs/o/portals/p/conversations/${OTHER}`, tag: 'x' }, 'conversations', ID)).toBe(false);
  });

  it('matches a taken-back notification by its tag', () => {
    expect(isAboutItem({ url: '/orgs/o/portals/p/leads', tag: `lead:${ID}` }, 'leads', ID)).toBe(true);
    expect(isAboutItem({ url: '/orgs/o/portals/p/leads', tag: `conversation:${ID}` }, 'leads', ID)).toBe(false);
  });
});

describe('paths and kinds', () => {
  it('builds the item path and tells a lead queue by its channel', () => {
    expect(itemPath('o', 'p', 'leads', ID)).toBe(`/orgs/o/portals/p/leads/${ID}`);
    expect(queueKind('LEAD')).toBe('leads');
    expect(queueKind('SMS')).toBe('conversations');
  });
});

describe('withNames', () => {
  it('puts names in place of the ids of people it knows', () => {
    const names = new Map([[ID, 'Ana Silva']]);
    expect(withNames(`user ${ID} is at capacity on SMS; an admin may force the assignment.`, names)).toBe(
      'Ana Silva is at capacity on SMS; an admin may force the assignment.',
    );
    expect(withNames(`user ${OTHER} is not here`, names)).toBe(`user ${OTHER} is not here`);
  });
});

describe('assignProblem', () => {
  it('says what the rules refused, about the person, and who can go past them', () => {
    expect(assignProblem('over-capacity', 'Ana', 'is at capacity on SMS', false)).toBe(
      'Ana is at capacity on SMS. An owner or admin can assign it anyway.',
    );
    expect(assignProblem('not-eligible', 'Ana', 'has no SMS for this client', true)).toBe(
      'Ana has no SMS for this client in their routing profile. Tick “Assign anyway” to go past the rules.',
    );
    expect(assignProblem('takes-no-work', 'Ana', undefined, true)).toContain('even when forced');
    expect(assignProblem('forbidden', 'Ana', undefined, true)).toBeUndefined();
  });
});

describe('assignableMembers', () => {
  const m = (userId: string, displayName: string, available: boolean, orgRole = 'AGENT'): PortalMember => ({
    userId,
    displayName,
    email: `${userId}@x.test`,
    orgRole,
    portalRole: 'EMPLOYEE',
    available,
  });
  it('leaves viewers out and lists the available first, then by name', () => {
    const list = assignableMembers([m('1', 'Zoe', true), m('2', 'Bob', false), m('3', 'Vic', true, 'VIEWER'), m('4', 'Ana', true)]);
    expect(list.map((x) => x.displayName)).toEqual(['Ana', 'Zoe', 'Bob']);
  });
});

describe('lead statuses', () => {
  const statuses = [
    { id: 'new', name: 'New', outcome: 'OPEN' as const },
    { id: 'won', name: 'Won', outcome: 'WON' as const },
  ];
  it('names the allowed statuses of a 400', () => {
    expect(allowedStatusesMessage({ allowedStatusIds: ['new', 'won', 'gone'] }, statuses)).toBe(
      'That status is no longer in the list. Choose one of: New, Won, gone.',
    );
    expect(allowedStatusesMessage({}, statuses)).toBeUndefined();
  });
  it('asks before a closing status only', () => {
    expect(closingStatusQuestion(statuses[0])).toBeUndefined();
    expect(closingStatusQuestion(statuses[1])).toContain('Mark this lead won');
  });
});

describe('groupQueues', () => {
  const row = (teamId: string | null, channel: string, clientId: string, oldest: number, positions: number[]): QueueRow => ({
    portalId: 'p',
    teamId,
    channel,
    clientId,
    length: positions.length,
    oldestWaitSeconds: oldest,
    items: positions.map((position) => ({ id: `${teamId}-${channel}-${position}`, externalId: `e${position}`, position, waitingSeconds: 10 })),
  });
  it('groups by team (the portal queue first), rows by channel then client, items by position', () => {
    const groups = groupQueues(
      [row('t2', 'SMS', 'c1', 30, [2, 1]), row(null, 'LEAD', 'c1', 5, [1]), row('t1', 'SMS', 'c2', 50, [1]), row('t2', 'EMAIL', 'c2', 90, [1])],
      new Map([
        ['t1', 'Alpha'],
        ['t2', 'Beta'],
      ]),
      new Map([
        ['c1', 'Acme'],
        ['c2', 'Zed'],
      ]),
      (c) => (c === 'SMS' ? 'SMS' : 'Email'),
    );
    expect(groups.map((g) => g.teamName)).toEqual(['Portal queue (no team)', 'Alpha', 'Beta']);
    expect(groups[0].rows[0].channelLabel).toBe('Leads');
    const beta = groups[2];
    expect(beta.rows.map((r) => `${r.channelLabel}/${r.clientName}`)).toEqual(['Email/Zed', 'SMS/Acme']);
    expect(beta.rows[1].items.map((i) => i.position)).toEqual([1, 2]);
    expect(beta.length).toBe(3);
    expect(beta.oldestWaitSeconds).toBe(90);
  });
});
