import { accessToken } from './auth';
import { SseParser } from './sse';

/** What the notification stream carries: a new notification, or an unread count. */
export type LiveMessage =
  | { kind: 'notification'; notification: Notification }
  | { kind: 'unread-count'; orgId?: string; portalId?: string; unread: number }
  | { kind: 'connected' };

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

/**
 * One stream per browser, however many tabs are open: the tab that holds the Web Lock
 * "switchboard-live" reads GET /api/me/notifications/stream and re-broadcasts each message on a
 * BroadcastChannel; the other tabs only listen. When that tab closes, its lock is released and another
 * tab takes over, resuming from the last event id (Last-Event-ID), so nothing is missed.
 */
const CHANNEL = 'switchboard-live';
const listeners = new Set<(message: LiveMessage) => void>();
let receiver: BroadcastChannel | undefined;
let started = false;
let stopped = false;
let abort: AbortController | undefined;

export function onLive(listener: (message: LiveMessage) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function deliver(message: LiveMessage) {
  listeners.forEach((l) => l(message));
}

export function startLive(): void {
  if (started) return;
  started = true;
  stopped = false;
  receiver = new BroadcastChannel(CHANNEL);
  receiver.onmessage = (e) => deliver(e.data as LiveMessage);
  if ('locks' in navigator) {
    void navigator.locks.request(CHANNEL, () => lead());
  } else {
    void lead(); // no Web Locks: each tab reads its own stream
  }
}

/** Sign-out: stop reading and let go of the lock. */
export function stopLive(): void {
  stopped = true;
  abort?.abort();
  receiver?.close();
}

async function lead(): Promise<void> {
  const sender = new BroadcastChannel(CHANNEL);
  const publish = (message: LiveMessage) => {
    deliver(message);
    sender.postMessage(message);
  };
  let lastEventId: string | undefined;
  let failures = 0;
  while (!stopped) {
    const token = await accessToken();
    if (!token) return;
    abort = new AbortController();
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const response = await fetch('/api/me/notifications/stream', { headers, signal: abort.signal });
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      failures = 0;
      publish({ kind: 'connected' });
      const parser = new SseParser((event) => {
        if (event.id) lastEventId = event.id;
        const data = JSON.parse(event.data);
        if (event.event === 'notification') publish({ kind: 'notification', notification: data });
        else if (event.event === 'unread-count') publish({ kind: 'unread-count', ...data });
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      failures++;
    }
    if (stopped) break;
    // reconnect with backoff: 1 s, 2 s, 4 s ... at most 30 s
    await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** Math.min(failures, 5))));
  }
  sender.close();
}
