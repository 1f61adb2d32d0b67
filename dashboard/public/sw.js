// Switchboard service worker: shows pushes as notifications and keeps the app shell available offline.
// API calls (/api/**) are never cached: they carry a person's data and their token.
const SHELL = 'switchboard-shell-v2';
const SHELL_FILES = ['/', '/index.html', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];

// the shell, and the script and styles index.html names (hashed names change with each release), so the app
// opens offline after one visit
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then(async (cache) => {
      await cache.addAll(SHELL_FILES);
      const html = await (await fetch('/index.html', { cache: 'no-cache' })).text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      await cache.addAll(assets);
    }).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  if (request.mode === 'navigate') {
    // network first, so a new release is picked up; the cached shell when offline
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          // only the app's page is the shell (a JSON or health page opened in a tab is not)
          if (response.ok && (response.headers.get('content-type') || '').startsWith('text/html')) {
            caches.open(SHELL).then((cache) => cache.put('/index.html', copy));
          }
          return response;
        })
        .catch(() => caches.match('/index.html')),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')) {
    // file names under /assets/ carry a content hash: a cached copy is never stale
    event.respondWith(
      caches.match(request).then((cached) => cached || fetch(request).then((response) => {
        const copy = response.clone();
        if (response.ok) caches.open(SHELL).then((cache) => cache.put(request, copy));
        return response;
      })),
    );
  }
});

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (notJson) {
    message = { title: 'Switchboard', body: event.data ? event.data.text() : '' };
  }
  const title = message.title || 'Switchboard';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: message.body || '',
      tag: message.tag || undefined,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url: message.url || '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin);
  if (target.origin !== self.location.origin) {
    return; // only ever open our own pages
  }
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then(async (windows) => {
      // a window this worker controls can be sent to the page; otherwise open a new one
      for (const client of windows) {
        try {
          const moved = await client.navigate(target.href);
          if (moved) return moved.focus();
        } catch (notControlled) {
          // try the next window
        }
      }
      return self.clients.openWindow(target.href);
    }),
  );
});
