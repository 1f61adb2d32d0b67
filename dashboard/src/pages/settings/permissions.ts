/**
 * The permission catalogue (`GET /api/permissions`) grouped and named for the custom roles editor, and what
 * the caller holds (nobody grants what they do not hold: the API refuses it with 403).
 */

export type Catalog = { permissions: string[]; builtInRoles: Record<string, string[]> };
export type CustomRole = { id: string; name: string; role: string; permissions: string[] };

const AREAS: Record<string, string> = {
  org: 'Company',
  billing: 'Billing',
  ownership: 'Ownership',
  members: 'Members',
  roles: 'Roles',
  audit: 'Audit log',
  'api-keys': 'API keys',
  integrations: 'Integrations',
  ai: 'AI',
  portals: 'Portals',
  availability: 'Availability',
  routing: 'Routing',
  conversations: 'Conversations',
  leads: 'Leads',
  notes: 'Notes',
  contacts: 'Contacts',
  campaigns: 'Campaigns',
  templates: 'Templates',
  settings: 'Settings',
  analytics: 'Analytics',
  'knowledge-base': 'Knowledge base',
  keywords: 'Keywords',
  'appointment-types': 'Appointment types',
  webhooks: 'Webhooks',
};

const ACTIONS: Record<string, string> = {
  read: 'see',
  update: 'change',
  write: 'create and change',
  delete: 'delete',
  manage: 'manage',
  invite: 'invite',
  reply: 'reply',
  assign: 'assign',
  configure: 'configure',
};

/** "leads:write" -> "Leads: create and change"; an unknown key is shown as it is. */
export function permissionLabel(key: string): string {
  const [area, action] = key.split(':');
  if (!action) return key;
  return `${AREAS[area] ?? area}: ${ACTIONS[action] ?? action}`;
}

export function areaOf(key: string): string {
  return key.split(':')[0];
}

/** The catalogue's keys grouped by area, in catalogue order: [{area, label, keys}]. */
export function groupPermissions(keys: string[]): { area: string; label: string; keys: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const area = areaOf(key);
    groups.set(area, [...(groups.get(area) ?? []), key]);
  }
  return [...groups.entries()].map(([area, list]) => ({ area, label: AREAS[area] ?? area, keys: list }));
}

/** What the caller's org role holds: a built-in role's set from the catalogue, a custom role's own. */
export function heldPermissions(role: string, catalog: Catalog, roles: CustomRole[]): Set<string> | undefined {
  if (role.startsWith('custom:')) {
    const mine = roles.find((r) => r.role === role);
    return mine ? new Set(mine.permissions) : undefined;
  }
  const builtIn = catalog.builtInRoles[role];
  return builtIn ? new Set(builtIn) : undefined;
}

/** The selected keys the caller does not hold, in the catalogue's order (the API would refuse them). */
export function notHeld(selected: Iterable<string>, held: Set<string> | undefined, order: string[]): string[] {
  if (!held) return [];
  const chosen = new Set(selected);
  return order.filter((k) => chosen.has(k) && !held.has(k));
}

/** Toggles one key, or a whole area at once ({@code on} for all of it). */
export function toggle(selected: Set<string>, keys: string[], on: boolean): Set<string> {
  const next = new Set(selected);
  for (const key of keys) {
    if (on) next.add(key);
    else next.delete(key);
  }
  return next;
}

/** The keys in catalogue order (what the API gets: order does not matter to it, but a stable body reads well). */
export function ordered(selected: Set<string>, order: string[]): string[] {
  const known = order.filter((k) => selected.has(k));
  const unknown = [...selected].filter((k) => !order.includes(k)).sort();
  return [...known, ...unknown];
}
