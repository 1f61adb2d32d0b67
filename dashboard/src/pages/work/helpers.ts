/** Pure helpers of the work item and queue screens (tested in helpers.test.ts). */
import type { Kind, LeadStatus, PortalMember, QueueRow } from './types';

export const NOTE_MAX = 4000;

/** What is wrong with a note before it is sent, in words; undefined when it may be sent. */
export function noteProblem(text: string): string | undefined {
  if (!text.trim()) return 'Write the note first.';
  if (text.length > NOTE_MAX) return `At most ${NOTE_MAX} characters: ${text.length - NOTE_MAX} too many.`;
  return undefined;
}

/** The app path of a conversation or lead. */
export function itemPath(orgId: string, portalId: string, kind: Kind, id: string): string {
  return `/orgs/${orgId}/portals/${portalId}/${kind}/${id}`;
}

/** The kind of a queue row's items: lead queues have the pseudo-channel LEAD. */
export function queueKind(channel: string): Kind {
  return channel === 'LEAD' ? 'leads' : 'conversations';
}

/**
 * Whether a notification is about this item: its url ends with the item's path (…/conversations/<id>), or its
 * tag names it ("conversation:<id>", "lead:<id>": also when it was taken back, whose url is the list's).
 */
export function isAboutItem(notification: { url?: string | null; tag?: string | null }, kind: Kind, id: string): boolean {
  const url = (notification.url ?? '').replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (url.endsWith(`/${kind}/${id}`)) return true;
  const tag = kind === 'conversations' ? `conversation:${id}` : `lead:${id}`;
  return notification.tag === tag;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A detail from the API with the ids of people it names replaced by their names ("user <id>" → "Ana"). */
export function withNames(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(new RegExp(`(?:user )?(${UUID.source})`, 'gi'), (whole, id: string) => names.get(id.toLowerCase()) ?? whole);
}

/**
 * An assignment refused by the rules, as a sentence about the person (the API's field message for `userId` says
 * what exactly: "is at capacity on SMS", "has no SMS for this client"); undefined for other problems.
 */
export function assignProblem(kind: string, name: string, fieldMessage: string | undefined, canForce: boolean): string | undefined {
  const anyway = canForce ? ' Tick “Assign anyway” to go past the rules.' : ' An owner or admin can assign it anyway.';
  switch (kind) {
    case 'over-capacity':
      return `${name} ${fieldMessage ?? 'is at capacity'}.${anyway}`;
    case 'not-eligible':
      return `${name} ${fieldMessage ?? 'may not take this work'} in their routing profile.${anyway}`;
    case 'not-in-portal':
      return `${name} is not a member of this portal.`;
    case 'takes-no-work':
      return `${name} takes no work (a viewer, or deactivated), even when forced.`;
    case 'work-closed':
      return 'This is closed: it cannot be assigned any more.';
    default:
      return undefined;
  }
}

/** Portal members who may be given work (viewers take none): available first, then by name. */
export function assignableMembers(members: readonly PortalMember[]): PortalMember[] {
  return members
    .filter((m) => m.orgRole !== 'VIEWER')
    .sort((a, b) => Number(b.available) - Number(a.available) || memberName(a).localeCompare(memberName(b)));
}

export function memberName(m: { displayName?: string | null; email?: string | null; userId?: string }): string {
  return m.displayName || m.email || 'Someone';
}

/** The message that the lead statuses changed, from a 400 naming `statusId` with `allowedStatusIds`. */
export function allowedStatusesMessage(problem: Record<string, unknown>, statuses: readonly LeadStatus[]): string | undefined {
  const allowed = problem.allowedStatusIds;
  if (!Array.isArray(allowed)) return undefined;
  const byId = new Map(statuses.map((s) => [s.id, s.name]));
  const names = allowed.map((id) => byId.get(String(id)) ?? String(id));
  return `That status is no longer in the list. Choose one of: ${names.join(', ')}.`;
}

/** The question to ask before a status that closes the lead; undefined for an open status. */
export function closingStatusQuestion(status: LeadStatus | undefined): string | undefined {
  if (!status || status.outcome === 'OPEN') return undefined;
  return `Mark this lead ${status.outcome === 'WON' ? 'won' : 'lost'} (“${status.name}”)? This closes it: its status cannot change again.`;
}

export type QueueGroup = {
  teamId: string | null;
  teamName: string;
  rows: (QueueRow & { clientName: string; channelLabel: string })[];
  length: number;
  oldestWaitSeconds: number;
};

/**
 * The queue rows grouped by team (the portal's own queue, without a team, first; then teams by name), each
 * team's rows by channel then client name; lengths and oldest waits summed up per team.
 */
export function groupQueues(
  rows: readonly QueueRow[],
  teamNames: ReadonlyMap<string, string>,
  clientNames: ReadonlyMap<string, string>,
  channelLabel: (channel: string) => string,
): QueueGroup[] {
  const groups = new Map<string, QueueGroup>();
  for (const row of rows) {
    const key = row.teamId ?? '';
    let group = groups.get(key);
    if (!group) {
      group = {
        teamId: row.teamId ?? null,
        teamName: row.teamId ? (teamNames.get(row.teamId) ?? 'A team') : 'Portal queue (no team)',
        rows: [],
        length: 0,
        oldestWaitSeconds: 0,
      };
      groups.set(key, group);
    }
    group.rows.push({
      ...row,
      clientName: clientNames.get(row.clientId) ?? 'Unknown client',
      channelLabel: row.channel === 'LEAD' ? 'Leads' : channelLabel(row.channel),
      items: [...row.items].sort((a, b) => a.position - b.position),
    });
    group.length += row.length;
    group.oldestWaitSeconds = Math.max(group.oldestWaitSeconds, row.oldestWaitSeconds);
  }
  const list = [...groups.values()];
  for (const g of list) {
    g.rows.sort((a, b) => a.channelLabel.localeCompare(b.channelLabel) || a.clientName.localeCompare(b.clientName));
  }
  return list.sort((a, b) => (a.teamId === null ? -1 : b.teamId === null ? 1 : a.teamName.localeCompare(b.teamName)));
}
