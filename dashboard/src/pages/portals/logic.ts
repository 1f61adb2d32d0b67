/** Pure helpers of the portal, team, client and routing-profile screens (tested in logic.test.ts). */
import { CHANNELS, type Channel, type OrgMember, type Portal, type PortalMember, type PortalOverviewRow, type RoutingProfile, type Strategy } from './types';

export const MAX_CAPACITY = 100;
export const MAX_REROUTE_MINUTES = 10080;

export const STRATEGIES: readonly { value: Strategy; label: string; hint: string }[] = [
  { value: 'ROUND_ROBIN', label: 'Round Robin', hint: 'Each new item goes to the next available member in turn.' },
  { value: 'LOAD_BALANCED', label: 'Load Balanced', hint: 'Each new item goes to the available member with the lowest load.' },
  { value: 'MANUAL', label: 'Manual', hint: 'New items wait in the queue until a manager assigns them.' },
];

export function strategyName(strategy: string): string {
  return STRATEGIES.find((s) => s.value === strategy)?.label ?? strategy;
}

export function personName(m: { displayName?: string | null; email?: string | null }): string {
  return m.displayName?.trim() || m.email || 'Someone';
}

export function byName<T extends { displayName?: string | null; email?: string | null }>(a: T, b: T): number {
  return personName(a).localeCompare(personName(b));
}

// ---------------------------------------------------------------- portals

/** A portal of the list with the overview's live numbers (undefined when the overview has no row for it, e.g. archived). */
export type PortalRow = Portal & { stats?: PortalOverviewRow };

/** The portals with their overview rows: the default first, then by name, archived ones last. */
export function portalRows(portals: readonly Portal[], overview: readonly PortalOverviewRow[] | undefined): PortalRow[] {
  const stats = new Map((overview ?? []).map((row) => [row.portalId, row]));
  return portals
    .map((p) => ({ ...p, stats: stats.get(p.id) }))
    .sort((a, b) => Number(a.archived) - Number(b.archived) || Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}

export type PortalForm = { name: string; description: string; accentColor: string };

/** What is wrong with a portal form before it is sent, keyed by the API's field names; empty when it may be sent. */
export function portalFormProblems(form: PortalForm): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = form.name.trim();
  if (!name) problems.name = 'Give the portal a name.';
  else if (name.length > 100) problems.name = 'At most 100 characters.';
  if (form.description.length > 500) problems.description = 'At most 500 characters.';
  if (form.accentColor && !/^#[0-9a-fA-F]{6}$/.test(form.accentColor)) problems.accentColor = 'A colour like #1f4e79.';
  return problems;
}

/** The body of POST .../portals: empty optional fields left out. */
export function createPortalBody(form: PortalForm): { name: string; description?: string; accentColor?: string } {
  const body: { name: string; description?: string; accentColor?: string } = { name: form.name.trim() };
  if (form.description.trim()) body.description = form.description.trim();
  if (form.accentColor) body.accentColor = form.accentColor.toLowerCase();
  return body;
}

/** The body of PATCH .../portals/{id}: only what changed; "" clears description or colour. */
export function updatePortalBody(before: Portal, form: PortalForm): Record<string, string> {
  const body: Record<string, string> = {};
  if (form.name.trim() !== before.name) body.name = form.name.trim();
  if (form.description.trim() !== (before.description ?? '')) body.description = form.description.trim();
  if (form.accentColor.toLowerCase() !== (before.accentColor ?? '').toLowerCase()) body.accentColor = form.accentColor.toLowerCase();
  return body;
}

/** The question before archiving: what happens to its people and its open work. */
export function archiveQuestion(portal: { name: string }, defaultPortal: { name: string } | undefined): string {
  const target = defaultPortal ? `the default portal (“${defaultPortal.name}”)` : 'the default portal';
  return (
    `Archive “${portal.name}”? Its members leave it and its open conversations and leads move to ${target}. ` +
    'Archived portals stay visible to admins under “Show archived portals”.'
  );
}

/** Whether the caller may manage a portal's people: OWNER/ADMIN, or the portal's MANAGER. */
export function managesPortal(isAdmin: boolean, myPortalRole: string | null | undefined): boolean {
  return isAdmin || myPortalRole === 'MANAGER';
}

// ---------------------------------------------------------------- portal members

/**
 * A portal MANAGER's reach (docs/permissions.md): the portals they manage and the default portal, which does not
 * count; undefined for OWNER/ADMIN, who may add anyone.
 */
export type Reach = { managedPortalIds: readonly string[]; defaultPortalId?: string };

/**
 * Active org members who are not yet in the portal, by name. Within a manager's reach only AGENTs and VIEWERs who
 * work in no other portal but the default one and those the manager manages.
 */
export function addableMembers(orgMembers: readonly OrgMember[], portalMembers: readonly PortalMember[], reach?: Reach): OrgMember[] {
  const inPortal = new Set(portalMembers.map((m) => m.userId));
  return orgMembers
    .filter((m) => m.status === 'ACTIVE' && !inPortal.has(m.userId))
    .filter(
      (m) =>
        !reach ||
        ((m.role === 'AGENT' || m.role === 'VIEWER') &&
          (m.portals ?? []).every((p) => p.portalId === reach.defaultPortalId || reach.managedPortalIds.includes(p.portalId))),
    )
    .sort(byName);
}

/** What the caller may do in a portal's settings (the API decides in the end; this only hides what it would refuse). */
export type PortalAbilities = {
  /** add EMPLOYEEs, remove EMPLOYEEs */
  manageMembers: boolean;
  /** make someone a portal MANAGER (or back), remove a MANAGER */
  manageRoles: boolean;
  /** change the portal's routing settings */
  manageRouting: boolean;
  /** toggle the availability of someone else */
  toggleOthers: boolean;
  /** toggle their own availability (everyone but VIEWERs) */
  toggleSelf: boolean;
};

/**
 * {@code permissions}: the caller's permission keys (from their member record), undefined when unknown: then an org
 * MANAGER is taken to hold the built-in MANAGER's (members:manage, availability:manage, routing:manage).
 */
export function portalAbilities(orgRole: string, myPortalRole: string | null | undefined, permissions?: readonly string[]): PortalAbilities {
  const admin = orgRole === 'OWNER' || orgRole === 'ADMIN';
  if (admin) return { manageMembers: true, manageRoles: true, manageRouting: true, toggleOthers: true, toggleSelf: true };
  const holds = (key: string) => (permissions ? permissions.includes(key) : orgRole === 'MANAGER');
  const portalManager = myPortalRole === 'MANAGER';
  const custom = orgRole.startsWith('custom:');
  return {
    manageMembers: portalManager && holds('members:manage'),
    manageRoles: false,
    manageRouting: portalManager && holds('routing:manage'),
    toggleOthers: (portalManager || custom) && holds('availability:manage'),
    toggleSelf: orgRole !== 'VIEWER',
  };
}

/** The portal roles the caller may give: only OWNER/ADMIN make someone a portal MANAGER. */
export function assignablePortalRoles(isAdmin: boolean): ('EMPLOYEE' | 'MANAGER')[] {
  return isAdmin ? ['EMPLOYEE', 'MANAGER'] : ['EMPLOYEE'];
}

export function portalRoleName(role: string): string {
  return role === 'MANAGER' ? 'Manager' : role === 'EMPLOYEE' ? 'Employee' : role;
}

// ---------------------------------------------------------------- portal routing settings

export type PortalRoutingForm = { strategy: Strategy; rerouteAfter: string; leadsCapacityBound: boolean };

/** The body of PUT .../routing/portals/{id}, or the problems by field name (rerouteAfter '' = never). */
export function portalRoutingBody(
  form: PortalRoutingForm,
): { body: { strategy: Strategy; rerouteAwayAfterMinutes: number | null; leadsCapacityBound: boolean } } | { problems: Record<string, string> } {
  const text = form.rerouteAfter.trim();
  let minutes: number | null = null;
  if (text) {
    minutes = Number(text);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_REROUTE_MINUTES) {
      return { problems: { rerouteAwayAfterMinutes: `A whole number of minutes from 1 to ${MAX_REROUTE_MINUTES} (7 days), or empty for never.` } };
    }
  }
  return { body: { strategy: form.strategy, rerouteAwayAfterMinutes: minutes, leadsCapacityBound: form.leadsCapacityBound } };
}

// ---------------------------------------------------------------- teams

/** Portal members who may still join a team (members must be in the team's portal), by name. */
export function teamCandidates(portalMembers: readonly PortalMember[], memberIds: readonly string[]): PortalMember[] {
  const inTeam = new Set(memberIds);
  return portalMembers.filter((m) => !inTeam.has(m.userId)).sort(byName);
}

export function teamNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Give the team a name.';
  if (trimmed.length > 100) return 'At most 100 characters.';
  return undefined;
}

// ---------------------------------------------------------------- clients

export function clientNameProblem(name: string, others: readonly { name: string }[]): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Give the client a name.';
  if (trimmed.length > 100) return 'At most 100 characters.';
  if (others.some((c) => c.name.trim().toLowerCase() === trimmed.toLowerCase())) return 'There is already a client with this name.';
  return undefined;
}

// ---------------------------------------------------------------- routing profile

/**
 * The routing-profile form: per channel whether the member has it and its capacity (text, as typed), per client
 * the channels they handle it on, and the lead capacity ('' = leads are not capacity-bound for them).
 */
export type ProfileForm = {
  channels: Record<Channel, { on: boolean; capacity: string }>;
  clients: Record<string, Channel[]>;
  leadCapacity: string;
};

const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

export function profileForm(profile: Pick<RoutingProfile, 'channels' | 'clients' | 'leadCapacity'>): ProfileForm {
  const channels = {} as ProfileForm['channels'];
  for (const c of CHANNELS) {
    const capacity = profile.channels[c];
    channels[c] = capacity === undefined ? { on: false, capacity: '' } : { on: true, capacity: String(capacity) };
  }
  const clients: Record<string, Channel[]> = {};
  for (const [clientId, list] of Object.entries(profile.clients ?? {})) {
    clients[clientId] = CHANNELS.filter((c) => list.includes(c) && channels[c].on);
  }
  return { channels, clients, leadCapacity: profile.leadCapacity == null ? '' : String(profile.leadCapacity) };
}

/** Turns a channel on or off; off also takes it out of every client (a client's channels stay among the allowed ones). */
export function setChannel(form: ProfileForm, channel: Channel, on: boolean): ProfileForm {
  const current = form.channels[channel];
  const channels = { ...form.channels, [channel]: { on, capacity: on && !current.capacity ? '1' : current.capacity } };
  if (on) return { ...form, channels };
  const clients: Record<string, Channel[]> = {};
  for (const [id, list] of Object.entries(form.clients)) clients[id] = list.filter((c) => c !== channel);
  return { ...form, channels, clients };
}

export function setCapacity(form: ProfileForm, channel: Channel, capacity: string): ProfileForm {
  return { ...form, channels: { ...form.channels, [channel]: { ...form.channels[channel], capacity } } };
}

/** Adds or takes away a channel of a client; a channel the member doesn't have can't be added. */
export function setClientChannel(form: ProfileForm, clientId: string, channel: Channel, on: boolean): ProfileForm {
  if (on && !form.channels[channel].on) return form;
  const list = form.clients[clientId] ?? [];
  const next = on ? CHANNELS.filter((c) => c === channel || list.includes(c)) : list.filter((c) => c !== channel);
  return { ...form, clients: { ...form.clients, [clientId]: next } };
}

/** Whether a client's channel box may be ticked: only a channel the member has. */
export function clientChannelEnabled(form: ProfileForm, channel: Channel): boolean {
  return form.channels[channel].on;
}

function capacityOf(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 0 && n <= MAX_CAPACITY ? n : undefined;
}

export type ProfileBody = { channels: Record<string, number>; clients: Record<string, string[]>; leadCapacity: number | null };

/**
 * The body of PUT .../routing-profile from the form, or the problems keyed as the API names them
 * (`channels.SMS`, `leadCapacity`). Clients without a channel are left out; a client's channels are only allowed ones.
 * {@code liveClientIds}: clients of the org that still exist (others are dropped, as the API would refuse them).
 */
export function profileBody(form: ProfileForm, liveClientIds?: readonly string[]): { body: ProfileBody } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const channels: Record<string, number> = {};
  for (const c of CHANNELS) {
    const { on, capacity } = form.channels[c];
    if (!on) continue;
    const n = capacityOf(capacity);
    if (n === undefined) problems[`channels.${c}`] = `Capacity must be a whole number from 0 to ${MAX_CAPACITY}.`;
    else channels[c] = n;
  }
  let leadCapacity: number | null = null;
  if (form.leadCapacity.trim()) {
    const n = capacityOf(form.leadCapacity);
    if (n === undefined) problems.leadCapacity = `A whole number from 0 to ${MAX_CAPACITY}, or empty for no limit.`;
    else leadCapacity = n;
  }
  if (Object.keys(problems).length > 0) return { problems };
  const live = liveClientIds ? new Set(liveClientIds) : undefined;
  const clients: Record<string, string[]> = {};
  for (const [id, list] of Object.entries(form.clients)) {
    if (live && !live.has(id)) continue;
    const allowed = CHANNELS.filter((c) => list.includes(c) && c in channels);
    if (allowed.length > 0) clients[id] = allowed;
  }
  return { body: { channels, clients, leadCapacity } };
}

/** The API's field error about one client (`clients.<id>` or `clients.<id>[i]`), if any. */
export function clientError(fields: Record<string, string>, clientId: string): string | undefined {
  const prefix = `clients.${clientId}`;
  for (const [field, message] of Object.entries(fields)) {
    if (field === prefix || field.startsWith(`${prefix}[`)) return message;
  }
  return undefined;
}

/** Field errors that no field of the form shows (so they are listed with the general error). */
export function unplacedErrors(fields: Record<string, string>, clientIds: readonly string[]): Record<string, string> {
  const rest: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    const channel = field.startsWith('channels.') ? field.slice('channels.'.length) : undefined;
    if (channel && isChannel(channel)) continue;
    if (field === 'leadCapacity') continue;
    if (clientIds.some((id) => field === `clients.${id}` || field.startsWith(`clients.${id}[`))) continue;
    rest[field] = message;
  }
  return rest;
}

/**
 * Whether the caller may change a member's routing profile: OWNER/ADMIN for anyone; a portal MANAGER holding
 * `routing:manage` for members of the portals they manage, never for an OWNER or ADMIN.
 * {@code permissions} undefined: an org MANAGER is taken to hold it.
 */
export function mayEditProfile(
  myRole: string,
  permissions: readonly string[] | undefined,
  managedPortalIds: readonly string[],
  target: Pick<OrgMember, 'role' | 'portals'>,
): boolean {
  if (myRole === 'OWNER' || myRole === 'ADMIN') return true;
  if (target.role === 'OWNER' || target.role === 'ADMIN') return false;
  const holds = permissions ? permissions.includes('routing:manage') : myRole === 'MANAGER';
  return holds && (target.portals ?? []).some((p) => managedPortalIds.includes(p.portalId));
}

/** Open work on channels the member no longer has (it stays theirs until closed): "SMS 2". */
export function openOnRemovedChannels(openCounts: Record<string, number>, form: ProfileForm): { channel: string; open: number }[] {
  return Object.entries(openCounts)
    .filter(([c, n]) => n > 0 && !(isChannel(c) && form.channels[c].on))
    .map(([channel, open]) => ({ channel, open }));
}
