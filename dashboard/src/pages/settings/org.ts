/** The organization as org settings shows and edits it (`GET|PATCH /api/orgs/{orgId}`). */

export type Organization = {
  id: string;
  name: string;
  plan: string;
  seatLimit: number;
  seatsTaken: number;
  timezone?: string | null;
  phone?: string | null;
  billingEmail?: string | null;
  primaryOwnerId: string;
  managersMayInviteManagers: boolean;
  createdAt: string;
};

export type Details = { name: string; timezone: string; phone: string; billingEmail: string };

const PLANS: Record<string, string> = { FREE_TRIAL: 'Free Trial', GROWTH: 'Growth', SCALE: 'Scale', ENTERPRISE: 'Enterprise' };

export function planName(plan: string): string {
  return PLANS[plan] ?? plan.charAt(0) + plan.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** "2 of 5 agent seats used", and whether the limit is reached (inviting anyone but a viewer then fails). */
export function seatSummary(taken: number, limit: number): { text: string; full: boolean } {
  return { text: `${taken} of ${limit} agent ${limit === 1 ? 'seat' : 'seats'} used`, full: taken >= limit };
}

export function detailsOf(org: Organization): Details {
  return { name: org.name, timezone: org.timezone || 'UTC', phone: org.phone ?? '', billingEmail: org.billingEmail ?? '' };
}

/**
 * The PATCH body: only the fields that changed (absent fields keep their value). The API cannot clear a
 * phone or billing email (an empty one is refused), so emptying one is sent and its refusal shown.
 */
export function detailsPatch(before: Details, after: Details, withContact: boolean): Partial<Details> {
  const patch: Partial<Details> = {};
  if (after.name.trim() !== before.name) patch.name = after.name.trim();
  if (after.timezone !== before.timezone) patch.timezone = after.timezone;
  if (withContact && after.phone.trim() !== before.phone) patch.phone = after.phone.trim();
  if (withContact && after.billingEmail.trim() !== before.billingEmail) patch.billingEmail = after.billingEmail.trim();
  return patch;
}

/** The IANA time zones the browser knows, with {@code current} kept when it is not among them. */
export function timeZones(current: string, known: () => string[] = supportedZones): string[] {
  const zones = known();
  const list = zones.includes('UTC') ? zones : ['UTC', ...zones];
  return current && !list.includes(current) ? [current, ...list] : list;
}

function supportedZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC'];
  } catch {
    return ['UTC'];
  }
}

/** The API's field messages for the company form, where a bean-validation text would read badly. */
export function friendlyFieldError(field: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (field === 'phone' && message.startsWith('must match')) return 'Use digits, spaces and + ( ) -, 4 to 32 characters.';
  if (field === 'billingEmail' && /email/i.test(message)) return 'Enter an email address like billing@example.com.';
  if (field === 'name' && /size|blank|empty/i.test(message)) return 'Give the company a name of 1 to 120 characters.';
  return message;
}
