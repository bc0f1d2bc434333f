import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (evaluated through the driver, so the app's CSP does not apply). */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
    return result.violations;
  });
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('every view with the example loaded has no accessibility violation axe can find', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  // The check can fail: an unlabelled control planted in the page is reported.
  await page.evaluate(() =>
    document.body.append(Object.assign(document.createElement('input'), { id: 'planted' })),
  );
  expect((await violations(page)).join('\n')).toContain('#planted');
  await page.evaluate(() => document.getElementById('planted')?.remove());
  expect(await violations(page)).toEqual([]);

  await app.loadExample();
  expect(await violations(page)).toEqual([]);

  for (const view of ['Signals', 'Inbox', 'Compare', 'Actors', 'Data', 'Methods'] as const) {
    await app.nav(view);
    await page.getByRole('heading', { level: 1, name: view }).waitFor();
    // The Methods view's file formats load a moment after it: check them too.
    if (view === 'Methods') await page.getByRole('heading', { name: 'JSON backup' }).waitFor();
    expect({ view, violations: await violations(page) }).toEqual({ view, violations: [] });
  }

  await app.nav('Dashboard');
  const form = await app.openSignalForm();
  expect(await violations(page)).toEqual([]);

  // The question before unsaved changes are dropped, over the form.
  await form.field('Title').fill('Not saved yet');
  await page.keyboard.press('Escape');
  await page.getByRole('alertdialog').waitFor();
  expect(await violations(page)).toEqual([]);
});

/** The relative luminance (WCAG) of a computed `rgb(…)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function pageColours(page: Page): Promise<{ background: number; text: number; theme: string }> {
  const found = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return {
      background: style.backgroundColor,
      text: getComputedStyle(document.body).color,
      theme: document.documentElement.dataset.theme ?? '',
    };
  });
  return { background: luminance(found.background), text: luminance(found.text), theme: found.theme };
}

test('a dark colour scheme gives a dark page, and every view is axe-clean in it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new ParallaxApp(page);
  await app.open();
  const colours = await pageColours(page);
  expect(colours.theme).toBe('dark');
  // A dark page: a background close to black under light text.
  expect(colours.background).toBeLessThan(0.05);
  expect(colours.text).toBeGreaterThan(0.6);
  expect(await violations(page)).toEqual([]);

  await app.loadExample();
  expect(await violations(page)).toEqual([]);
  for (const view of ['Signals', 'Compare', 'Actors', 'Data', 'Methods'] as const) {
    await app.nav(view);
    await page.getByRole('heading', { level: 1, name: view }).waitFor();
    // The Methods view's file formats load a moment after it: check them too.
    if (view === 'Methods') await page.getByRole('heading', { name: 'JSON backup' }).waitFor();
    expect({ view, violations: await violations(page) }).toEqual({ view, violations: [] });
  }
  await app.nav('Dashboard');
  const form = await app.openSignalForm();
  expect(await violations(page)).toEqual([]);

  // The question before unsaved changes are dropped, over the form.
  await form.field('Title').fill('Not saved yet');
  await page.keyboard.press('Escape');
  await page.getByRole('alertdialog').waitFor();
  expect(await violations(page)).toEqual([]);
});

test('the Dark mode toggle overrides the system and is remembered across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const app = new ParallaxApp(page);
  await app.open();
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  expect((await pageColours(page)).background).toBeGreaterThan(0.8);

  await toggle.click();
  expect(await toggle.getAttribute('aria-pressed')).toBe('true');
  expect((await pageColours(page)).background).toBeLessThan(0.05);
  await page.reload();
  await page.getByRole('button', { name: 'Log signal' }).waitFor();
  expect((await pageColours(page)).theme).toBe('dark');

  // Chosen light on a dark system: light it stays.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Dark mode' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Log signal' }).waitFor();
  expect((await pageColours(page)).theme).toBe('light');
  expect(await page.getByRole('button', { name: 'Dark mode' }).getAttribute('aria-pressed')).toBe('false');
});
