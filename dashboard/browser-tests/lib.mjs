// Helpers of the browser suite (suite.mjs): steps that print as they go, checks that say what was expected and
// what was seen, Chromium launched from Debian's binary, the Keycloak login page, axe-core, screenshots, the API.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export function env(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new Failure(`the environment variable ${name} is not set`, 'see dashboard/browser-tests/README.md for what the suite needs');
  }
  return value;
}

/** A failed check: what was expected and what was seen. */
export class Failure extends Error {
  constructor(expected, seen) {
    super(`expected: ${expected}\n       seen: ${seen}`);
    this.expected = expected;
    this.seen = seen;
  }
}

export function check(condition, expected, seen) {
  if (!condition) throw new Failure(expected, typeof seen === 'function' ? seen() : seen);
}

const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`;
let stepNumber = 0;
export const timings = [];

/** Runs one step, printing its name, how long it took and what it found. */
export async function step(name, body) {
  stepNumber++;
  const label = `step ${String(stepNumber).padStart(2)}: ${name}`;
  console.log(`[${clock()}] ${label} ...`);
  const t0 = Date.now();
  const result = await body();
  const ms = Date.now() - t0;
  timings.push({ step: stepNumber, name, ms });
  console.log(`[${clock()}] ${label}: ok (${(ms / 1000).toFixed(1)} s)${typeof result === 'string' && result ? ` - ${result}` : ''}`);
  return result;
}

export function note(text) {
  console.log(`[${clock()}]          ${text}`);
}

/** Polls {@code probe} until it answers something truthy; fails naming what was awaited and the last value seen. */
export async function until(what, probe, { timeout = 30_000, interval = 250 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Failure(`${what} within ${timeout / 1000} s`, lastError ? `error: ${lastError.message}` : `last seen: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

// ------------------------------------------------------------------------------------------------ the browser

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const profiles = [];
const contexts = [];

/**
 * A fresh Chromium profile (a persistent context on a new --user-data-dir: service workers, notifications and
 * the DevTools push delivery behave as in a real profile, which an incognito-like context does not promise).
 */
export async function launch(name, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), `switchboard-browser-${name}-`));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: env('CHROMIUM_PATH'),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    ...options,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => note(`(${name}) page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) note(`(${name}) console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) note(`(${name}) ${r.request().method()} ${r.url()} answered ${r.status()}`);
  });
  current.page = page;
  return { context, page };
}

export async function closeAll() {
  for (const context of contexts.splice(0)) {
    await context.close().catch(() => undefined);
  }
  for (const dir of profiles.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The page a failure screenshot is taken of. */
export const current = { page: undefined };

export async function failureScreenshot(resultsDir) {
  if (!current.page || current.page.isClosed()) return undefined;
  const path = resolve(resultsDir, `failure-step-${stepNumber}.png`);
  try {
    await current.page.screenshot({ path, fullPage: true, timeout: 10_000 });
    return `${path} (page ${current.page.url()})`;
  } catch (e) {
    return `none (${e.message})`;
  }
}

// ------------------------------------------------------------------------------------------------ Keycloak

/** Signs in on Keycloak's own login page (the page the app sent the browser to), then waits to be back in the app. */
export async function keycloakLogin(page, appUrl, email, password) {
  await page.waitForSelector('#kc-form-login', { timeout: 30_000 }).catch(async () => {
    throw new Failure('the Keycloak login page (form #kc-form-login)', `${page.url()}: ${(await page.locator('body').innerText().catch(() => '')).slice(0, 300)}`);
  });
  await page.fill('#username', email);
  await page.fill('#password', password);
  await page.click('#kc-login');
  await page.waitForURL((url) => url.href.startsWith(appUrl), { timeout: 30_000 }).catch(async () => {
    throw new Failure(`back in the app (${appUrl}) after signing in as ${email}`, `${page.url()}: ${(await page.locator('body').innerText().catch(() => '')).slice(0, 300)}`);
  });
}

/** Waits until the app shows a screen: the main element is there and nothing says "Loading" for a moment. */
export async function settled(page) {
  await page.waitForSelector('#root > *, body > main, body > table, body > h1', { timeout: 30_000 });
  await until(`${page.url()} done loading`, async () => {
    const loading = await page.locator('.loading:visible').count();
    if (loading > 0) return false;
    await page.waitForTimeout(300);
    return (await page.locator('.loading:visible').count()) === 0;
  }, { timeout: 30_000, interval: 100 });
}

export async function heading(page) {
  if ((await page.locator('h1').count()) === 0) return '(no h1)';
  return (await page.locator('h1').first().innerText({ timeout: 5_000 }).catch(() => '(no h1)')).trim();
}

// ------------------------------------------------------------------------------------------------ axe-core

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const axeReport = [];

/**
 * Runs axe-core on the page as it is (the script is evaluated through DevTools, so the app's CSP stays as it is);
 * fails on any serious or critical violation, listing rule, impact, targets and help.
 */
export async function axe(page, screen) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const width = page.viewportSize()?.width;
  axeReport.push({ screen, width, url: page.url(), violations });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !blocking.includes(v));
  if (minor.length > 0) note(`axe ${screen} @${width}: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')} (not failing: below serious)`);
  check(blocking.length === 0, `no serious or critical axe-core violations on ${screen} at ${width} px`,
    () => '\n' + blocking.map((v) => `  - ${v.id} [${v.impact}] ${v.help}\n    targets: ${v.targets.join(' | ')}\n    help: ${v.helpUrl}`).join('\n'));
  return violations.length;
}

// ------------------------------------------------------------------------------------------------ screenshots

/** Screens wider than the window (reported, not failing: the issue asks for 360 px to work). */
export const overflows = [];

export const SIZES = [
  { suffix: 'desktop', width: 1280, height: 800 },
  { suffix: '360', width: 360, height: 740 },
];

/** axe-core and a screenshot at 1280×800 and at 360×740 (the page is left at 1280×800). */
export async function screen(page, name, screenshotsDir) {
  let findings = 0;
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.waitForTimeout(150);
    findings += await axe(page, name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) {
      overflows.push({ screen: name, width: size.width, overflowPx: overflow, url: page.url() });
      note(`${name} @${size.width}: the page is ${overflow} px wider than the window (sideways scrolling)`);
    }
    if (screenshotsDir) {
      mkdirSync(screenshotsDir, { recursive: true });
      await page.screenshot({ path: join(screenshotsDir, `${name}-${size.suffix}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return `axe clean (${findings} minor findings); screenshots ${name}-desktop.png, ${name}-360.png`;
}

// ------------------------------------------------------------------------------------------------ the API

export function makeApi(appUrl) {
  let config;
  const tokens = new Map();

  async function appConfig() {
    if (!config) {
      const response = await fetch(`${appUrl}/app-config.json`);
      check(response.ok, 'GET /app-config.json 200', `${response.status}`);
      config = await response.json();
    }
    return config;
  }

  /**
   * An access token by Keycloak's direct grant with the test realm's `switchboard-cli` client (as
   * platform/testing KeycloakServer.accessToken does), kept for a minute (tokens live 5).
   */
  async function token(email, password) {
    const cached = tokens.get(email);
    if (cached && cached.at > Date.now() - 60_000) return cached.token;
    const { keycloakUrl, realm } = await appConfig();
    const response = await fetch(`${keycloakUrl.replace(/\/$/, '')}/realms/${realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'switchboard-cli', scope: 'openid', username: email, password }),
    });
    const body = await response.json().catch(() => ({}));
    check(response.ok && body.access_token, `a token for ${email} from Keycloak's direct grant`, `${response.status} ${JSON.stringify(body)}`);
    tokens.set(email, { token: body.access_token, at: Date.now() });
    return body.access_token;
  }

  async function call(method, path, as, body) {
    const headers = { Accept: 'application/json' };
    if (as) headers.Authorization = `Bearer ${await token(as.email, as.password)}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${appUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  }

  /** A call that must answer one of {@code statuses}. */
  async function must(method, path, as, body, statuses = [200, 201]) {
    const answer = await call(method, path, as, body);
    check(statuses.includes(answer.status), `${method} ${path} to answer ${statuses.join(' or ')}`, `${answer.status} ${answer.text.slice(0, 500)}`);
    return answer.json;
  }

  return { appConfig, token, call, must };
}

export function writeJson(path, value) {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
