/**
 * Ownership transfer needs a sign-in at most 5 minutes old (the token's auth_time). The screen asks for the
 * password again a little before that (4 minutes), and keeps what the owner chose across the redirect to
 * Keycloak and back (sessionStorage: this tab only, no secrets in it).
 */

export type Transfer = {
  id: string;
  orgId: string;
  fromUserId: string;
  toUserId: string;
  stepDown: boolean;
  status: string;
  createdAt: string;
  expiresAt: string;
};

export type TransferDraft = { toUserId: string; stepDown: boolean };

/** Seconds after which the screen asks for the password before sending (the API allows 300). */
export const FRESH_SIGN_IN_SECONDS = 240;

/** Whether the password must be typed again first: no auth_time in the token, or older than 4 minutes. */
export function needsReauthentication(secondsSinceSignIn: number | undefined): boolean {
  return secondsSinceSignIn === undefined || secondsSinceSignIn > FRESH_SIGN_IN_SECONDS;
}

const KEY = (orgId: string) => `switchboard.ownershipDraft.${orgId}`;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function saveDraft(store: Store, orgId: string, draft: TransferDraft): void {
  store.setItem(KEY(orgId), JSON.stringify({ ...draft, savedAt: Date.now() }));
}

/** The draft saved before the password check (at most 15 minutes old), left in place (see {@link clearDraft}). */
export function peekDraft(store: Store, orgId: string, now: number = Date.now()): TransferDraft | undefined {
  const raw = store.getItem(KEY(orgId));
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<TransferDraft & { savedAt: number }>;
    if (typeof parsed.toUserId !== 'string' || typeof parsed.savedAt !== 'number' || now - parsed.savedAt > 15 * 60 * 1000) return undefined;
    return { toUserId: parsed.toUserId, stepDown: parsed.stepDown === true };
  } catch {
    return undefined;
  }
}

export function clearDraft(store: Store, orgId: string): void {
  store.removeItem(KEY(orgId));
}

/** The draft, once: reading it removes it. */
export function takeDraft(store: Store, orgId: string, now: number = Date.now()): TransferDraft | undefined {
  const draft = peekDraft(store, orgId, now);
  clearDraft(store, orgId);
  return draft;
}

/** Days and hours left until {@code expiresAt}, in words ("6 days", "5 hours", "less than an hour"); "expired" after. */
export function timeLeft(expiresAt: string, now: number = Date.now()): string {
  const ms = new Date(expiresAt).getTime() - now;
  if (ms <= 0) return 'expired';
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) return hours === 1 ? '1 hour' : `${hours} hours`;
  return 'less than an hour';
}
