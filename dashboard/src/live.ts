import { accessToken, isSignedIn } from './auth';
import { SseParser } from './sse';

/** What the notification stream carries: a new notification, or an unread count. */
export type LiveMessage =
  | { kind: 'notification'; notification: Notification }
  | { kind: 'unread-count'; orgId?: string; portalId?: string; unread: number }
  | { kind: 'connected' }
  | { kind: 'signed-out' };

export type Notification = {
  id: string;
  seq: number;
  orgId: string;
  portalId?: string | null;
  kind: string;
  title: string;
  body: string;
  url: string;
  tag: string;
  urgency: string;
  createdAt: string;
  readAt?: string | null;
  read: boolean;
};

/** The org's notification stream (the API streams one org at a time). */
export function streamUrl(orgId: string): string {
  return `/api/me/notifications/stream?orgId=${encodeURIComponent(orgId)}`;
}

/**
 * One stream per browser and org, however many tabs are open: the tab that holds the Web Lock
 * "switchboard-live:<orgId>" reads the org's stream and re-broadcasts each message on the BroadcastChannel of the
 * same name; the other tabs of that org only listen. When that tab closes or switches org, its lock is released
 * and another tab takes over, resuming from the last event id (Last-Event-ID), so nothing is missed.
 * A sign-out in one tab is broadcast on "switchboard-session" so every tab lets go.
 */
const listeners = new Set<(message: LiveMessage) => void>();
let current: { orgId: string; channel: BroadcastChannel; stop: AbortController } | undefined;
const session = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('switchboard-session');
session?.addEventListener('message', (e) => {
  if ((e.data as LiveMessage).kind === 'signed-out') {
    stopLive();
    deliver({ kind: 'signed-out' });
  }
});

export function onLive(listener: (message: LiveMessage) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function deliver(message: LiveMessage) {
  listeners.forEach((l) => l(message));
}

/** Follows {@code orgId}'s stream (switching from any other org's). */
export function startLive(orgId: string): void {
  if (current?.orgId === orgId) return;
  stopLive();
  const name = `switchboard-live:${orgId}`;
  const channel = new BroadcastChannel(name);
  const stop = new AbortController();
  channel.onmessage = (e) => deliver(e.data as LiveMessage); // a channel object never receives its own posts
  current = { orgId, channel, stop };
  const publish = (message: LiveMessage) => {
    deliver(message);
    channel.postMessage(message);
  };
  if ('locks' in navigator) {
    navigator.locks.request(name, { signal: stop.signal }, () => lead(orgId, publish, stop.signal)).catch(() => undefined);
  } else {
    void lead(orgId, deliver, stop.signal); // no Web Locks: each tab reads its own stream, and keeps it to itself
  }
}

/** Leaving the org, or signing out: stop reading and let go of the lock. */
export function stopLive(): void {
  if (!current) return;
  current.stop.abort();
  current.channel.close();
  current = undefined;
}

/** Tells the other tabs of this browser that the session ended. */
export function announceSignOut(): void {
  session?.postMessage({ kind: 'signed-out' } satisfies LiveMessage);
}

async function lead(orgId: string, publish: (message: LiveMessage) => void, stopped: AbortSignal): Promise<void> {
  let lastEventId: string | undefined;
  let failures = 0;
  while (!stopped.aborted) {
    const token = await accessToken();
    if (!token && !isSignedIn()) return; // signed out: nothing to follow
    const connection = new AbortController();
    const cut = () => connection.abort();
    stopped.addEventListener('abort', cut);
    try {
      if (!token) throw new Error('no token yet');
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch(streamUrl(orgId), { headers, signal: connection.signal });
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      failures = 0;
      publish({ kind: 'connected' });
      const parser = new SseParser((event) => {
        if (event.id) lastEventId = event.id;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return; // a malformed event is skipped, not fatal
        }
        if (event.event === 'notification') publish({ kind: 'notification', notification: data as Notification });
        else if (event.event === 'unread-count') publish({ kind: 'unread-count', ...(data as { unread: number }) });
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      failures++;
    } finally {
      connection.abort(); // never leave a connection open behind a retry
      stopped.removeEventListener('abort', cut);
    }
    if (stopped.aborted) break;
    // reconnect with backoff: 1 s, 2 s, 4 s ... at most 30 s
    await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** Math.min(failures, 5))));
  }
}
