// Pure helpers of the Members screen: the address list, who may give which role and manage whom, and the
// bodies of POST .../invitations, .../invitations/batch and .../users built from the "Add user" form.

export const CHANNELS = ['SMS', 'LIVE_CHAT', 'FACEBOOK', 'WHATSAPP', 'EMAIL', 'INSTAGRAM'] as const;
export type Channel = (typeof CHANNELS)[number];
const CHANNEL_NAMES: Record<Channel, string> = {
  SMS: 'SMS',
  LIVE_CHAT: 'Live chat',
  FACEBOOK: 'Facebook',
  WHATSAPP: 'WhatsApp',
  EMAIL: 'Email',
  INSTAGRAM: 'Instagram',
};
export const channelLabel = (c: Channel) => CHANNEL_NAMES[c];
export const MAX_CAPACITY = 100;
/** The seed's words when the plan has no seat left. */
export const MORE_SEATS = 'Need more seats? Contact support or upgrade your plan.';
/** identity-service takes 1 to 100 invitations per batch. */
export const MAX_BATCH = 100;

export const BUILT_IN_ROLES = ['OWNER', 'ADMIN', 'MANAGER', 'AGENT', 'VIEWER'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

export type PortalRef = { portalId: string; portalRole: 'EMPLOYEE' | 'MANAGER' | string };
export type Member = {
  userId: string;
  email: string;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  role: string;
  status: 'ACTIVE' | 'DEACTIVATED' | string;
  joinedAt?: string;
  permissions: string[];
  portals: PortalRef[];
};
export type CustomRole = { id: string; name: string; role: string; permissions: string[] };
export type Portal = { id: string; name: string; isDefault: boolean; archived?: boolean; myPortalRole?: string | null };
export type Team = { id: string; portalId: string; name: string; strategy: string; memberIds?: string[] };
export type Client = { id: string; name: string };
export type RoutingSetup = { channels?: Partial<Record<Channel, number>>; clients?: Record<string, Channel[]>; teamIds?: string[] };
export type InviteBody = {
  email: string;
  role: string;
  portalIds?: string[];
  firstName?: string;
  lastName?: string;
  phone?: string;
  routing?: RoutingSetup;
};
export type CreateUserBody = { fullName: string; email: string; password: string; role: string; portalIds?: string[]; routing?: RoutingSetup };

// ---------------------------------------------------------------- addresses

export type ParsedAddresses = { addresses: string[]; invalid: string[]; repeated: number };

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export function isEmail(address: string): boolean {
  return address.length <= 254 && EMAIL.test(address) && !address.includes('..');
}

/**
 * The addresses typed or pasted into "Add user": one per line, or separated by commas, semicolons or spaces;
 * "Name <address>" keeps the address. Repeats (ignoring case) count once, in first-seen order.
 */
export function parseAddresses(text: string): ParsedAddresses {
  const addresses: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  for (const chunk of text.split(/[\n\r,;]+/)) {
    const bracketed = chunk.match(/<([^<>]*)>/);
    const items = bracketed ? [bracketed[1].trim()] : chunk.split(/\s+/);
    for (const raw of items) {
      const item = raw.trim();
      if (!item) continue;
      const key = item.toLowerCase();
      if (seen.has(key)) {
        repeated++;
        continue;
      }
      seen.add(key);
      (isEmail(item) ? addresses : invalid).push(item);
    }
  }
  return { addresses, invalid, repeated };
}

/** What is wrong with the address list before anything is sent (undefined: nothing). */
export function addressProblem(parsed: ParsedAddresses, direct: boolean): string | undefined {
  if (parsed.invalid.length > 0) {
    return `${parsed.invalid.length === 1 ? 'This is not an email address' : 'These are not email addresses'}: ${parsed.invalid.join(', ')}`;
  }
  if (parsed.addresses.length === 0) return 'Enter an email address.';
  if (direct && parsed.addresses.length > 1) return 'An account is created for one address at a time; send invitations to several.';
  if (parsed.addresses.length > MAX_BATCH) return `At most ${MAX_BATCH} addresses at once (you entered ${parsed.addresses.length}).`;
  return undefined;
}

// ---------------------------------------------------------------- roles and reach

/** The permissions a role gives: a built-in one's from GET /api/permissions, a custom one's from GET .../roles. */
export function permissionsOf(role: string, builtIn: Record<string, string[]>, custom: CustomRole[]): string[] | undefined {
  return builtIn[role] ?? custom.find((r) => r.role === role)?.permissions;
}

const isBuiltIn = (role: string): role is BuiltInRole => (BUILT_IN_ROLES as readonly string[]).includes(role);

/**
 * Whether the actor may give this role (GrantRules of the API): only an owner makes owners, only owners and
 * admins make admins, a MANAGER gives AGENT and VIEWER (and MANAGER when inviting, if the org allows it), and
 * nobody grants a permission they do not hold. The API decides; this only keeps impossible choices out of the lists.
 */
export function mayGive(actorRole: string, actorPermissions: string[], role: string, granted: string[] | undefined, managersMayGiveManager: boolean): boolean {
  const actor = isBuiltIn(actorRole) ? actorRole : undefined;
  if (role === 'OWNER' && actor !== 'OWNER') return false;
  if (role === 'ADMIN' && actor !== 'OWNER' && actor !== 'ADMIN') return false;
  if (actor === 'MANAGER' && role !== 'AGENT' && role !== 'VIEWER' && !(managersMayGiveManager && role === 'MANAGER')) return false;
  if (!granted) return true; // not known here: the API decides
  const held = new Set(actorPermissions);
  return granted.every((p) => held.has(p));
}

export type RoleOption = { value: string; label: string };

const BUILT_IN_LABELS: Record<BuiltInRole, string> = { OWNER: 'Owner', ADMIN: 'Admin', MANAGER: 'Manager', AGENT: 'Agent', VIEWER: 'Viewer' };

export function roleLabel(role: string, custom: CustomRole[] = []): string {
  if (isBuiltIn(role)) return BUILT_IN_LABELS[role];
  return custom.find((r) => r.role === role)?.name ?? 'Custom role';
}

/** The roles the actor may give: the built-in ones, then the org's custom roles, each only if allowed. */
export function grantableRoles(
  actorRole: string,
  actorPermissions: string[],
  builtIn: Record<string, string[]>,
  custom: CustomRole[],
  managersMayGiveManager: boolean,
): RoleOption[] {
  const options: RoleOption[] = [];
  for (const role of BUILT_IN_ROLES) {
    if (mayGive(actorRole, actorPermissions, role, builtIn[role], managersMayGiveManager)) options.push({ value: role, label: BUILT_IN_LABELS[role] });
  }
  for (const role of custom) {
    if (mayGive(actorRole, actorPermissions, role.role, role.permissions, managersMayGiveManager)) options.push({ value: role.role, label: role.name });
  }
  return options;
}

/**
 * Whether the actor may change, deactivate, reactivate or remove the target (EscalationRules of the API): not
 * themselves (leaving is elsewhere), an owner only by an owner, a MANAGER only AGENTs and VIEWERs of a portal
 * they manage, and nobody a member holding permissions they lack.
 */
export function mayManage(actor: Member | undefined, target: Member): boolean {
  if (!actor || actor.userId === target.userId || !actor.permissions.includes('members:manage')) return false;
  const actorOwner = actor.role === 'OWNER';
  if (target.role === 'OWNER' && !actorOwner) return false;
  if (actor.role === 'MANAGER') {
    if (target.role !== 'AGENT' && target.role !== 'VIEWER') return false;
    const managed = new Set(actor.portals.filter((p) => p.portalRole === 'MANAGER').map((p) => p.portalId));
    if (!target.portals.some((p) => managed.has(p.portalId))) return false;
  }
  if (!actorOwner) {
    const held = new Set(actor.permissions);
    if (!target.permissions.every((p) => held.has(p))) return false;
  }
  return true;
}

/**
 * Whether the actor may open the target's routing profile (GET .../routing-profile): OWNER and ADMIN anyone's,
 * everyone their own, and someone holding routing:manage the members (not OWNER or ADMIN) of the portals where
 * they are portal MANAGER.
 */
export function mayOpenRouting(actor: Member | undefined, target: Member): boolean {
  if (!actor) return false;
  if (actor.role === 'OWNER' || actor.role === 'ADMIN' || actor.userId === target.userId) return true;
  if (!actor.permissions.includes('routing:manage') || target.role === 'OWNER' || target.role === 'ADMIN') return false;
  const managed = new Set(actor.portals.filter((p) => p.portalRole === 'MANAGER').map((p) => p.portalId));
  return target.portals.some((p) => managed.has(p.portalId));
}

/** A plain headline for the problems of this screen, by problem kind (undefined: the generic one). */
export function problemHeadline(kind: string): string | undefined {
  return {
    'last-owner': 'An owner must remain.',
    'primary-owner': 'This is the primary owner.',
    'seat-limit-reached': 'No seat left.',
    'already-member': 'Already a member.',
    'member-deactivated': 'They are a deactivated member.',
    'invitation-pending': 'An invitation is already pending.',
    'resend-too-soon': 'Sent a moment ago.',
    'inviter-lost-rights': 'You can no longer give this role.',
    'team-name-taken': 'That team name is taken.',
    'account-exists': 'They already have an account.',
  }[kind];
}

/**
 * The portals a new member will be in, for offering teams: the chosen ones, or with none chosen the default
 * portal for AGENT, MANAGER and custom roles (OWNER, ADMIN and VIEWER then join none). A MANAGER's invitee
 * ({@code inviterManages}: the portals that MANAGER manages) joins the chosen ones among those, or all of them
 * when none of the chosen is.
 */
export function joinedPortals(chosen: string[], role: string, portals: Portal[], inviterManages?: string[]): string[] {
  if (inviterManages) {
    const named = chosen.filter((id) => inviterManages.includes(id));
    return named.length > 0 ? named : [...inviterManages];
  }
  if (chosen.length > 0) return chosen;
  if (role === 'OWNER' || role === 'ADMIN' || role === 'VIEWER') return [];
  const fallback = portals.find((p) => p.isDefault);
  return fallback ? [fallback.id] : [];
}

// ---------------------------------------------------------------- the form's bodies

export type ChannelState = { on: boolean; capacity: string };
export type RoutingState = {
  channels: Record<Channel, ChannelState>;
  /** client id → the channels chosen for it (a channel the member is not allowed is dropped when sending) */
  clients: Record<string, Channel[]>;
  teamIds: string[];
};

export function emptyRouting(): RoutingState {
  const channels = {} as Record<Channel, ChannelState>;
  for (const c of CHANNELS) channels[c] = { on: false, capacity: '1' };
  return { channels, clients: {}, teamIds: [] };
}

export function capacityOf(value: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 0 && n <= MAX_CAPACITY ? n : undefined;
}

/**
 * The "routing" part of an invitation or a direct creation, or undefined when it sets nothing (then the inviter
 * needs no routing:manage). Clients keep only allowed channels, and a client left with none is not sent.
 */
export function buildRouting(state: RoutingState, extraTeamIds: string[] = []): RoutingSetup | undefined {
  const channels: Partial<Record<Channel, number>> = {};
  for (const c of CHANNELS) {
    const s = state.channels[c];
    if (s.on) channels[c] = capacityOf(s.capacity) ?? Number(s.capacity);
  }
  const clients: Record<string, Channel[]> = {};
  for (const [clientId, list] of Object.entries(state.clients)) {
    const allowed = CHANNELS.filter((c) => list.includes(c) && state.channels[c].on);
    if (allowed.length > 0) clients[clientId] = allowed;
  }
  const teamIds = [...new Set([...state.teamIds, ...extraTeamIds])];
  const routing: RoutingSetup = {};
  if (Object.keys(channels).length > 0) routing.channels = channels;
  if (Object.keys(clients).length > 0) routing.clients = clients;
  if (teamIds.length > 0) routing.teamIds = teamIds;
  return Object.keys(routing).length > 0 ? routing : undefined;
}

/** Local problems of the routing part, by the API's field names (routing.channels.SMS ...). */
export function routingProblems(state: RoutingState): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const c of CHANNELS) {
    const s = state.channels[c];
    if (s.on && capacityOf(s.capacity) === undefined) problems[`routing.channels.${c}`] = `capacity must be a whole number from 0 to ${MAX_CAPACITY}`;
  }
  return problems;
}

export type InviteForm = {
  role: string;
  portalIds: string[];
  firstName: string;
  lastName: string;
  phone: string;
  routing: RoutingState;
};

/**
 * One invitation body per address (the batch endpoint takes the list; a single address goes to the single
 * endpoint). Name and phone belong to one person, so they are sent only when there is one address.
 */
export function buildInvitations(form: InviteForm, addresses: string[], extraTeamIds: string[] = []): InviteBody[] {
  const routing = buildRouting(form.routing, extraTeamIds);
  const single = addresses.length === 1;
  return addresses.map((email) => {
    const body: InviteBody = { email, role: form.role };
    if (form.portalIds.length > 0) body.portalIds = [...form.portalIds];
    if (single) {
      if (form.firstName.trim()) body.firstName = form.firstName.trim();
      if (form.lastName.trim()) body.lastName = form.lastName.trim();
      if (form.phone.trim()) body.phone = form.phone.trim();
    }
    if (routing) body.routing = routing;
    return body;
  });
}

/** The body of POST .../users: the account made at once with an initial password. */
export function buildUserCreation(form: InviteForm & { fullName: string; password: string }, email: string, extraTeamIds: string[] = []): CreateUserBody {
  const body: CreateUserBody = { fullName: form.fullName.trim(), email, password: form.password, role: form.role };
  if (form.portalIds.length > 0) body.portalIds = [...form.portalIds];
  const routing = buildRouting(form.routing, extraTeamIds);
  if (routing) body.routing = routing;
  return body;
}

/** A typed team name: an existing team of that portal with that name (ignoring case), or a new one to create. */
export function resolveTeam(name: string, portalId: string, teams: Team[]): { existing?: Team; create?: { portalId: string; name: string; strategy: 'ROUND_ROBIN' } } {
  const trimmed = name.trim();
  if (!trimmed) return {};
  const existing = teams.find((t) => t.portalId === portalId && t.name.trim().toLowerCase() === trimmed.toLowerCase());
  return existing ? { existing } : { create: { portalId, name: trimmed, strategy: 'ROUND_ROBIN' } };
}

// ---------------------------------------------------------------- answers

export type BatchItem = { index: number; status: number; invitation?: { id: string; email: string } | null; problem?: Record<string, unknown> | null };
export type ItemResult = { email: string; ok: boolean; message: string; kind?: string };

/** The 207 answer of the batch endpoint as a line per address: "Invitation sent", or what went wrong in words. */
export function batchResults(addresses: string[], items: BatchItem[]): ItemResult[] {
  return addresses.map((email, index) => {
    const item = items.find((i) => i.index === index);
    if (!item) return { email, ok: false, message: 'No answer for this address; check the pending invitations before trying again.' };
    if (item.status >= 200 && item.status < 300) return { email, ok: true, message: 'Invitation sent' };
    const problem = item.problem ?? {};
    const type = typeof problem.type === 'string' ? problem.type : '';
    const kind = type.substring(type.lastIndexOf('/') + 1) || undefined;
    return { email, ok: false, kind, message: problemText(item.status, problem) };
  });
}

/** A problem (as JSON) in one sentence or two: its detail, and each field error. */
export function problemText(status: number, problem: Record<string, unknown>): string {
  const parts: string[] = [];
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  const title = typeof problem.title === 'string' ? problem.title : '';
  if (status === 403) parts.push(detail || "You don't have permission to do that.");
  else if (status === 429) parts.push(detail || 'Too many attempts. Wait a moment and try again.');
  else parts.push(detail || title || `Refused (${status}).`);
  if (Array.isArray(problem.errors)) {
    for (const e of problem.errors) {
      if (e && typeof e === 'object' && typeof (e as { field?: unknown }).field === 'string') {
        const { field, message } = e as { field: string; message?: string };
        parts.push(`${field}: ${message ?? 'is not valid'}`);
      }
    }
  }
  return parts.join(' ');
}

/** Field errors whose name is the prefix or below it (e.g. "routing.clients.<id>" for routing.clients.<id>[0]). */
export function fieldsUnder(fields: Record<string, string>, prefix: string): string | undefined {
  const found = Object.entries(fields)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`))
    .map(([, message]) => message);
  return found.length > 0 ? [...new Set(found)].join('; ') : undefined;
}

/** Field errors no input of the form shows: listed with the general error. */
export function unshownFields(fields: Record<string, string>, shownPrefixes: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([field]) => !shownPrefixes.some((p) => field === p || field.startsWith(`${p}.`) || field.startsWith(`${p}[`))));
}
