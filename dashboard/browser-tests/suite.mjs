// The browser suite of issue 12, run from dashboard/ with `node browser-tests/suite.mjs` (see README.md here).
// It drives Debian's Chromium headless through the app as people use it, against a running stack.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  Failure, axeReport, overflows, check, closeAll, current, env, failureScreenshot, heading, keycloakLogin, launch, makeApi, note, screen,
  settled, step, timings, until, writeJson,
} from './lib.mjs';
import { measureJs } from './js-size.mjs';

const APP_URL = env('APP_URL').replace(/\/$/, '');
const MAIL_URL = env('MAIL_URL').replace(/\/$/, '');
env('CHROMIUM_PATH');
const SCREENSHOTS_DIR = resolve(env('SCREENSHOTS_DIR', '../docs/screenshots'));
const RESULTS_DIR = resolve(env('RESULTS_DIR', 'target/browser'));
/** The test harness (BrowserE2ETest): what the test push service received, and the server's subscription rows. */
const HARNESS_URL = env('HARNESS_URL').replace(/\/$/, '');
/** A subscription of the test push service (platform/testing TestPushService), made with the server's VAPID key. */
const PUSH = { endpoint: env('PUSH_ENDPOINT'), keys: { p256dh: env('PUSH_P256DH'), auth: env('PUSH_AUTH') } };
const JS_LIMIT = Number(env('JS_LIMIT_BYTES', String(300 * 1024)));

const ALICE = { email: env('ALICE_EMAIL', 'alice@acme.test'), password: env('ALICE_PASSWORD', 'alice-demo-pass') };
const suffix = Math.random().toString(36).slice(2, 8);
const ORG_NAME = `Browser Co ${suffix}`;
const AGENT = { email: `browser.agent.${suffix}@acme.test`, password: `agent-pass-${suffix}-2026`, firstName: 'Robin', lastName: `Tester${suffix}` };
const api = makeApi(APP_URL);
const uuidIn = (url, after) => new RegExp(`/${after}/([0-9a-f-]{36})`).exec(url)?.[1];

async function harness(path) {
  const response = await fetch(`${HARNESS_URL}${path}`);
  check(response.ok, `the test harness to answer ${path}`, `${response.status}`);
  return response.json();
}

mkdirSync(RESULTS_DIR, { recursive: true });
mkdirSync(SCREENSHOTS_DIR, { recursive: true });
console.log(`browser suite: app ${APP_URL}, mail ${MAIL_URL}, chromium ${process.env.CHROMIUM_PATH}`);
console.log(`               screenshots -> ${SCREENSHOTS_DIR}, results -> ${RESULTS_DIR}`);

const state = {};

async function run() {
  // ---------------------------------------------------------------------------------------------- Alice, the owner
  const { page: alice } = await launch('alice');

  await step('Alice opens /orgs/new and is sent to the Keycloak login page; she signs in there', async () => {
    await alice.goto(`${APP_URL}/orgs/new`);
    await keycloakLogin(alice, APP_URL, ALICE.email, ALICE.password);
    await alice.getByRole('heading', { name: 'Create your company' }).waitFor();
    return `back on ${new URL(alice.url()).pathname}`;
  });

  await step('the "Create your company" screen (axe, screenshots)', async () => {
    await settled(alice);
    return screen(alice, 'create-company', SCREENSHOTS_DIR);
  });

  await step(`Alice creates the company "${ORG_NAME}"`, async () => {
    await alice.getByLabel('Company name').fill(ORG_NAME);
    await alice.getByRole('button', { name: 'Create company' }).click();
    await alice.waitForURL(/\/orgs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    state.org = uuidIn(alice.url(), 'orgs');
    await alice.getByRole('heading', { name: ORG_NAME }).waitFor();
    const orgs = await api.must('GET', '/api/me/orgs', ALICE);
    const mine = orgs.find((o) => o.orgId === state.org);
    check(mine?.role === 'OWNER', `Alice OWNER of ${state.org} in GET /api/me/orgs`, JSON.stringify(mine));
    return `org ${state.org}`;
  });

  await step('the org home (portals overview) shows the default portal (axe, screenshots)', async () => {
    const portals = await until('the default portal ("Sales Portal") made for the new org', async () => {
      const answer = await api.call('GET', `/api/orgs/${state.org}/portals`, ALICE);
      return answer.status === 200 && answer.json.find((p) => p.isDefault);
    });
    state.portal = portals.id;
    state.portalName = portals.name;
    await alice.reload();
    await alice.getByRole('link', { name: state.portalName }).first().waitFor();
    await settled(alice);
    return screen(alice, 'org-home', SCREENSHOTS_DIR);
  });

  await step(`Alice invites ${AGENT.email} as an agent of ${state.portalName ?? 'the default portal'}`, async () => {
    await alice.goto(`${APP_URL}/orgs/${state.org}/members`);
    await settled(alice);
    const addUser = alice.getByRole('button', { name: 'Add user' });
    if ((await addUser.count()) === 0) {
      // an app without the Members screen's "Add user" (dashboard/src/pages/Members.tsx): the API, as the screen does
      note('the Members screen has no "Add user": inviting through POST /api/orgs/{org}/invitations instead');
      await api.must('POST', `/api/orgs/${state.org}/invitations`, ALICE, { email: AGENT.email, role: 'AGENT', portalIds: [state.portal] }, [201]);
      return 'through the API';
    }
    await addUser.click();
    const form = alice.locator('#add-user');
    await form.getByRole('heading', { name: 'Add user' }).waitFor();
    await form.getByLabel('Send an invitation by email').check();
    await form.getByLabel('Email addresses').fill(AGENT.email);
    await form.getByLabel('Role', { exact: true }).selectOption('AGENT');
    await form.getByRole('checkbox', { name: state.portalName }).check();
    await settled(alice);
    note(`the "Add user" form: ${await screen(alice, 'members-add-user', SCREENSHOTS_DIR)}`);
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await form.locator('.done[role=status]').waitFor({ timeout: 20_000 }).catch(async () => {
      throw new Failure('the "Add user" form to confirm the invitation', (await form.innerText()).slice(0, 600));
    });
    const done = await form.locator('.done[role=status]').innerText();
    const pending = await api.must('GET', `/api/orgs/${state.org}/invitations?status=PENDING`, ALICE);
    const invitation = (pending.items ?? pending).find((i) => i.email === AGENT.email);
    check(invitation?.role === 'AGENT', `a pending AGENT invitation for ${AGENT.email}`, JSON.stringify(pending).slice(0, 400));
    check(JSON.stringify(invitation.portalIds ?? [state.portal]).includes(state.portal), `the invitation naming ${state.portalName}`, JSON.stringify(invitation));
    await alice.getByRole('cell', { name: AGENT.email }).or(alice.getByText(AGENT.email)).first().waitFor();
    return `through the Members screen: "${done}"`;
  });

  // ---------------------------------------------------------------------------------------------- the new person
  const { context: robinContext, page: robin } = await launch('robin');
  await robinContext.grantPermissions(['notifications'], { origin: APP_URL });
  // The push service a real Chromium subscribes with cannot be reached here: PushManager answers with a
  // subscription of the test push service instead, so the app's own code path registers it with the server.
  await robinContext.addInitScript((sub) => {
    const KEY = 'switchboard.test.pushSubscribed';
    const subscription = () => ({
      endpoint: sub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: null },
      getKey: () => null,
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
      unsubscribe: async () => {
        localStorage.removeItem(KEY);
        localStorage.setItem('switchboard.test.pushUnsubscribed', String(Date.now()));
        return true;
      },
    });
    const b64url = (key) => {
      const bytes = key instanceof ArrayBuffer ? new Uint8Array(key) : new Uint8Array(key.buffer, key.byteOffset, key.byteLength);
      return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };
    PushManager.prototype.subscribe = async function (options) {
      if (options?.applicationServerKey) localStorage.setItem('switchboard.test.applicationServerKey', typeof options.applicationServerKey === 'string' ? options.applicationServerKey : b64url(options.applicationServerKey));
      localStorage.setItem(KEY, '1');
      return subscription();
    };
    PushManager.prototype.getSubscription = async function () {
      return localStorage.getItem(KEY) ? subscription() : null;
    };
    PushManager.prototype.permissionState = async function () {
      return 'granted';
    };
  }, PUSH);

  await step('the invitation mail is in the dev mail view; its link goes to the app', async () => {
    const link = await until(`a mail to ${AGENT.email} with an /invite/<token> link in ${MAIL_URL}`, async () => {
      await robin.goto(MAIL_URL);
      return robin.evaluate((email) => {
        for (const row of document.querySelectorAll('tr')) {
          if (row.innerText.includes(email)) {
            const match = /(https?:\/\/[^\s"<]+\/invite\/[A-Za-z0-9_-]{43})/.exec(row.innerText);
            if (match) return match[1];
          }
        }
        return undefined;
      }, AGENT.email);
    }, { timeout: 30_000, interval: 500 });
    check(link.startsWith(`${APP_URL}/invite/`), `the link to open ${APP_URL}/invite/<token>`, link);
    state.inviteLink = link;
    return link.replace(/[A-Za-z0-9_-]{43}$/, '<token>');
  });

  await step('the link opens the accept page: org, role and expiry (axe, screenshots)', async () => {
    await robin.goto(state.inviteLink);
    await robin.getByRole('heading', { name: `Join ${ORG_NAME} on Switchboard` }).waitFor();
    const text = await robin.locator('main').innerText();
    check(text.includes('an agent') && text.includes(AGENT.email) && /expires/.test(text), 'the role offer (an agent), the address and the expiry', text);
    await settled(robin);
    return screen(robin, 'accept-invitation', SCREENSHOTS_DIR);
  });

  await step('Robin accepts as a new person: first name, last name, password', async () => {
    await robin.getByLabel('First name').fill(AGENT.firstName);
    await robin.getByLabel('Last name').fill(AGENT.lastName);
    await robin.getByLabel('Password', { exact: true }).fill(AGENT.password);
    await robin.getByRole('button', { name: `Join ${ORG_NAME}` }).click();
    await robin.getByRole('heading', { name: `Welcome to ${ORG_NAME}` }).waitFor({ timeout: 30_000 }).catch(async () => {
      throw new Failure(`"Welcome to ${ORG_NAME}"`, (await robin.locator('main').innerText()).slice(0, 500));
    });
    await settled(robin);
    // portal-service adds the new member to the invitation's portal from an event: the org home sends a member of
    // one portal straight to its workspace, so wait until that is so before signing in (people take seconds here)
    await until('Robin in the portal\'s members (portal-service learns it from an event)', async () => {
      const members = await api.call('GET', `/api/orgs/${state.org}/portals/${state.portal}/members`, ALICE);
      return members.status === 200 && members.json.some((m) => m.email === AGENT.email);
    });
    return screen(robin, 'invitation-accepted', SCREENSHOTS_DIR);
  });

  await step('Robin signs in through Keycloak and lands in the portal workspace of the org', async () => {
    await robin.getByRole('button', { name: `Sign in to ${ORG_NAME}` }).click();
    await keycloakLogin(robin, APP_URL, AGENT.email, AGENT.password);
    await robin.waitForURL(new RegExp(`/orgs/${state.org}/portals/${state.portal}$`), { timeout: 30_000 }).catch(async () => {
      throw new Failure(`the workspace /orgs/${state.org}/portals/${state.portal}`, `${robin.url()}: ${(await robin.locator('body').innerText()).slice(0, 400)}`);
    });
    await robin.getByRole('heading', { name: state.portalName, level: 1 }).waitFor();
    const switcher = await robin.getByRole('combobox', { name: 'Company' }).locator('option:checked').innerText();
    check(switcher.includes(ORG_NAME) && /agent/i.test(switcher), `the company switcher to show ${ORG_NAME} (Agent)`, switcher);
    const me = await api.must('GET', '/api/me', AGENT);
    state.agentId = me.id;
    return `user ${me.id}, switcher "${switcher}"`;
  });

  await step('Robin toggles his availability off and on again in the workspace', async () => {
    const toggle = robin.getByRole('switch', { name: 'I am available' }).first();
    await toggle.waitFor();
    const before = await toggle.isChecked();
    check(before, 'a new portal member to start available', `available=${before}`);
    for (const want of [false, true]) {
      await toggle.click();
      await until(`the switch to show available=${want}`, async () => (await toggle.isChecked()) === want && !(await toggle.isDisabled()));
      const members = await api.must('GET', `/api/orgs/${state.org}/portals/${state.portal}/members`, ALICE);
      const mine = members.find((m) => m.userId === state.agentId);
      check(mine?.available === want, `the server to have available=${want} for Robin`, JSON.stringify(mine));
    }
    await settled(robin);
    return screen(robin, 'workspace', SCREENSHOTS_DIR);
  });

  await step('routing is set up through the API: a client, and Robin\'s routing profile (SMS, that client)', async () => {
    const client = await api.must('POST', `/api/orgs/${state.org}/clients`, ALICE, { name: `Acme client ${suffix}` }, [201]);
    state.client = client.id;
    await until('routing-service to take Robin\'s routing profile (it learns members from events)', async () => {
      const answer = await api.call('PUT', `/api/orgs/${state.org}/members/${state.agentId}/routing-profile`, ALICE, {
        channels: { SMS: 3 },
        clients: { [state.client]: ['SMS'] },
        leadCapacity: null,
      });
      return answer.status === 200;
    });
    return `client ${state.client}`;
  });

  // ---------------------------------------------------------------------------------------------- the admin screens
  await step('Alice\'s admin screens: no serious or critical axe-core violations, screenshots', async () => {
    const screens = [
      ['members', `/orgs/${state.org}/members`],
      ['roles', `/orgs/${state.org}/roles`],
      ['audit-log', `/orgs/${state.org}/audit`],
      ['org-settings', `/orgs/${state.org}/settings`],
      ['portals', `/orgs/${state.org}/portals`],
      ['portal-settings', `/orgs/${state.org}/portals/${state.portal}/settings`],
      ['teams', `/orgs/${state.org}/teams`],
      ['clients', `/orgs/${state.org}/clients`],
      ['routing-profile', `/orgs/${state.org}/members/${state.agentId}/routing`],
      ['notifications-admin', `/orgs/${state.org}/notifications`],
      ['profile', `/profile`],
      ['workspace-admin', `/orgs/${state.org}/portals/${state.portal}`],
      ['queue', `/orgs/${state.org}/portals/${state.portal}/queue`],
      ['ownership-transfer', `/orgs/${state.org}/ownership-transfer`],
    ];
    current.page = alice;
    for (const [name, path] of screens) {
      await alice.goto(`${APP_URL}${path}`);
      await settled(alice);
      note(`${name}: "${await heading(alice)}" ${await screen(alice, name, SCREENSHOTS_DIR)}`);
    }
    current.page = robin;
    return `${screens.length} screens`;
  });

  // ---------------------------------------------------------------------------------------------- notifications
  await step('"Enable notifications" subscribes this device: the app registers it with the server', async () => {
    await robin.goto(`${APP_URL}/orgs/${state.org}/portals/${state.portal}`);
    await robin.getByRole('heading', { name: state.portalName, level: 1 }).waitFor();
    const button = robin.getByRole('button', { name: 'Enable notifications' });
    await button.waitFor();
    await button.click();
    await until('the banner to go once the device is subscribed', async () => (await button.count()) === 0);
    const key = await robin.evaluate(() => localStorage.getItem('switchboard.test.applicationServerKey'));
    const vapid = await api.must('GET', '/api/push/vapid-public-key');
    check(key === vapid.publicKey, 'PushManager.subscribe called with the server\'s VAPID key', `${key} (server: ${vapid.publicKey})`);
    const rows = await until('the server to hold this device\'s subscription', async () => {
      const answer = await harness(`/push-subscriptions?endpoint=${encodeURIComponent(PUSH.endpoint)}`);
      return answer.count > 0 && answer;
    });
    state.deviceId = await robin.evaluate(() => localStorage.getItem('switchboard.deviceId'));
    return `${rows.count} subscription row(s) for the endpoint, org ${rows.orgIds?.join(',')}`;
  });

  await step('installability: Chromium finds no installability errors and reads the manifest', async () => {
    const cdp = await robin.context().newCDPSession(robin);
    await robin.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const manifest = await cdp.send('Page.getAppManifest');
    check(manifest.errors.length === 0 && manifest.data, 'a web app manifest without errors', JSON.stringify({ url: manifest.url, errors: manifest.errors }));
    const parsed = JSON.parse(manifest.data);
    const { installabilityErrors } = await until('Chromium to answer the installability check', () => cdp.send('Page.getInstallabilityErrors'));
    check(installabilityErrors.length === 0, 'no installability errors (Page.getInstallabilityErrors)', JSON.stringify(installabilityErrors));
    await cdp.detach();
    writeJson(resolve(RESULTS_DIR, 'manifest.json'), { url: manifest.url, manifest: parsed });
    return `manifest ${manifest.url}: "${parsed.name}", display ${parsed.display}, ${parsed.icons?.length} icons`;
  });

  await step('a conversation opened through the API appears live in Robin\'s list, and the bell counts it', async () => {
    await robin.evaluate(() => {
      window.__noReloadMark = 'still-the-same-page';
    });
    const bell = robin.getByRole('link', { name: /^Notifications: \d+ unread$/ });
    const before = await bell.getAttribute('aria-label');
    check(before === 'Notifications: 0 unread', 'the bell at 0 unread before', before);
    state.externalId = `sms:+1555${suffix}`;
    state.customer = `Jordan Rivera ${suffix}`;
    const opened = await api.must('POST', `/api/orgs/${state.org}/conversations`, ALICE, {
      portalId: state.portal,
      clientId: state.client,
      channel: 'SMS',
      externalId: state.externalId,
      customerName: state.customer,
      subject: 'Where is my order?',
    }, [201]);
    state.work = opened.id;
    check(opened.status === 'ASSIGNED' && opened.assigneeId === state.agentId, 'the conversation assigned to Robin at once', JSON.stringify(opened));
    const t0 = Date.now();
    await robin.getByRole('link', { name: state.customer }).waitFor({ timeout: 15_000 }).catch(async () => {
      throw new Failure(`"${state.customer}" in the conversations list without a reload`, (await robin.locator('main').innerText()).slice(0, 500));
    });
    const listMs = Date.now() - t0;
    await until('the bell to count 1 unread', async () => (await bell.getAttribute('aria-label')) === 'Notifications: 1 unread', { timeout: 15_000 });
    const badge = await robin.getByTestId('unread-count').innerText();
    check(badge === '1', 'the badge to show 1', badge);
    const mark = await robin.evaluate(() => window.__noReloadMark);
    check(mark === 'still-the-same-page', 'no page reload', `the page was reloaded (mark ${mark})`);
    await settled(robin);
    await screen(robin, 'workspace-with-conversation', SCREENSHOTS_DIR);
    return `conversation ${state.work} listed ${listMs} ms after it was opened; bell 1 unread`;
  });

  await step('the server pushed it: a push delivered to the service worker shows the notification', async () => {
    const pushes = await until('the test push service to receive and decrypt the assignment\'s push', async () => {
      const answer = await harness(`/pushes?endpoint=${encodeURIComponent(PUSH.endpoint)}`);
      return answer.pushes.find((p) => p.text.includes(state.work)) && answer.pushes;
    });
    const received = pushes.find((p) => p.text.includes(state.work));
    const payload = JSON.parse(received.text);
    check(payload.title === 'New conversation assigned', 'the decrypted push titled "New conversation assigned"', received.text);
    const cdp = await robin.context().newCDPSession(robin);
    const registrations = new Map();
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
      for (const r of e.registrations) registrations.set(r.registrationId, r);
    });
    await cdp.send('ServiceWorker.enable');
    const registration = await until('the app\'s service worker registration (ServiceWorker.workerRegistrationUpdated)', async () =>
      [...registrations.values()].find((r) => r.scopeURL === `${APP_URL}/` && !r.isDeleted));
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: APP_URL, registrationId: registration.registrationId, data: received.text });
    const shown = await until('the service worker to show a notification for the conversation', async () => {
      const list = await robin.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
      });
      return list.find((n) => n.tag === `conversation:${state.work}`);
    }, { timeout: 15_000 });
    check(shown.title === 'New conversation assigned', 'the notification titled "New conversation assigned"', JSON.stringify(shown));
    check(shown.body.includes(state.externalId) && shown.body.includes(state.portalName), `its body naming the portal and ${state.externalId}`, shown.body);
    check(shown.data?.url === `/orgs/${state.org}/portals/${state.portal}/conversations/${state.work}`, 'its click opening the conversation', JSON.stringify(shown.data));
    await cdp.send('ServiceWorker.disable').catch(() => undefined);
    await cdp.detach();
    return `"${shown.title}": "${shown.body}" (tag ${shown.tag})`;
  });

  await step('Robin opens the conversation from his list (axe, screenshots)', async () => {
    await robin.getByRole('link', { name: state.customer }).click();
    await robin.waitForURL(new RegExp(`/conversations/${state.work}$`));
    await settled(robin);
    return `"${await heading(robin)}" ${await screen(robin, 'conversation', SCREENSHOTS_DIR)}`;
  });

  await step('the bell opens Robin\'s notifications (axe, screenshots)', async () => {
    await robin.getByRole('link', { name: /^Notifications: \d+ unread$/ }).click();
    await robin.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await robin.getByText('New conversation assigned').first().waitFor();
    await settled(robin);
    return screen(robin, 'notifications', SCREENSHOTS_DIR);
  });

  await step('a lead opened through the API is assigned to Robin; Alice opens it (axe, screenshots)', async () => {
    const lead = await api.must('POST', `/api/orgs/${state.org}/leads`, ALICE, {
      portalId: state.portal, clientId: state.client, source: 'web form', contactName: `Casey Lead ${suffix}`, company: 'Lead Co',
    }, [201]);
    check(lead.assigneeId === state.agentId, 'the lead to go to Robin, the portal\'s only available member', JSON.stringify(lead));
    current.page = alice;
    await alice.goto(`${APP_URL}/orgs/${state.org}/portals/${state.portal}/leads/${lead.id}`);
    await alice.getByRole('heading', { name: new RegExp(`Casey Lead ${suffix}`), level: 1 }).waitFor();
    await settled(alice);
    const shot = await screen(alice, 'lead', SCREENSHOTS_DIR);
    current.page = robin;
    return shot;
  });

  await step('JavaScript of a cold workspace load through the gateway', async () => {
    const result = await measureJs({ appUrl: APP_URL, path: `/orgs/${state.org}/portals/${state.portal}`, person: AGENT, portalName: state.portalName });
    writeJson(resolve(RESULTS_DIR, 'js-size.json'), { ...result, limitBytes: JS_LIMIT, measuredAt: new Date().toISOString() });
    for (const f of result.files) note(`  ${String(f.encodedBytes).padStart(8)} B ${f.encoding} (gzip ${f.gzipBodyBytes} B, ${f.decodedBytes} B uncompressed)  ${f.url}`);
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    check(result.totalEncodedBytes <= JS_LIMIT, `at most ${kb(JS_LIMIT)} of compressed JavaScript as Chromium received it`, `${result.totalEncodedBytes} bytes`);
    check(result.totalGzipBodyBytes <= JS_LIMIT, `at most ${kb(JS_LIMIT)} of JavaScript for a gzip-only client too`, `${result.totalGzipBodyBytes} bytes`);
    return `${result.totalEncodedBytes} B (${kb(result.totalEncodedBytes)}) as Chromium received it (${result.files.map((f) => f.encoding).join(', ')}, headers included), ${result.totalGzipBodyBytes} B (${kb(result.totalGzipBodyBytes)}) gzip, ${result.totalDecodedBytes} B uncompressed, ${result.files.length} file(s); limit ${kb(JS_LIMIT)}`;
  });

  await step('Robin signs out in the app: the signed-out page, and this device\'s subscription is gone on the server', async () => {
    current.page = robin;
    await robin.goto(`${APP_URL}/orgs/${state.org}/portals/${state.portal}`);
    await robin.getByRole('heading', { name: state.portalName, level: 1 }).waitFor();
    const signOut = robin.getByRole('button', { name: `Sign out (${AGENT.email})` });
    await signOut.click();
    await robin.waitForURL(`${APP_URL}/signed-out`, { timeout: 30_000 });
    await robin.getByRole('heading', { name: 'You signed out' }).waitFor();
    const rows = await until('no subscription row for this device\'s endpoint any more', async () => {
      const answer = await harness(`/push-subscriptions?endpoint=${encodeURIComponent(PUSH.endpoint)}`);
      return answer.count === 0 && answer;
    }, { timeout: 20_000 });
    const local = await robin.evaluate(() => localStorage.getItem('switchboard.test.pushSubscribed'));
    check(local === null, 'the browser\'s own subscription dropped (PushSubscription.unsubscribe)', `still subscribed (${local})`);
    await settled(robin);
    await screen(robin, 'signed-out', SCREENSHOTS_DIR);
    return `${rows.count} rows left for the endpoint`;
  });
}

let exitCode = 0;
try {
  await run();
  console.log(`\nbrowser suite passed in ${(timings.reduce((s, t) => s + t.ms, 0) / 1000).toFixed(1)} s`);
} catch (e) {
  exitCode = 1;
  const shot = await failureScreenshot(RESULTS_DIR);
  console.log(`\nFAILED: ${e instanceof Failure ? e.message : e.stack ?? e}`);
  console.log(`screenshot of the failing page: ${shot ?? 'none'}`);
} finally {
  writeJson(resolve(RESULTS_DIR, 'axe.json'), axeReport);
  writeJson(resolve(RESULTS_DIR, 'overflow.json'), overflows);
  if (overflows.length > 0) {
    // "works at 360 px wide": a screen that scrolls sideways fails the suite
    console.log(`FAILED: screens wider than the window: ${overflows.map((o) => `${o.screen} @${o.width} (+${o.overflowPx} px)`).join(', ')}`);
    exitCode = 1;
  }
  writeJson(resolve(RESULTS_DIR, 'timings.json'), timings);
  await closeAll();
}
process.exit(exitCode);
