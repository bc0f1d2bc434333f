/**
 * How the built app is served (PRODUCT.md §7): under a Content-Security-Policy sent
 * as a header, to the page and to its worker alike, and working over plain http from
 * a host that is not localhost, where the browser withholds `crypto.randomUUID`.
 */
import type { Response, Worker } from 'playwright-core';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

/** Directives as a map, so the test reads the policy the way the browser parses it. */
function directives(policy: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(' '));
  }
  return map;
}

const CSV =
  'Date,Sender,Receiver,Title,Intended resolve,Perceived resolve,Kind\r\n' +
  '2019-06-20,Iran,United States,Global Hawk shot down,70,45,force\r\n';

test('the page and the import worker are served with the policy, frame-ancestors included', async ({
  page,
  guarded,
}) => {
  const responses: Response[] = [];
  page.on('response', (response) => responses.push(response));
  const workers: Worker[] = [];
  page.on('worker', (worker) => workers.push(worker));

  const app = new ParallaxApp(page);
  const document = await page.goto('/');
  await page.getByRole('button', { name: 'Log signal' }).waitFor();
  const headers = document!.headers();
  const policy = directives(headers['content-security-policy']);
  expect(policy.get('frame-ancestors')).toBe("'none'");
  expect(policy.get('script-src')).toBe("'self'");
  expect(policy.get('connect-src')).toBe("'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  // The <meta> keeps the same policy for a server that sends none, without the one
  // directive a <meta> cannot carry.
  const meta = directives(
    (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) as string,
  );
  expect(meta.has('frame-ancestors')).toBe(false);
  expect(new Map([...policy].filter(([name]) => name !== 'frame-ancestors'))).toEqual(meta);

  // A CSV keeps its worker alive while the analyst confirms the preview.
  await app.nav('Data');
  await app.importFile('one.csv', CSV, 'text/csv');
  await page.getByRole('button', { name: 'Import 1 signal' }).waitFor();
  await expect.poll(() => workers.length).toBe(1);
  const worker = workers[0];
  const script = responses.find((r) => r.url() === worker.url());
  expect(script, `the response for ${worker.url()}`).toBeDefined();
  expect(directives(script!.headers()['content-security-policy']).get('connect-src')).toBe("'self'");

  // The worker itself runs under the policy: a fetch to another port on this machine
  // is refused before it leaves the browser (the harness would record it otherwise).
  guarded.allowConsoleError(/Refused to connect|violates the following Content Security Policy directive/);
  const other = new URL(page.url());
  other.port = String(Number(other.port) === 1 ? 2 : 1);
  const refused = await worker.evaluate(async (url) => {
    const violation = new Promise<string>((resolve) =>
      self.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective)),
    );
    const outcome = await fetch(url).then(
      () => 'fetched',
      () => 'failed',
    );
    return `${outcome} ${await violation}`;
  }, other.origin);
  expect(refused).toBe('failed connect-src');
  expect(guarded.foreignRequests).toEqual([]);
});

test('served where crypto.randomUUID is missing, a logged signal still gets a version 4 UUID', async ({
  page,
}) => {
  // Plain http from an intranet host is not a secure context: the browser has no
  // crypto.randomUUID there, as if it were deleted before the app loads.
  await page.addInitScript(() => {
    delete (Crypto.prototype as Partial<Crypto>).randomUUID;
  });
  const app = new ParallaxApp(page);
  await app.open();
  expect(await page.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');
  await app.loadExample();

  const title = 'Logged from an intranet host';
  const form = await app.openSignalForm();
  await form.fill({
    date: '2020-01-12',
    sender: 'United States',
    receiver: 'Iran',
    title,
    kind: 'statement',
    intended: '40',
    perceived: '28',
  });
  await form.save();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);

  const ids = await page.evaluate(
    (wanted) =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction('signals').objectStore('signals').getAll();
          all.onsuccess = () => {
            resolve(
              (all.result as { id: string; title: string }[])
                .filter((s) => s.title === wanted)
                .map((s) => s.id),
            );
            request.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    title,
  );
  expect(ids).toHaveLength(1);
  const id = ids[0];
  // 8-4-4-4-12 hex digits; the 13th digit (the version) is 4; the 17th (the variant) is 8, 9, a or b.
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const digits = id.replaceAll('-', '');
  expect(digits[12]).toBe('4');
  expect('89ab').toContain(digits[16]);
});
