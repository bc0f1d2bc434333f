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
    expect({ view, violations: await violations(page) }).toEqual({ view, violations: [] });
  }

  await app.nav('Dashboard');
  await app.openSignalForm();
  expect(await violations(page)).toEqual([]);
});
