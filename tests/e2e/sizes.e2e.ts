import type { Locator, Page } from 'playwright-core';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const SIZES = [
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
] as const;

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} has no box: it is not displayed`);
  return box;
}

/**
 * True when the control is wholly inside the window and the topmost element at
 * its centre is the control itself (or inside it): nothing covers it.
 */
async function isUncovered(page: Page, locator: Locator): Promise<boolean> {
  const box = await boxOf(locator);
  const viewport = page.viewportSize()!;
  if (box.x < 0 || box.y < 0 || box.x + box.width > viewport.width || box.y + box.height > viewport.height)
    return false;
  return locator.evaluate(
    (el, [x, y]) => {
      const top = document.elementFromPoint(x, y);
      return top !== null && (top === el || el.contains(top));
    },
    [box.x + box.width / 2, box.y + box.height / 2] as const,
  );
}

/** How many lines a control's text takes. */
function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return tops.size;
  });
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the top bar, the Signals table and the charts keep every control in view`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const app = new ParallaxApp(page);
    await app.open();
    await app.loadExample();

    // The top bar: every link and button shown whole, none on another, Log signal on one line.
    const bar = page.locator('header.topbar');
    const controls = [...(await bar.getByRole('link').all()), ...(await bar.getByRole('button').all())];
    // The views' links, Keyboard shortcuts, Dark mode and Log signal.
    expect(controls.length).toBe((await bar.getByRole('link').count()) + 3);
    const boxes = await Promise.all(controls.map(boxOf));
    for (let i = 0; i < boxes.length; i++) {
      expect(await isUncovered(page, controls[i])).toBe(true);
      for (let j = i + 1; j < boxes.length; j++) expect(intersects(boxes[i], boxes[j])).toBe(false);
    }
    expect(await lineCount(page.getByRole('button', { name: 'Log signal' }))).toBe(1);

    // The dashboard's charts lie wholly inside their cards: no axis title is cut off.
    await page.getByRole('img', { name: /^Intended vs perceived resolve/ }).waitFor();
    for (const canvas of await page.locator('main canvas').all()) {
      const card = canvas.locator('xpath=ancestor::*[contains(@class, "card")][1]');
      const [c, k] = [await boxOf(canvas), await boxOf(card)];
      expect(c.x).toBeGreaterThanOrEqual(k.x);
      expect(c.x + c.width).toBeLessThanOrEqual(k.x + k.width);
      expect(c.x + c.width).toBeLessThanOrEqual(size.width);
    }

    // The Signals table: each row's Edit and Delete are in view, uncovered, and apart.
    await app.nav('Signals');
    await expect.poll(() => app.signalRows().count()).toBeGreaterThan(3);
    for (const row of (await app.signalRows().all()).slice(0, 3)) {
      await row.scrollIntoViewIfNeeded();
      const edit = row.getByRole('button', { name: 'Edit' });
      const remove = row.getByRole('button', { name: 'Delete' });
      expect(await isUncovered(page, edit)).toBe(true);
      expect(await isUncovered(page, remove)).toBe(true);
      expect(intersects(await boxOf(edit), await boxOf(remove))).toBe(false);
    }

    // The Compare charts, too.
    await app.nav('Compare');
    await page.getByRole('img', { name: /^Intended versus perceived resolve/ }).waitFor();
    for (const canvas of await page.locator('main canvas').all()) {
      const c = await boxOf(canvas);
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.x + c.width).toBeLessThanOrEqual(size.width);
    }

    // The signal form: every field and button inside the dialog.
    await app.nav('Dashboard');
    await app.openSignalForm();
    const dialog = page.getByRole('dialog');
    const frame = await boxOf(dialog);
    for (const control of [
      ...(await dialog.getByRole('button').all()),
      ...(await dialog.getByRole('combobox').all()),
      ...(await dialog.getByRole('textbox').all()),
    ]) {
      const box = await boxOf(control);
      expect(box.x).toBeGreaterThanOrEqual(frame.x);
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
    }
  });
}

test('the Undo notice never covers the Edit and Delete of the rows it refers to', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.nav('Signals');
  await expect.poll(() => app.signalRows().count()).toBeGreaterThan(3);
  // Scrolled so that rows sit at the bottom of the window, where notices appear.
  await page.mouse.wheel(0, 600);
  const first = app.signalRows().first();
  await first.getByRole('button', { name: 'Delete' }).click();
  const notice = page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Undo' }) });
  const box = await boxOf(notice.locator('.notice').first());
  for (const button of await app.signalRows().getByRole('button').all()) {
    const b = await button.boundingBox();
    if (b) expect(intersects(box, b)).toBe(false);
  }
});
