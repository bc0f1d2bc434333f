/**
 * A whole working session through the built app, watched for what PRODUCT.md §7
 * forbids: any Content-Security-Policy violation and any request to another origin.
 */
import type { Request } from 'playwright-core';
import { baseURL, expect, newPage, test } from './harness';
import { ParallaxApp } from './pages';

test('the watch sees an inline script and an image from another origin, each refused by the policy', async ({
  browser,
}) => {
  // Proves the journey below could fail: both kinds of breach are recorded.
  const planted = await newPage(browser);
  try {
    planted.allowConsoleError(/violates the following Content Security Policy directive/);
    await new ParallaxApp(planted.page).open();
    await planted.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.name = "ran"';
      document.body.append(script);
    });
    // Each copy of the policy (header and <meta>) reports its own refusal.
    await expect.poll(() => planted.cspViolations.length).toBe(2);
    expect(planted.cspViolations.every((v) => v.startsWith('script-src-elem blocked inline'))).toBe(true);
    expect(await planted.page.evaluate(() => window.name)).toBe('');

    const other = new URL(baseURL());
    other.port = String(Number(other.port) + 1);
    await planted.page.evaluate((url) => {
      document.body.append(Object.assign(document.createElement('img'), { src: url }));
    }, `${other.origin}/pixel.png`);
    // The image is refused by the policy (img-src 'self') before any request is made.
    await expect.poll(() => planted.cspViolations.length).toBe(4);
    expect(planted.cspViolations.slice(2).every((v) => v.startsWith(`img-src blocked ${other.origin}`))).toBe(
      true,
    );
    expect(planted.foreignRequests).toEqual([]);
  } finally {
    await planted.close();
  }
});

test('example, every view, log, edit, delete, import, export: no policy violation, no other origin', async ({
  page,
  guarded,
}) => {
  const origin = new URL(baseURL()).origin;
  const offOrigin: string[] = [];
  const watch = (request: Request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
      offOrigin.push(url.href);
  };
  guarded.context.on('request', watch);

  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  const exampleCount = await app.storedSignalCount();

  // Every view, each shown with its content.
  await app.nav('Signals');
  await expect.poll(() => app.signalRows().count()).toBeGreaterThan(0);
  await app.nav('Inbox');
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await app.nav('Compare');
  await page.getByRole('heading', { level: 1, name: 'Compare' }).waitFor();
  const metrics = page.getByRole('table', { name: 'Dyad metrics' });
  await expect.poll(() => metrics.locator('tbody tr').count()).toBeGreaterThan(0);
  await app.nav('Actors');
  await page.getByRole('heading', { level: 1, name: 'Actors' }).waitFor();
  await app.nav('Data');
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  await app.nav('Methods');
  await page.getByRole('heading', { level: 1, name: 'Methods' }).waitFor();
  const drawn = await app.readyCount();
  await app.nav('Dashboard');
  await app.waitForDashboardReady(drawn);
  await expect.poll(() => app.timeline().count()).toBe(1);

  // Log a signal, edit it, delete it.
  const logged = 'Tehran signals talks through Oman';
  const edited = 'Tehran signals talks through Oman and Qatar';
  const form = await app.openSignalForm();
  await form.fill({
    date: '2020-01-20',
    sender: 'Iran',
    receiver: 'United States',
    title: logged,
    kind: 'diplomacy',
    intended: '20',
    perceived: '30',
  });
  await form.save();
  await expect.poll(() => app.storedSignalCount()).toBe(exampleCount + 1);

  await app.nav('Signals');
  const row = app.signalRow(logged);
  await expect.poll(() => row.count()).toBe(1);
  await row.getByRole('button', { name: 'Edit' }).click();
  await app.form.field('Title').fill(edited);
  await app.form.save();
  await expect.poll(() => app.signalRow(edited).count()).toBe(1);

  await app.signalRow(edited).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => app.storedSignalCount()).toBe(exampleCount);
  await expect.poll(() => app.signalRow(logged).count()).toBe(0);

  // Import a file, then export JSON and CSV.
  const imported = 'Oman relays a message from Washington';
  await app.nav('Data');
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  await app.importFile(
    'relay.csv',
    `Date,Sender,Receiver,Title,Intended resolve,Perceived resolve,Kind\r\n2020-01-21,United States,Iran,${imported},30,25,diplomacy\r\n`,
    'text/csv',
  );
  await page.getByRole('button', { name: 'Import 1 signal' }).click();
  await expect.poll(() => app.storedSignalCount()).toBe(exampleCount + 1);

  const json = await app.download('Export JSON');
  expect((JSON.parse(json.text) as { signals: { title: string }[] }).signals.map((s) => s.title)).toContain(
    imported,
  );
  const csv = await app.download('Export CSV');
  expect(csv.text).toContain(imported);

  expect({ cspViolations: guarded.cspViolations, offOrigin, routed: guarded.foreignRequests }).toEqual({
    cspViolations: [],
    offOrigin: [],
    routed: [],
  });
});
