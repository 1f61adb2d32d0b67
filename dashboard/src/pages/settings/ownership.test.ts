import { describe, expect, it } from 'vitest';
import { needsReauthentication, saveDraft, takeDraft, timeLeft } from './ownership';

function memoryStore() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

describe('ownership transfer', () => {
  it('asks for the password when the sign-in is over 4 minutes old or unknown', () => {
    expect(needsReauthentication(undefined)).toBe(true);
    expect(needsReauthentication(241)).toBe(true);
    expect(needsReauthentication(240)).toBe(false);
    expect(needsReauthentication(5)).toBe(false);
  });

  it('keeps the choice across the password check, once, per org', () => {
    const store = memoryStore();
    saveDraft(store, 'org-1', { toUserId: 'u-2', stepDown: true });
    expect(takeDraft(store, 'org-2')).toBeUndefined();
    expect(takeDraft(store, 'org-1')).toEqual({ toUserId: 'u-2', stepDown: true });
    expect(takeDraft(store, 'org-1')).toBeUndefined();
  });

  it('forgets a stale or broken draft', () => {
    const store = memoryStore();
    saveDraft(store, 'org-1', { toUserId: 'u-2', stepDown: false });
    expect(takeDraft(store, 'org-1', Date.now() + 16 * 60 * 1000)).toBeUndefined();
    store.setItem('switchboard.ownershipDraft.org-1', '{not json');
    expect(takeDraft(store, 'org-1')).toBeUndefined();
  });

  it('says how long an offer has left', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(timeLeft('2026-12-11T10:00:00Z', now)).toBe('7 days');
    expect(timeLeft('2026-12-04T15:30:00Z', now)).toBe('5 hours');
    expect(timeLeft('2026-12-04T11:00:00Z', now)).toBe('1 hour');
    expect(timeLeft('2026-12-04T10:20:00Z', now)).toBe('less than an hour');
    expect(timeLeft('2026-12-04T09:00:00Z', now)).toBe('expired');
  });
});
