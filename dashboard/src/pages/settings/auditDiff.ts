/**
 * Audit log entries in words: what was done ({@code action}), to what ({@code target}: `user:<id>`,
 * `portal:<id>`, `org:<id>` …), by whom, and the before/after states as a short "key: old → new" list
 * instead of raw JSON. Ids are shown as names where the screen knows them.
 */

export type AuditEntry = {
  id: number;
  actorId?: string | null;
  actor?: string | null;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  at: string;
};

export type AuditPage = { entries: AuditEntry[]; nextBefore?: number | null };

/** Looks up a display name for an id (member, portal, role, team, client); undefined when unknown. */
export type Names = (id: string) => string | undefined;

/**
 * One line of a diff. {@code before}/{@code after} are display text, undefined when the side has no value
 * (set for the first time, or removed). Lists of plain values also say what was added and removed.
 */
export type DiffLine = { key: string; label: string; before?: string; after?: string; added?: string[]; removed?: string[] };

const ACTIONS: Record<string, string> = {
  'org.created': 'Created the company',
  'org.updated': 'Changed the company settings',
  'org.deleted': 'Deleted the company',
  'org.plan-changed': 'Changed the plan',
  'member.joined': 'Joined',
  'member.join-ignored': 'Joined again (already a member; ignored)',
  'member.role-changed': 'Changed a role',
  'member.removed': 'Removed a member',
  'member.deactivated': 'Deactivated a member',
  'member.reactivated': 'Reactivated a member',
  'member.left': 'Left the company',
  'invitation.revoked': 'Revoked an invitation',
  'ownership.transfer-requested': 'Offered primary ownership',
  'ownership.transfer-cancelled': 'Cancelled the ownership offer',
  'ownership.transferred': 'Transferred primary ownership',
  'role.created': 'Created a custom role',
  'role.updated': 'Changed a custom role',
  'role.deleted': 'Deleted a custom role',
  'portal.created': 'Created a portal',
  'portal.updated': 'Changed a portal',
  'portal.archived': 'Archived a portal',
  'portal.member-added': 'Added someone to a portal',
  'portal.member-removed': 'Removed someone from a portal',
  'portal.member-role-changed': 'Changed a portal role',
  'availability.changed': 'Changed availability',
  'client.created': 'Created a client',
  'client.renamed': 'Renamed a client',
  'client.deleted': 'Deleted a client',
  'team.created': 'Created a team',
  'team.updated': 'Changed a team',
  'team.deleted': 'Deleted a team',
  'team.member.added': 'Added someone to a team',
  'team.member.removed': 'Removed someone from a team',
  'routing.profile.updated': 'Changed a routing profile',
  'routing.settings.updated': "Changed a portal's routing settings",
  'routing.lead-statuses.updated': 'Changed the lead statuses',
  'conversation.assigned.forced': 'Assigned a conversation over the rules (forced)',
  'routing.lead.assigned.forced': 'Assigned a lead over the rules (forced)',
};

/** The action in words; an unknown one as its own words ("widget.re-sized" -> "Widget re sized"). */
export function describeAction(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TARGET_KINDS: Record<string, string> = {
  user: 'member',
  portal: 'portal',
  org: 'company',
  role: 'role',
  invitation: 'invitation',
  team: 'team',
  client: 'client',
  conversation: 'conversation',
  lead: 'lead',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as a person reads it: its name when known, else a short form ("id 3f2a9c1b…"). */
export function nameOrShortId(id: string, names: Names): string {
  const name = names(id);
  if (name) return name;
  return UUID.test(id) ? `${id.slice(0, 8)}…` : id;
}

/** `user:<id>` -> "member Ann Lee"; `org:<id>` -> "the company"; nothing -> "". */
export function describeTarget(target: string | null | undefined, names: Names): string {
  if (!target) return '';
  const colon = target.indexOf(':');
  if (colon < 0) return target;
  const kind = target.slice(0, colon);
  const id = target.slice(colon + 1);
  if (kind === 'org') return 'the company';
  const word = TARGET_KINDS[kind] ?? kind;
  return `${word} ${nameOrShortId(id, names)}`;
}

/** Who acted: a member's name, or the platform ("system", "billing"). */
export function describeActor(entry: Pick<AuditEntry, 'actorId' | 'actor'>, names: Names): string {
  if (entry.actorId) return names(entry.actorId) ?? (entry.actor && entry.actor !== entry.actorId ? entry.actor : `someone (${entry.actorId.slice(0, 8)}…)`);
  if (entry.actor === 'system') return 'Switchboard (automatic)';
  if (entry.actor === 'billing') return 'Billing';
  return entry.actor || 'unknown';
}

/** "managersMayInviteManagers" -> "Managers may invite managers"; "moves.Demo booked" -> "Moves › Demo booked". */
export function humanKey(path: string): string {
  return path
    .split('.')
    .map((segment, i) => {
      // nested keys are names (a channel, a status, a client id): as they are
      if (i > 0 || UUID.test(segment) || /^[A-Z0-9_]+$/.test(segment)) return segment;
      const words = segment.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
      return words.charAt(0).toUpperCase() + words.slice(1);
    })
    .join(' › ');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A single value as text: names for ids, yes/no, "none" for null, lists joined. */
export function formatValue(value: unknown, names: Names): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (value === '') return '(empty)';
    if (UUID.test(value)) return nameOrShortId(value, names);
    if (value.startsWith('custom:') && UUID.test(value.slice(7))) return `custom role ${nameOrShortId(value.slice(7), names)}`;
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => formatItem(v, names)).join(', ');
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k}: ${formatValue(v, names)}`).join('; ');
  }
  return String(value);
}

/** A list item: an object by its name (or id) with its other plain fields in brackets: "Won (WON)". */
function formatItem(item: unknown, names: Names): string {
  if (!isPlainObject(item)) return formatValue(item, names);
  const title = item.name ?? item.displayName ?? item.email ?? item.id;
  const extras = Object.entries(item)
    .filter(([k, v]) => !['name', 'displayName', 'email', 'id'].includes(k) && (typeof v !== 'object' || v === null))
    .map(([, v]) => formatValue(v, names));
  const head = title === undefined ? '' : formatValue(title, names);
  if (!head) return extras.join(', ') || '{}';
  return extras.length ? `${head} (${extras.join(', ')})` : head;
}

/** Flattens nested objects into dotted paths; arrays and plain values are leaves. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>, depth = 0): void {
  if (isPlainObject(value) && depth < 4) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  } else if (prefix) {
    out.set(prefix, value);
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The lines of an entry's before/after: every key whose value differs, in the order the states give them
 * (after's first). A key on one side only is a value set for the first time or removed.
 */
export function auditDiff(before: unknown, after: unknown, names: Names = () => undefined): DiffLine[] {
  const was = new Map<string, unknown>();
  const now = new Map<string, unknown>();
  flatten(isPlainObject(before) ? before : {}, '', was);
  flatten(isPlainObject(after) ? after : {}, '', now);
  const keys = [...now.keys(), ...[...was.keys()].filter((k) => !now.has(k))];
  const lines: DiffLine[] = [];
  for (const key of keys) {
    const hadIt = was.has(key);
    const hasIt = now.has(key);
    const b = was.get(key);
    const a = now.get(key);
    if (hadIt && hasIt && same(a, b)) continue;
    const line: DiffLine = { key, label: humanKey(key) };
    if (hadIt) line.before = formatValue(b, names);
    if (hasIt) line.after = formatValue(a, names);
    if (Array.isArray(a) && Array.isArray(b) && [...a, ...b].every((v) => typeof v !== 'object' || v === null)) {
      const added = a.filter((v) => !b.some((w) => same(v, w)));
      const removed = b.filter((v) => !a.some((w) => same(v, w)));
      if (added.length) line.added = added.map((v) => formatValue(v, names));
      if (removed.length) line.removed = removed.map((v) => formatValue(v, names));
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A lead statuses change names its moves by status id ({"contacted": "qualified"}); this reads them by the
 * statuses' names from the entry's own before/after lists ({"Contacted": "Qualified"}).
 */
export function withStatusNames(before: unknown, after: unknown): unknown {
  if (!isPlainObject(after) || !isPlainObject(after.moves)) return after;
  const names = new Map<string, string>();
  for (const list of [isPlainObject(before) ? before.statuses : undefined, after.statuses]) {
    if (!Array.isArray(list)) continue;
    for (const s of list) if (isPlainObject(s) && typeof s.id === 'string' && typeof s.name === 'string') names.set(s.id, s.name);
  }
  const moves = Object.fromEntries(Object.entries(after.moves).map(([from, to]) => [names.get(from) ?? from, typeof to === 'string' ? names.get(to) ?? to : to]));
  return { ...after, moves };
}
