import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { EXAMPLE } from '../../src/lib/db/example';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

const actorId = (name: string) => EXAMPLE.actors.find((a) => a.name === name)!.id;
const US = actorId('United States');
const IRAN = actorId('Iran');
/** A red line the United States drew toward Iran: Iran's signals may cross it. */
const US_LINE = EXAMPLE.redLines.find((r) => r.actorId === US && r.targetId === IRAN)!;

/** A date `days` after `from`, worked out here. */
function dateAfter(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Adds Iran → United States signals straight into IndexedDB (the app reads
 * them on the next load), as a colleague's import would have left them.
 */
async function addSignals(page: Page, dates: string[], redLineId: string | null): Promise<void> {
  await page.evaluate(
    async ({ dates, sender, receiver, redLineId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('signals', 'readwrite');
      const store = tx.objectStore('signals');
      dates.forEach((date, k) => {
        const at = new Date(Date.UTC(2024, 0, 1, 0, 0, k)).toISOString();
        store.put({
          id: `00000000-0000-4000-8000-${String(k + 1).padStart(12, '0')}`,
          date,
          senderId: sender,
          receiverId: receiver,
          title: `Provocation ${k + 1}`,
          kind: 'force',
          intended: 40 + (k % 5) * 5,
          perceived: 30 + (k % 7) * 5,
          confidence: 'moderate',
          cost: 'sunk cost',
          capped: false,
          redLineId,
          sources: [],
          tags: [],
          notes: '',
          createdAt: at,
          updatedAt: at,
        });
      });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { dates, sender: IRAN, receiver: US, redLineId },
  );
}

/** Opens the dashboard on a dyad and waits until its chart has drawn. */
async function openDyad(app: ParallaxApp, s: string, r: string, extra = ''): Promise<void> {
  await app.open(`#/dashboard?s=${s}&r=${r}${extra}`);
  // A reload starts the page's marks afresh, so the wait is for this dyad's draw.
  await app.page.reload();
  await app.waitForDashboardReady(0);
  await expect
    .poll(() => app.timeline().getAttribute('aria-label'))
    .toMatch(/^Intended vs perceived resolve/);
}

/** Where on the chart a colour is drawn as a solid dot (a point), and a patch of plot with nothing drawn on it. */
function findOnCanvas(
  page: Page,
): Promise<{ dot: { x: number; y: number }; empty: { x: number; y: number } }> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas[role="img"]')!;
    const { width, height } = canvas;
    const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    const at = (x: number, y: number) => (y * width + x) * 4;
    // The intended line's colour, #1d4ed8.
    const blue = (x: number, y: number) => {
      const i = at(x, y);
      return (
        data[i + 3] > 200 &&
        Math.abs(data[i] - 29) < 30 &&
        Math.abs(data[i + 1] - 78) < 30 &&
        data[i + 2] > 180
      );
    };
    const blank = (x: number, y: number) => {
      const i = at(x, y);
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      return a < 20 || (Math.max(r, g, b) - Math.min(r, g, b) < 12 && r > 200);
    };
    let dot: { x: number; y: number } | null = null;
    let empty: { x: number; y: number } | null = null;
    for (let y = 40; y < height * 0.8 && !(dot && empty); y += 2) {
      for (let x = 80; x < width - 80 && !(dot && empty); x += 2) {
        if (!dot) {
          let solid = true;
          // A 5-pixel square of one colour is a point's dot: a line is 2 pixels wide. (Not 7:
          // a dot of radius 4 at a fractional place can have its square's corners blended.)
          for (let dy = -2; dy <= 2 && solid; dy++)
            for (let dx = -2; dx <= 2 && solid; dx++) solid = blue(x + dx, y + dy);
          if (solid) dot = { x, y };
        }
        if (!empty && y > 60) {
          let clear = true;
          for (let dy = -30; dy <= 30 && clear; dy += 3)
            for (let dx = -30; dx <= 30 && clear; dx += 3) clear = blank(x + dx, y + dy);
          if (clear) empty = { x, y };
        }
      }
    }
    if (!dot || !empty)
      throw new Error(`found ${dot ? '' : 'no point'} ${empty ? '' : 'no empty space'} on the chart`);
    return { dot, empty };
  });
}

/** Resolves after the page has handled what came before and drawn a frame. */
function settle(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve))),
  );
}

test('Download chart saves a PNG at least 1,600 pixels wide; Copy link copies the view', async ({
  page,
  guarded,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await openDyad(app, US, IRAN, '&conf=moderate');

  const [file] = await Promise.all([
    page.waitForEvent('download') as Promise<Download>,
    page.getByRole('button', { name: 'Download chart' }).first().click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^parallax-united-states-to-iran-\d{4}-\d{2}-\d{2}\.png$/);
  const png = await readFile(await file.path());
  // The PNG signature, then the IHDR chunk: width and height as 32-bit big-endian numbers.
  expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(width).toBeGreaterThanOrEqual(1600);
  // The heading sits above the chart's 470 pixels, at twice the scale.
  expect(height).toBeGreaterThan(2 * 470);

  // The Compare view's charts leave the app the same way.
  await app.nav('Compare');
  const [rolling] = await Promise.all([
    page.waitForEvent('download') as Promise<Download>,
    page.getByRole('button', { name: 'Download chart' }).first().click(),
  ]);
  expect(rolling.suggestedFilename()).toMatch(/^parallax-rolling-gaps-\d{4}-\d{2}-\d{2}\.png$/);
  expect((await readFile(await rolling.path())).readUInt32BE(16)).toBeGreaterThanOrEqual(1600);
  await page.goBack();
  await app.waitForDashboardReady(0);

  await guarded.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).first().click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Link copied' }).count()).toBe(1);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  expect(new URL(copied).hash).toContain('conf=moderate');
});

test('a click on a point opens its signal to read; a click on empty plot space opens nothing', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await openDyad(app, US, IRAN);

  const canvas = app.timeline();
  const { dot, empty } = await findOnCanvas(page);

  await canvas.click({ position: dot });
  const panel = page.getByRole('dialog');
  await panel.waitFor();
  const title = await panel.getByRole('heading', { level: 2 }).innerText();
  expect(EXAMPLE.signals.some((s) => s.title === title && s.senderId === US && s.receiverId === IRAN)).toBe(
    true,
  );
  // Read-only: scores as text, no form field, and Edit to change it.
  expect(await panel.getByRole('textbox').count()).toBe(0);
  await expect.poll(() => panel.getByText('Intended resolve').count()).toBe(1);
  const signal = EXAMPLE.signals.find((s) => s.title === title)!;
  for (const source of signal.sources.filter((s) => s.url)) {
    expect(await panel.getByRole('link', { name: source.label || source.url }).getAttribute('href')).toBe(
      source.url,
    );
  }
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => panel.isVisible()).toBe(false);

  await canvas.click({ position: empty });
  await settle(page);
  expect(await page.getByRole('dialog').isVisible()).toBe(false);

  // A drag across the chart (a zoom) ends over a point: it zooms, and opens nothing.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + dot.x - 120, box.y + dot.y);
  await page.mouse.down();
  await page.mouse.move(box.x + dot.x - 60, box.y + dot.y, { steps: 4 });
  await page.mouse.move(box.x + dot.x, box.y + dot.y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => new URL(page.url()).hash.includes('zoom=')).toBe(true);
  await settle(page);
  expect(await page.getByRole('dialog').isVisible()).toBe(false);

  // Edit opens the form on that signal.
  const drawn = await app.readyCount();
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await app.waitForDashboardReady(drawn);
  const again = await findOnCanvas(page);
  await canvas.click({ position: again.dot });
  await panel.getByRole('button', { name: 'Edit' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Edit signal' }).count()).toBe(1);
});

test('30 red-line crossings at 768 pixels give labels that never overlap, and a list in date order', async ({
  page,
}) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  // Crossings that bunch up early and spread out later: 1 June 2019 onwards.
  const dates = Array.from({ length: 30 }, (_, k) =>
    dateAfter('2019-06-01', Math.round(k * k * 0.25 + k * 3)),
  );
  await addSignals(page, dates, US_LINE.id);
  await openDyad(app, IRAN, US);

  const raw = (await app.timeline().getAttribute('data-label-boxes')) ?? '';
  const boxes = raw.split(';').map((b) => {
    const [left, top, width, height, count] = b.split(',').map(Number);
    return { left, top, width, height, count };
  });
  // Every crossing of this dyad's red lines is on a label: the 30 and the example's own.
  const inExample = EXAMPLE.signals.filter((s) => {
    const line = EXAMPLE.redLines.find((r) => r.id === s.redLineId);
    const pair = [US, IRAN];
    return (
      line &&
      ((pair.includes(s.senderId) && pair.includes(s.receiverId)) ||
        (pair.includes(line.actorId) && pair.includes(line.targetId)))
    );
  }).length;
  expect(boxes.reduce((n, b) => n + b.count, 0)).toBe(30 + inExample);
  expect(boxes.some((b) => b.count > 1)).toBe(true);
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const [p, q] = [boxes[a], boxes[b]];
      const apart =
        p.left + p.width <= q.left ||
        q.left + q.width <= p.left ||
        p.top + p.height <= q.top ||
        q.top + q.height <= p.top;
      expect(apart, `labels ${a} and ${b} overlap: ${JSON.stringify([p, q])}`).toBe(true);
    }
  }

  const list = page.getByRole('list', { name: 'Red-line crossings' }).getByRole('listitem');
  await expect.poll(() => list.count()).toBe(30 + inExample);
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const times = (await list.allInnerTexts()).map((text) => {
    const [day, month, year] = text.split(/\s+/).slice(1, 4);
    expect(MONTHS).toContain(month);
    return Date.UTC(Number(year), MONTHS.indexOf(month), Number(day));
  });
  expect(times.every((t, k) => k === 0 || t >= times[k - 1])).toBe(true);

  // Hidden on request: no label is drawn, the list stays.
  await page.getByRole('checkbox', { name: 'Show red-line crossings' }).uncheck();
  await expect.poll(() => app.timeline().getAttribute('data-label-boxes')).toBe('');
  await expect.poll(() => list.count()).toBe(30 + inExample);
});

test('Group by switches to weeks by itself past 400 points in view, and says so', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  const dates = Array.from({ length: 450 }, (_, k) => dateAfter('2021-01-01', k));
  await addSignals(page, dates, null);
  await openDyad(app, IRAN, US);

  const groupBy = page.getByRole('combobox', { name: 'Group by' });
  expect(await groupBy.inputValue()).toBe('week');
  const said = page.getByRole('status').filter({ hasText: 'Grouped by week automatically' });
  await expect.poll(() => said.count()).toBe(1);
  expect(await said.innerText()).toContain('more than 400 signals are in view');
  expect(await app.timeline().getAttribute('aria-label')).toContain('drawn as the mean of each week');

  // Zoomed into 90 days, each signal is drawn again.
  await openDyad(app, IRAN, US, '&zoom=2021-03-01~2021-05-29');
  expect(await groupBy.inputValue()).toBe('signal');
  expect(await said.count()).toBe(0);

  // The analyst's choice holds, and lives in the link.
  await groupBy.selectOption({ label: 'Month' });
  await expect.poll(() => new URL(page.url()).hash.includes('group=month')).toBe(true);
  await expect.poll(() => app.timeline().getAttribute('aria-label')).toContain('mean of each month');
});

test('printing states the filters and the zoomed range, and the Signals table prints its column headers', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await openDyad(app, US, IRAN, '&conf=high&zoom=2019-11-01~2020-01-31');
  await page.emulateMedia({ media: 'print' });
  const stated = page.locator('.stated');
  await expect.poll(() => stated.isVisible()).toBe(true);
  expect(await stated.innerText()).toBe('Dates 1 Nov 2019 – 31 Jan 2020 (zoomed). Filters: certainty high.');
  expect(await page.getByRole('button', { name: 'Download chart' }).first().isVisible()).toBe(false);
  // The red lines the chart numbers print in full; the points table stays on screen.
  expect(await page.getByRole('list', { name: 'Red-line crossings' }).isVisible()).toBe(true);
  expect(await page.getByRole('table', { name: 'Points of the resolve timeline' }).isVisible()).toBe(false);

  await page.emulateMedia({ media: 'screen' });
  await app.nav('Signals');
  await page.emulateMedia({ media: 'print' });
  const header = page.getByRole('columnheader', { name: /^Date/ });
  await header.waitFor();
  expect(await header.innerText()).toMatch(/^date/i);
  expect(await header.getByRole('button').isVisible()).toBe(true);
});
