// The JavaScript a cold load of the workspace costs over the wire: a new Chromium profile (empty cache, no
// service worker: as on a first visit), sign-in through Keycloak, the workspace shown; every JavaScript response
// of the app's origin counted once with its encoded (compressed) body size as Chromium received it.
import { get } from 'node:http';
import { check, keycloakLogin, launch, note } from './lib.mjs';

/** The body bytes of {@code url} as a gzip-only client (Safari before zstd, curl) gets them from the gateway. */
function gzipBytes(url) {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () => resolve({ bytes, encoding: response.headers['content-encoding'] ?? 'none' }));
    }).on('error', reject);
  });
}

export async function measureJs({ appUrl, path, person, portalName }) {
  const { context, page } = await launch('cold', { serviceWorkers: 'block' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  const requests = new Map(); // requestId -> {url, type, mimeType, encoding, fromCache}
  const byUrl = new Map(); // url -> the largest transfer seen (a repeat after the sign-in redirect may come from cache)
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    requests.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      mimeType: e.response.mimeType,
      encoding: headers['content-encoding'] ?? 'none',
      fromCache: e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.encodedDataLength = e.encodedDataLength;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decodedBytes = (r.decodedBytes ?? 0) + e.dataLength;
  });

  await page.goto(`${appUrl}${path}`);
  await keycloakLogin(page, appUrl, person.email, person.password);
  await page.getByRole('heading', { name: portalName, level: 1 }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000); // late lazy chunks, if any

  for (const r of requests.values()) {
    const isJs = r.type === 'Script' || /javascript|ecmascript/.test(r.mimeType ?? '');
    if (!isJs || !r.url.startsWith(`${appUrl}/`) || r.encodedDataLength === undefined) continue;
    const seen = byUrl.get(r.url); // a second load after the sign-in redirect comes from the memory cache
    if (!seen || r.encodedDataLength > seen.encodedDataLength) byUrl.set(r.url, r);
  }
  // encodedDataLength: every byte Chromium received for the response (compressed body and headers), the
  // conservative measure of "over the wire"
  const files = [...byUrl.values()].map((r) => ({ url: r.url.slice(appUrl.length), encodedBytes: r.encodedDataLength, decodedBytes: r.decodedBytes ?? null, encoding: r.encoding }));
  for (const f of files) {
    const gzip = await gzipBytes(`${appUrl}${f.url}`);
    f.gzipBodyBytes = gzip.bytes;
    f.gzipEncoding = gzip.encoding;
  }
  files.sort((a, b) => b.encodedBytes - a.encodedBytes);
  check(files.length > 0, 'JavaScript responses from the app while the workspace loads', 'none were seen');
  const uncompressed = files.filter((f) => f.encoding === 'none' && f.encodedBytes > 1024);
  if (uncompressed.length > 0) note(`not compressed by the gateway: ${uncompressed.map((f) => f.url).join(', ')}`);
  await context.close();
  return {
    path,
    totalEncodedBytes: files.reduce((s, f) => s + f.encodedBytes, 0),
    totalDecodedBytes: files.reduce((s, f) => s + (f.decodedBytes ?? 0), 0),
    totalGzipBodyBytes: files.reduce((s, f) => s + f.gzipBodyBytes, 0),
    files,
  };
}
