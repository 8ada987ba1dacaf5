// End-to-end test of the admin console in a real Chromium against a running hub.
//
// A Java test starts the hub (serving this console), an admin account and an LDAP server, then
// runs `node --test e2e/console.e2e.mjs` with:
//   SLX_BASE_URL        http://127.0.0.1:PORT of the hub
//   SLX_ADMIN_USERNAME  an admin account
//   SLX_ADMIN_PASSWORD
//   LDAP_URL            ldap://127.0.0.1:PORT (plaintext)
//   LDAP_BIND_DN, LDAP_BIND_PASSWORD, LDAP_BASE_DN
//   WEBHOOK_RECEIVER_URL  an http endpoint that answers 204, for the webhook test
//   CHROMIUM_PATH       optional, default /usr/bin/chromium (Debian's package)
// A failing test leaves a screenshot in web-ui/target/e2e-screenshots/.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const env = process.env;
const BASE_URL = (env.SLX_BASE_URL ?? '').replace(/\/+$/, '');
const ADMIN_USERNAME = env.SLX_ADMIN_USERNAME ?? '';
const ADMIN_PASSWORD = env.SLX_ADMIN_PASSWORD ?? '';
const LDAP = {
  url: env.LDAP_URL ?? '',
  bindDn: env.LDAP_BIND_DN ?? '',
  bindPassword: env.LDAP_BIND_PASSWORD ?? '',
  baseDn: env.LDAP_BASE_DN ?? '',
};
const WEBHOOK_RECEIVER_URL = env.WEBHOOK_RECEIVER_URL ?? '';
/** A newer version (1.1.0) of the test-connectors plugin the hub runs (1.0.0). */
const PLUGIN_UPGRADE_JAR = env.PLUGIN_UPGRADE_JAR ?? '';
const CHROMIUM_PATH = env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../target/e2e-screenshots/', import.meta.url));

/** How long to wait for the hub to do something real (start a connector, bind to LDAP). */
const SLOW = 30_000;

// Run by ConsoleEndToEndTest in the hub module; without a hub to test there is nothing to pass.
const missing = ['SLX_BASE_URL', 'SLX_ADMIN_USERNAME', 'SLX_ADMIN_PASSWORD', 'LDAP_URL', 'LDAP_BIND_DN',
  'LDAP_BIND_PASSWORD', 'LDAP_BASE_DN', 'WEBHOOK_RECEIVER_URL', 'PLUGIN_UPGRADE_JAR'].filter((name) => !env[name]);
if (missing.length > 0) {
  throw new Error(`Set ${missing.join(', ')}: this suite runs against a real hub and LDAP server`);
}

let context;
let userDataDir;

/** `/connectors` but not `/connectors/new` or `/connectors/<id>`. */
const atPath = (path) => (url) => new URL(url).pathname === path;

/**
 * Runs `body` with a fresh page and no cookies. Collects Content-Security-Policy violations and
 * uncaught page errors, which fail the test; takes a screenshot when anything fails.
 */
async function withPage(name, body) {
  await context.clearCookies();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  try {
    await body(page);
    assert.deepEqual(problems, [], 'the console must run without CSP violations or script errors');
  } catch (error) {
    await mkdir(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    if (problems.length > 0) error.message += `\nAlso seen in the page:\n  ${problems.join('\n  ')}`;
    error.message += `\nScreenshot: ${file}\nURL: ${page.url()}`;
    throw error;
  } finally {
    await page.close();
  }
}

async function logIn(page, username = ADMIN_USERNAME, password = ADMIN_PASSWORD) {
  await page.goto(`${BASE_URL}/`);
  await page.waitForURL(atPath('/login'));
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Logs in from `/`, lands on the dashboard, and opens the Connectors page from the navigation. */
async function logInToConnectors(page, username = ADMIN_USERNAME, password = ADMIN_PASSWORD) {
  await logIn(page, username, password);
  await page.waitForURL(atPath('/dashboard'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connectors', exact: true }).click();
  await page.waitForURL(atPath('/connectors'));
  await page.getByRole('heading', { name: 'Connectors', level: 1 }).waitFor();
}

/**
 * Calls the hub's API from node with a session of its own (the browser's session is not
 * touched): for changes the console should see arrive live.
 */
async function hubApi() {
  const send = async (method, path, body, token) => {
    const response = await fetch(`${BASE_URL}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} ${path}: HTTP ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  };
  const { accessToken } = await send('POST', '/api/v1/auth/login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD });
  return (method, path, body) => send(method, path, body, accessToken);
}

/** `/connectors/<id>`, not `/connectors/new`. */
const atConnectorDetail = (url) => {
  const path = new URL(url).pathname;
  return /^\/connectors\/[^/]+$/.test(path) && path !== '/connectors/new';
};

/** On the new-connector page: picks the LDAP type and fills in the test directory. */
async function fillLdapConnectorForm(page, name) {
  const ldapCard = page.getByTestId('connector-type-ldap');
  await ldapCard.filter({ hasText: 'Active Directory / LDAP' }).waitFor();
  await ldapCard.click();

  await page.getByTestId('connector-name').fill(name);
  await page.getByTestId('setting-urls').fill(LDAP.url);
  await page.getByTestId('setting-security').selectOption('none');
  await page.getByTestId('setting-allowPlaintext').check();
  await page.getByTestId('setting-bindDn').fill(LDAP.bindDn);
  await page.getByTestId('setting-bindPassword').fill(LDAP.bindPassword);
  await page.getByTestId('setting-userBaseDn').fill(LDAP.baseDn);
  // Fields this flow does not know keep their schema defaults; a required group base is
  // the one other value a plain directory may need.
  const groupBase = page.getByTestId('setting-groupBaseDn');
  if ((await groupBase.count()) > 0 && (await groupBase.inputValue()) === '') await groupBase.fill(LDAP.baseDn);
}

/** On a connector's page: deletes it, confirms, and waits for the list without it. */
async function deleteConnector(page, name) {
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForURL(atPath('/connectors'), { timeout: SLOW });
  await page.getByTestId('connector-row').filter({ hasText: name }).waitFor({ state: 'detached' });
}

/** A run's counters as shown in its row of the import history: `{ read: '2', created: '2', … }`. */
async function importCounters(row) {
  const counters = {};
  for (const cell of await row.locator('td[data-counter]').all()) {
    counters[await cell.getAttribute('data-counter')] = (await cell.textContent()).trim();
  }
  return counters;
}

/**
 * On a connector's page: clicks "Import now", checks the progress panel of the running import,
 * and waits for the run to finish. Importing a small directory takes the hub milliseconds, so
 * the console's first poll of the run is held back until the panel (showing the run as the hub
 * started it) has been checked; the polling then brings the outcome. `percent` matches what the
 * panel shows of the progress: a count read while the hub cannot tell how many to expect, else
 * a percentage. Returns the run's row in the history once it has finished.
 */
async function importNow(page, { percent }) {
  const imports = page.getByTestId('connector-imports');
  const isRunPoll = (url) => /^\/api\/v1\/imports\/[^/]+$/.test(new URL(url).pathname);
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  const hold = async (route) => {
    await released;
    await route.continue().catch(() => {}); // the page may have gone meanwhile
  };
  await page.route(isRunPoll, hold);
  let runRow;
  try {
    await imports.getByRole('button', { name: 'Import now' }).click();

    const progress = imports.getByTestId('import-progress');
    await progress.waitFor({ timeout: SLOW });
    const phase = await progress.getByTestId('import-phase').textContent();
    assert.match(phase, /^(Importing|Reading users|Reading groups|Finishing)…$/, 'the phase in words');
    assert.match(await progress.getByTestId('import-percent').textContent(), percent);
    assert.match(await progress.locator('[data-counter="created"] dd').textContent(), /^\d+$/);
    await progress.getByRole('button', { name: 'Cancel import' }).waitFor();
    assert.ok(await imports.getByRole('button', { name: 'Import now' }).isDisabled(), 'no second import while one runs');

    // The running run heads the history; its id finds it again once it has finished.
    const newest = imports.getByTestId('import-row').first();
    await newest.locator('[data-testid="import-status"][data-state="running"]').waitFor();
    const runId = await newest.getAttribute('data-run-id');
    assert.ok(runId, 'the running import has a row in the history');
    runRow = imports.locator(`[data-testid="import-row"][data-run-id="${runId}"]`);
  } finally {
    release();
    await page.unroute(isRunPoll, hold);
  }

  await runRow.locator('[data-testid="import-status"][data-state="succeeded"]').waitFor({ timeout: SLOW });
  await imports.getByTestId('import-progress').waitFor({ state: 'detached' });
  await imports.locator('button:enabled', { hasText: 'Import now' }).waitFor();
  assert.equal(await runRow.getByTestId('import-status').textContent(), 'Succeeded');
  const trigger = await runRow.getByTestId('import-trigger').textContent();
  assert.ok(trigger.includes('By hand') && trigger.includes(ADMIN_USERNAME), `started by hand by the admin: ${trigger}`);
  return runRow;
}

describe('SLX Connect console', () => {
  before(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'slx-e2e-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1366, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  test('a wrong password is refused with a message and no session', async () => {
    await withPage('wrong password', async (page) => {
      await logIn(page, ADMIN_USERNAME, `${ADMIN_PASSWORD}-wrong`);
      await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password field is cleared');
    });
  });

  test('an admin logs in, stays logged in across a reload, and logs out for good', async () => {
    await withPage('login reload logout', async (page) => {
      // The console opens on the dashboard.
      await logIn(page);
      await page.waitForURL(atPath('/dashboard'));
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      assert.equal(await page.getByTestId('current-admin').locator('.user-name').textContent(), ADMIN_USERNAME);
      assert.equal(await page.getByTestId('current-role').textContent(), 'Administrator');

      // The access token lives in memory only: a reload restores it from the refresh cookie.
      await page.reload();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/dashboard');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(atPath('/login'));

      // The refresh cookie was revoked: going back to a page needs a new login.
      await page.goto(`${BASE_URL}/plugins`);
      await page.waitForURL(atPath('/login'));
      await page.getByRole('button', { name: 'Log in' }).waitFor();
    });
  });

  test('an admin adds an LDAP connector, tests it, sees it running, and deletes it', async () => {
    await withPage('ldap connector lifecycle', async (page) => {
      const name = `e2e LDAP ${Date.now()}`;

      // Opening the console without a session lands on the login page.
      await logInToConnectors(page);

      await page.getByRole('link', { name: 'Add connector' }).click();
      await page.waitForURL(atPath('/connectors/new'));
      await fillLdapConnectorForm(page, name);

      await page.getByRole('button', { name: 'Test connection' }).click();
      const report = page.getByTestId('connection-report');
      await report.waitFor({ timeout: SLOW });
      const steps = await report.getByTestId('report-step').allTextContents();
      const bind = report.getByTestId('report-step').filter({ hasText: /bind/i }).first();
      assert.equal(await bind.getAttribute('data-success'), 'true', `the bind step succeeds; steps: ${steps.join(' | ')}`);
      assert.equal(await report.getAttribute('data-success'), 'true', `the connection test succeeds; steps: ${steps.join(' | ')}`);

      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL(atPath('/connectors'), { timeout: SLOW });

      // The hub starts the new connector: wait for the list's polling to show it running.
      const row = page.getByTestId('connector-row').filter({ hasText: name });
      await row.locator('[data-testid="connector-status"][data-state="running"]').waitFor({ timeout: SLOW });

      await row.getByRole('link', { name }).click();
      await page.waitForURL(atConnectorDetail);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.locator('.status-card [data-testid="connector-status"][data-state="running"]').waitFor();
      assert.equal(
        await page.getByTestId('setting-bindPassword').getAttribute('placeholder'),
        '•••• stored — leave empty to keep',
        'the stored bind password is never shown, only that one is stored',
      );

      await deleteConnector(page, name);

      // Still gone after a fresh load from the hub.
      await page.reload();
      await page.getByRole('heading', { name: 'Connectors', level: 1 }).waitFor();
      await page.locator('[data-testid="connectors-table"], [data-testid="connectors-empty"]').first().waitFor();
      assert.equal(await page.getByTestId('connector-row').filter({ hasText: name }).count(), 0);
    });
  });

  test('an admin creates an auditor, who can read but not add connectors and has no Admins page', async () => {
    await withPage('auditor account', async (page) => {
      const stamp = Date.now();
      const username = `e2e-auditor-${stamp}`;
      const password = `e2e auditor password ${stamp}`;

      await logIn(page);
      await page.waitForURL(atPath('/dashboard'));
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Admins', exact: true }).click();
      await page.waitForURL(atPath('/admins'));
      await page.getByRole('heading', { name: 'Admins', level: 1 }).waitFor();

      await page.getByTestId('add-admin').click();
      const form = page.getByTestId('add-admin-form');
      await form.getByTestId('admin-username').fill(username);
      await form.getByTestId('admin-role').selectOption('auditor');
      await form.getByTestId('admin-password').fill(password);
      await form.getByTestId('admin-confirm').fill(password);
      await form.getByRole('button', { name: 'Create admin', exact: true }).click();

      const row = page.getByTestId('admin-row').filter({ hasText: username });
      await row.waitFor({ timeout: SLOW });
      assert.equal(await row.getByTestId('admin-role-select').inputValue(), 'auditor');
      assert.equal(await row.getByTestId('admin-enabled').getAttribute('data-state'), 'enabled');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(atPath('/login'));

      await logInToConnectors(page, username, password);
      assert.equal(await page.getByTestId('current-role').textContent(), 'Auditor');
      // Wait for the list to load so a missing link means "not offered", not "not yet shown".
      await page.locator('[data-testid="connectors-table"], [data-testid="connectors-empty"]').first().waitFor();
      assert.equal(await page.getByTestId('add-connector').count(), 0, 'an auditor is not offered "Add connector"');
      assert.equal(await page.getByRole('link', { name: 'Add connector' }).count(), 0);

      await nav.getByRole('link', { name: 'Audit log' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Admins', exact: true }).count(), 0, 'Admins is not in the navigation');

      // Nor is the page there when typed in.
      await page.goto(`${BASE_URL}/admins`);
      await page.getByTestId('forbidden').waitFor();
    });
  });

  test('an admin adds a user, finds it, puts it in a new group, then deletes the group and the user', async () => {
    await withPage('users and groups', async (page) => {
      const stamp = Date.now();
      const userName = `e2e-user-${stamp}`;
      const email = `${userName}@example.com`;
      const groupName = `e2e-group-${stamp}`;
      /** `/users/<id>` (not `/users/new`), `/groups/<id>`. */
      const atDetail = (list) => (url) => {
        const path = new URL(url).pathname;
        return path.startsWith(`/${list}/`) && path.split('/').length === 3 && path !== `/${list}/new`;
      };

      await logIn(page);
      await page.waitForURL(atPath('/dashboard'));
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Users', exact: true }).click();
      await page.waitForURL(atPath('/users'));
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();

      // Add the user; the console opens it once created.
      await page.getByTestId('add-user').click();
      await page.waitForURL(atPath('/users/new'));
      const form = page.getByTestId('user-form');
      await form.getByTestId('user-userName').fill(userName);
      await form.getByTestId('user-emails').fill(email);
      await form.getByRole('button', { name: 'Create user', exact: true }).click();
      await page.waitForURL(atDetail('users'), { timeout: SLOW });
      const userPath = new URL(page.url()).pathname;
      await page.getByTestId('user-username').filter({ hasText: userName }).waitFor();
      await page.getByTestId('flash').filter({ hasText: `User “${userName}” created.` }).waitFor();
      assert.equal(await page.getByTestId('user-primary-email').textContent(), email);

      // The list finds it through the search box: one match.
      await nav.getByRole('link', { name: 'Users', exact: true }).click();
      await page.waitForURL(atPath('/users'));
      await page.getByTestId('user-search').fill(userName);
      await page.getByTestId('page-info').filter({ hasText: /· 1 user$/ }).waitFor();
      const userRow = page.getByTestId('user-row').filter({ hasText: userName });
      await userRow.waitFor();
      assert.equal(await userRow.getAttribute('data-username'), userName);
      assert.ok((await userRow.textContent()).includes(email), 'the row shows the email');

      // A new group, with the user as its member.
      await nav.getByRole('link', { name: 'Groups', exact: true }).click();
      await page.waitForURL(atPath('/groups'));
      await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
      await page.getByTestId('add-group').click();
      const groupForm = page.getByTestId('add-group-form');
      await groupForm.getByTestId('group-name').fill(groupName);
      await groupForm.getByTestId('group-description').fill('Made by the end-to-end test');
      await groupForm.getByRole('button', { name: 'Create group', exact: true }).click();
      await page.waitForURL(atDetail('groups'), { timeout: SLOW });
      await page.getByRole('heading', { name: groupName, level: 1 }).waitFor();
      await page.getByTestId('group-members-empty').waitFor();

      const picker = page.getByTestId('member-picker');
      await picker.getByTestId('member-picker-input').fill(userName);
      await picker.getByTestId('member-picker-option').filter({ hasText: userName }).click();
      const memberRow = page.getByTestId('group-member-row').filter({ hasText: userName });
      await memberRow.waitFor({ timeout: SLOW });
      assert.equal(await memberRow.getAttribute('data-username'), userName);
      assert.equal(await page.getByTestId('group-member-row').count(), 1);

      // Delete the group (its member stays) ...
      await page.getByTestId('group-delete').click();
      const groupDialog = page.getByRole('dialog');
      await groupDialog.waitFor();
      await groupDialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.waitForURL(atPath('/groups'), { timeout: SLOW });
      await page.getByTestId('flash').filter({ hasText: `Group “${groupName}” deleted.` }).waitFor();
      await page.getByTestId('group-search').fill(groupName);
      await page.getByTestId('groups-empty').waitFor();

      // ... then the user, from its page.
      await nav.getByRole('link', { name: 'Users', exact: true }).click();
      await page.waitForURL(atPath('/users'));
      await page.getByTestId('user-search').fill(userName);
      await page.getByTestId('page-info').filter({ hasText: /· 1 user$/ }).waitFor();
      await page.getByTestId('user-row').filter({ hasText: userName }).getByRole('link', { name: userName, exact: true }).click();
      await page.waitForURL(atPath(userPath));
      await page.getByTestId('user-username').filter({ hasText: userName }).waitFor();
      await page.getByTestId('user-groups-empty').waitFor();

      await page.getByTestId('user-delete').click();
      const userDialog = page.getByRole('dialog');
      await userDialog.waitFor();
      await userDialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.waitForURL(atPath('/users'), { timeout: SLOW });
      await page.getByTestId('flash').filter({ hasText: `User “${userName}” deleted.` }).waitFor();
      await page.getByTestId('user-search').fill(userName);
      await page.getByTestId('users-empty').waitFor();
    });
  });

  test('an admin imports users from LDAP, follows the progress, and sees the run and the linked accounts', async () => {
    await withPage('ldap import', async (page) => {
      // The directory holds alice and bob; no other test uses those user names.
      const name = `e2e LDAP import ${Date.now()}`;
      const nav = page.getByRole('navigation', { name: 'Main' });

      await logInToConnectors(page);

      // A source: the hub reads its users and sends it nothing; new accounts match by user name.
      await page.getByRole('link', { name: 'Add connector' }).click();
      await page.waitForURL(atPath('/connectors/new'));
      await fillLdapConnectorForm(page, name);
      await page.getByTestId('provisioning-direction-source').check();
      await page.getByTestId('provisioning-source-note').waitFor();
      assert.equal(await page.getByTestId('provisioning-correlation').inputValue(), 'userName');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL(atPath('/connectors'), { timeout: SLOW });

      const row = page.getByTestId('connector-row').filter({ hasText: name });
      await row.locator('[data-testid="connector-status"][data-state="running"]').waitFor({ timeout: SLOW });
      await row.getByRole('link', { name }).click();
      await page.waitForURL(atConnectorDetail);
      const connectorPath = new URL(page.url()).pathname;
      const connectorId = decodeURIComponent(connectorPath.split('/')[2]);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.locator('.status-card [data-testid="connector-status"][data-state="running"]').waitFor({ timeout: SLOW });
      assert.equal(await page.getByTestId('connector-direction').getAttribute('data-direction'), 'source');
      assert.equal(await page.getByTestId('connector-correlation').textContent(), 'User name');

      const imports = page.getByTestId('connector-imports');
      await imports.getByTestId('imports-empty').waitFor();

      // The first import creates both users; with no run before it, the progress counts reads.
      const firstRun = await importNow(page, { percent: /^\d+ read so far$/ });
      assert.deepEqual(await importCounters(firstRun), { read: '2', created: '2', updated: '0', unchanged: '0', failed: '0' });
      assert.equal(await imports.getByTestId('import-row').count(), 1);

      // The second finds them as they were; the first run tells it how many to expect.
      const secondRun = await importNow(page, { percent: /^\d+%$/ });
      assert.deepEqual(await importCounters(secondRun), { read: '2', created: '0', updated: '0', unchanged: '2', failed: '0' });
      assert.equal(await imports.getByTestId('import-row').count(), 2);
      assert.equal(
        await imports.getByTestId('import-row').first().getAttribute('data-run-id'),
        await secondRun.getAttribute('data-run-id'),
        'the newest run comes first',
      );
      assert.equal(await imports.getByTestId('import-error').count(), 0, 'neither run reports an error');

      // The imported users, with their accounts in the directory linked to the connector.
      await nav.getByRole('link', { name: 'Users', exact: true }).click();
      await page.waitForURL(atPath('/users'));
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      await page.getByTestId('user-search').fill('bob');
      await page.getByTestId('page-info').filter({ hasText: /· 1 user$/ }).waitFor();
      await page.locator('[data-testid="user-row"][data-username="bob"]').waitFor();
      await page.getByTestId('user-search').fill('alice');
      const aliceRow = page.locator('[data-testid="user-row"][data-username="alice"]');
      await aliceRow.waitFor();
      await page.getByTestId('page-info').filter({ hasText: /· 1 user$/ }).waitFor();
      assert.ok((await aliceRow.textContent()).includes('alice@example.com'), 'the row shows the email from the directory');
      await aliceRow.getByRole('link', { name: 'alice', exact: true }).click();
      await page.waitForURL((url) => /^\/users\/[^/]+$/.test(new URL(url).pathname) && new URL(url).pathname !== '/users/new');
      await page.getByTestId('user-username').filter({ hasText: 'alice' }).waitFor();
      assert.equal(await page.getByTestId('user-primary-email').textContent(), 'alice@example.com');

      const account = page.getByTestId('user-accounts-table').getByTestId('user-account-row').filter({ hasText: name });
      await account.waitFor();
      assert.equal(await page.getByTestId('user-account-row').count(), 1, 'one linked account');
      assert.equal(await account.getAttribute('data-connector-id'), connectorId);
      const state = account.getByTestId('account-state');
      assert.equal(await state.getAttribute('data-state'), 'active');
      assert.equal(await state.textContent(), 'Active');

      // Her history: created by the import, and her account linked, both from the connector.
      const history = page.getByTestId('user-history');
      const created = history.locator('[data-testid="event-row"][data-type="user.created"]');
      await created.filter({ hasText: 'User created' }).waitFor();
      await created.getByTestId('event-source').filter({ hasText: name }).waitFor();
      const linked = history.locator('[data-testid="event-row"][data-type="account.linked"]');
      await linked.filter({ hasText: 'Account linked' }).waitFor();
      await linked.getByTestId('event-source').filter({ hasText: name }).waitFor();

      // Nothing is sent to a source: the provisioning log has no task for it.
      await nav.getByRole('link', { name: 'Provisioning', exact: true }).click();
      await page.waitForURL(atPath('/provisioning'));
      await page.getByRole('heading', { name: 'Provisioning', level: 1 }).waitFor();
      await page.locator('[data-testid="provisioning-table"], [data-testid="provisioning-empty"]').first().waitFor();
      await page.getByTestId('provisioning-connector').selectOption({ label: name });
      await page.waitForURL((url) => new URL(url).searchParams.get('connector') === connectorId);
      await page.getByTestId('provisioning-empty').filter({ hasText: 'No matching tasks' }).waitFor();
      assert.equal(await page.getByTestId('provisioning-row').count(), 0);

      // Leave no connector behind for the other tests.
      await nav.getByRole('link', { name: 'Connectors', exact: true }).click();
      await page.waitForURL(atPath('/connectors'));
      await page.getByTestId('connector-row').filter({ hasText: name }).getByRole('link', { name }).click();
      await page.waitForURL(atPath(connectorPath));
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await deleteConnector(page, name);
    });
  });

  test('an admin watches changes arrive live, and sees them counted on the dashboard', async () => {
    await withPage('live changes', async (page) => {
      const name = `e2e live group ${Date.now()}`;
      await logIn(page);
      await page.waitForURL(atPath('/dashboard'));
      await page.getByTestId('changes-chart').waitFor({ timeout: SLOW });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Live changes' }).click();
      await page.waitForURL(atPath('/events/live'));
      await page.locator('[data-testid="stream-state"][data-state="connected"]').waitFor({ timeout: SLOW });

      const call = await hubApi();
      const group = await call('POST', '/api/v1/groups', { name });
      try {
        const row = page.getByTestId('live-event-row').filter({ hasText: name });
        await row.waitFor({ timeout: SLOW });
        assert.equal(await row.getAttribute('data-type'), 'group.created');
        assert.match(await row.textContent(), /Admin changes/);
        assert.equal(await row.getByRole('link', { name }).getAttribute('href'), `/groups/${group.id}`);
      } finally {
        await call('DELETE', `/api/v1/groups/${encodeURIComponent(group.id)}`);
      }
      // Newest on top: the delete comes in above the create.
      const newest = page.getByTestId('live-event-row').first();
      await page.locator('[data-testid="live-event-row"][data-type="group.deleted"]').first().waitFor({ timeout: SLOW });
      assert.equal(await newest.getAttribute('data-type'), 'group.deleted');

      // The dashboard counts the admin's changes of the last hour.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await page.getByTestId('chart-legend-item').filter({ hasText: 'Admin changes' }).waitFor({ timeout: SLOW });
    });
  });

  test('an admin adds a webhook, sees its secret once, sends a test event and sees it delivered', async () => {
    await withPage('webhook', async (page) => {
      const description = `e2e webhook ${Date.now()}`;
      await logIn(page);
      await page.waitForURL(atPath('/dashboard'));
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
      await page.waitForURL(atPath('/webhooks'));
      await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();

      await page.getByTestId('add-webhook').click();
      const form = page.getByTestId('add-webhook-form');
      await form.getByTestId('webhook-url').fill(WEBHOOK_RECEIVER_URL);
      await form.getByTestId('webhook-description').fill(description);
      await form.getByRole('checkbox', { name: /User created/ }).check();
      await form.getByRole('button', { name: 'Create webhook' }).click();

      // The secret shows once, in a dialog.
      const dialog = page.getByRole('dialog', { name: 'Webhook created: its signing secret' });
      await dialog.waitFor({ timeout: SLOW });
      assert.match(await dialog.getByTestId('webhook-secret').inputValue(), /^whsec_\S+$/);
      assert.match(await dialog.textContent(), /you will not see it again/);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('webhook-secret').count(), 0, 'the secret is gone once the dialog is closed');

      const row = page.getByTestId('webhook-row').filter({ hasText: description });
      assert.equal(await row.getByTestId('webhook-state').getAttribute('data-state'), 'enabled');
      await row.getByRole('link').first().click();
      await page.waitForURL((url) => /^\/webhooks\/[^/]+$/.test(new URL(url).pathname));
      await page.getByRole('heading', { name: WEBHOOK_RECEIVER_URL, level: 1 }).waitFor();

      await page.getByRole('button', { name: 'Send test event' }).click();
      await page.getByTestId('flash').filter({ hasText: 'Test event queued' }).waitFor({ timeout: SLOW });
      // The log follows the pending delivery until the receiver has answered.
      const delivery = page.getByTestId('delivery-row').filter({ hasText: 'Test event' }).first();
      await delivery.locator('[data-testid="delivery-status"][data-state="succeeded"]').waitFor({ timeout: SLOW });
      await delivery.getByRole('button', { name: /^Details of delivery/ }).click();
      const attempt = page.getByTestId('delivery-details').getByTestId('delivery-attempt').first();
      await attempt.waitFor();
      assert.match(await attempt.textContent(), /HTTP 204/);

      // Leave no webhook behind.
      await page.getByTestId('webhook-delete').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
      await page.waitForURL(atPath('/webhooks'));
      await page.getByTestId('flash').filter({ hasText: 'deleted' }).waitFor();
      assert.equal(await page.getByTestId('webhook-row').filter({ hasText: description }).count(), 0);
    });
  });

  test('an admin upgrades a plugin from the Plugins page, then removes it', async () => {
    await withPage('plugins', async (page) => {
      await logIn(page);
      await page.waitForURL(atPath('/dashboard'));
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plugins' }).click();
      await page.waitForURL(atPath('/plugins'));
      const row = page.locator('[data-testid="plugin-row"][data-plugin-id="test-connectors"]');
      await row.waitFor();
      assert.match(await row.textContent(), /1\.0\.0/);
      assert.equal(await row.getByTestId('plugin-state').getAttribute('data-state'), 'STARTED');

      await row.getByRole('button', { name: 'Upgrade test-connectors' }).click();
      const dialog = page.getByTestId('upload-plugin-dialog');
      await dialog.getByLabel('Plugin jar').setInputFiles(PLUGIN_UPGRADE_JAR);
      await dialog.getByRole('button', { name: 'Upgrade', exact: true }).click();
      const outcome = page.getByTestId('plugin-outcome');
      await outcome.filter({ hasText: 'Upgraded test-connectors 1.0.0 → 1.1.0' }).waitFor({ timeout: SLOW });
      await row.filter({ hasText: '1.1.0' }).waitFor();

      await row.getByRole('button', { name: 'Remove test-connectors 1.1.0' }).click();
      const confirm = page.getByTestId('remove-plugin-dialog');
      await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
      await row.waitFor({ state: 'detached', timeout: SLOW });
      assert.equal(await page.locator('[data-testid="plugin-row"][data-plugin-id="ldap"]').count(), 1,
        'the other plugins stay');
    });
  });
});
