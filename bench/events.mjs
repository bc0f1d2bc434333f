// events_ratio (PRODUCT.md §9): a 1,000,000-row GDELT 2.0 export added to the
// inbox through the app, filtered to the chosen actors, divided by a plain
// streaming parse of the same file in a worker (bench/parse.worker.js).

import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 } from './data.mjs';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Page} Page */

export const EVENT_ROWS = 1_000_000;
const TIMEOUT = 900_000;

const CODES = [
  '010',
  '036',
  '042',
  '057',
  '0871',
  '111',
  '112',
  '130',
  '138',
  '1512',
  '163',
  '172',
  '190',
  '193',
];
/** @type {Record<string, number>} */
const GOLDSTEIN = {
  0: 0,
  1: -2,
  3: 4,
  4: 1,
  5: 3.5,
  8: 5,
  11: -2,
  13: -4.4,
  15: -7.2,
  16: -4,
  17: -5,
  19: -10,
};

/**
 * Writes a GDELT 2.0 export of `rows` lines: 61 tab-separated columns, as
 * GDELT fills them. About 2% of the events are between the United States and
 * Iran (a tenth of those re-emitted under new ids); the rest are among 120
 * other actors, with a second actor missing in one row in ten.
 * @param {string} path
 * @param {number} rows
 * @param {number} seed
 * @returns {{ bytes: number, dyadRows: number }}
 */
export function writeGdeltExport(path, rows, seed) {
  const random = mulberry32(seed);
  /** @template T @param {readonly T[]} list @returns {T} */
  const pick = (list) => list[Math.floor(random() * list.length)];
  const others = Array.from({ length: 120 }, (_, i) => [`X${String(i).padStart(2, '0')}`, `COUNTRY ${i}`]);
  const usa = ['USA', 'UNITED STATES'];
  const irn = ['IRN', 'IRAN'];
  /** @type {string[][]} */
  const recent = [];
  const fd = openSync(path, 'w');
  let bytes = 0;
  let dyadRows = 0;
  let chunk = '';
  for (let n = 1; n <= rows; n++) {
    const day = 1 + Math.floor(random() * 28);
    const date = `202001${String(day).padStart(2, '0')}`;
    /** @type {string[]} */ let a1;
    /** @type {string[]} */ let a2;
    let code = pick(CODES);
    let url = `https://news.example.com/2020/01/${String(day).padStart(2, '0')}/story-${n}.html`;
    const r = random();
    if (r < 0.002 && recent.length) {
      // Re-emitted: an earlier US–Iran event under a new id.
      const [d, c1, c2, c, u] = pick(recent.map((x) => x.join('\u0001'))).split('\u0001');
      dyadRows++;
      chunk += row(n, d, c1 === 'USA' ? usa : irn, c2 === 'USA' ? usa : irn, c, u) + '\n';
      continue;
    }
    if (r < 0.02) {
      [a1, a2] = random() < 0.5 ? [usa, irn] : [irn, usa];
      dyadRows++;
      if (recent.length < 500) recent.push([date, a1[0], a2[0], code, url]);
    } else {
      a1 = random() < 0.05 ? usa : pick(others);
      a2 = random() < 0.1 ? ['', ''] : random() < 0.05 ? irn : pick(others);
    }
    chunk += row(n, date, a1, a2, code, url) + '\n';
    if (chunk.length > 1 << 20) {
      bytes += writeSync(fd, chunk);
      chunk = '';
    }
  }
  bytes += writeSync(fd, chunk);
  closeSync(fd);
  return { bytes, dyadRows };

  /**
   * @param {number} id @param {string} date @param {string[]} a1 @param {string[]} a2
   * @param {string} code @param {string} url
   */
  function row(id, date, a1, a2, code, url) {
    const root = code.slice(0, 2);
    const g = GOLDSTEIN[String(Number(root))] ?? -1;
    const actor = (/** @type {string[]} */ a) =>
      a[0]
        ? [a[0], a[1], a[0].slice(0, 3), '', '', '', '', a[0].length > 3 ? a[0].slice(3) : '', '', '']
        : Array(10).fill('');
    const geo = (/** @type {string} */ place) => [
      '4',
      place,
      'IR',
      'IR26',
      '',
      '35.75',
      '51.5148',
      '-3072595',
    ];
    return [
      String(100_000_000 + id),
      date,
      date.slice(0, 6),
      date.slice(0, 4),
      '2020.0027',
      ...actor(a1),
      ...actor(a2),
      '1',
      code,
      code.slice(0, 3),
      root,
      String(1 + (id % 4)),
      String(g),
      String(1 + (id % 10)),
      '1',
      String(1 + (id % 10)),
      (-(id % 70) / 10).toFixed(6),
      ...geo('Tehran, Tehran, Iran'),
      ...geo('Tehran, Tehran, Iran'),
      ...geo('Tehran, Tehran, Iran'),
      `${date}014500`,
      url,
    ].join('\t');
  }
}

/**
 * Samples the JS heap of a page and of its workers (through the DevTools
 * protocol) until stopped; returns the peaks, in MB.
 * @param {Page} page
 */
async function heapSampler(page) {
  const cdp = await page.context().newCDPSession(page);
  /** @type {Set<string>} */
  const workers = new Set();
  /** @type {Map<number, (result: { usedSize?: number } | undefined) => void>} */
  const pending = new Map();
  let id = 0;
  let pagePeak = 0;
  let workerPeak = 0;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const sample = async () => {
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    pagePeak = Math.max(pagePeak, usedSize);
    for (const sessionId of workers) {
      const mid = ++id;
      const answer = new Promise((resolve) => {
        pending.set(mid, resolve);
        setTimeout(() => resolve(undefined), 2000);
      });
      await cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: mid, method: 'Runtime.getHeapUsage' }),
        })
        .catch(() => undefined);
      const result = /** @type {{ usedSize?: number } | undefined} */ (await answer);
      if (result?.usedSize) workerPeak = Math.max(workerPeak, result.usedSize);
    }
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await cdp.detach().catch(() => undefined);
      return { pageMb: pagePeak / 2 ** 20, workerMb: workerPeak / 2 ** 20 };
    },
  };
}

/**
 * The app: the Inbox's `Import events` with the export, the mapping step with
 * USA and IRN added as new actors and every other actor left out, then
 * `Add to inbox`, timed in the page from the click to the outcome.
 * @param {BrowserContext} context
 * @param {string} origin
 * @param {string} path
 */
export async function addToInbox(context, origin, path) {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/#/inbox`);
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    const t0 = Date.now();
    await page.getByLabel('Import events', { exact: true }).setInputFiles(path);
    const status = page.getByRole('region', { name: 'Inbox' }).locator('.events [role="status"]');
    await status.filter({ hasText: /Waiting for you/ }).waitFor({ timeout: TIMEOUT });
    const scanMs = Date.now() - t0;
    await page.getByRole('combobox', { name: 'Map USA', exact: true }).selectOption('new');
    await page.getByRole('combobox', { name: 'Map IRN', exact: true }).selectOption('new');
    // The clock runs in the page: from the click to the outcome written into the status.
    await page.evaluate(() => {
      const clock = { start: 0, end: 0 };
      /** @type {any} */ (window).__events = clock;
      const button = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Add to inbox',
      );
      const region = document.querySelector('.events [role="status"]');
      if (!button || !region) throw new Error('no Add to inbox button or status');
      button.addEventListener('click', () => (clock.start = performance.now()), {
        capture: true,
        once: true,
      });
      new MutationObserver((_, observer) => {
        if (/added to the inbox|Could not/.test(region.textContent ?? '')) {
          clock.end = performance.now();
          observer.disconnect();
        }
      }).observe(region, { childList: true, characterData: true, subtree: true });
    });
    const heap = await heapSampler(page);
    await page.getByRole('button', { name: 'Add to inbox', exact: true }).click();
    await page.waitForFunction(() => /** @type {any} */ (window).__events.end > 0, undefined, {
      timeout: TIMEOUT,
      polling: 100,
    });
    const peaks = await heap.stop();
    const clock = await page.evaluate(() => /** @type {any} */ (window).__events);
    const outcome = await status.innerText();
    if (!/added to the inbox/.test(outcome)) throw new Error(`the inbox import failed: ${outcome}`);
    return { ms: clock.end - clock.start, scanMs, outcome, ...peaks };
  } finally {
    await page.close();
  }
}

/**
 * The plain streaming parse: the same file, read in a worker in chunks,
 * decoded, cut into lines and cells, nothing kept. Timed in the page from the
 * worker's creation to its answer.
 * @param {BrowserContext} context
 * @param {string} origin
 * @param {string} path
 */
export async function plainParse(context, origin, path) {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/bench/baseline.html`);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'events-file';
      document.body.append(input);
    });
    await page.setInputFiles('#events-file', path);
    return await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const file = /** @type {HTMLInputElement} */ (document.getElementById('events-file')).files?.[0];
          const start = performance.now();
          const worker = new Worker('/bench/parse.worker.js');
          worker.onmessage = (e) => {
            worker.terminate();
            resolve({ ms: performance.now() - start, rows: e.data.rows, cells: e.data.cells });
          };
          worker.onerror = (e) => reject(new Error(e.message));
          worker.postMessage(file);
        }),
    );
  } finally {
    await page.close();
  }
}
