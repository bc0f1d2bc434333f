/**
 * Text an analyst or a file supplies can carry bidirectional controls. Wherever the
 * app shows it, it is isolated (`<bdi>`, `dir`, or FIRST STRONG ISOLATE … POP
 * DIRECTIONAL ISOLATE in a string), so an override inside it ends with it and never
 * reorders the words that follow.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

/** An actor name with a right-to-left override, closed, then markup. */
const EVIL = '\u202Eevil\u202C"><b>';
/** A title whose override is never closed: unisolated, it reverses everything after it. */
const TITLE = '\u202Eoverride';
const RLO = '\u202E';

const csvCell = (value: string) => `"${value.replaceAll('"', '""')}"`;
const CSV =
  'Date,Sender,Receiver,Title,Intended resolve,Perceived resolve,Kind,Tags\r\n' +
  `2020-01-03,${csvCell(EVIL)},Iran,${csvCell(TITLE)},40,30,statement,alpha\r\n` +
  `2020-01-04,Iran,${csvCell(EVIL)},Reply,50,45,statement,\r\n`;

/**
 * Every place on the page where hostile text is shown without isolation: a text
 * node holding an override with no `<bdi>` or `dir` between it and its block, and
 * not wrapped in isolates itself; or an attribute holding one, unwrapped.
 */
function unisolated(page: Page): Promise<string[]> {
  return page.evaluate((rlo) => {
    const wrapped = (text: string) => {
      const at = text.indexOf(rlo);
      return text.lastIndexOf('\u2068', at) !== -1 && text.indexOf('\u2069', at) !== -1;
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!text.includes(rlo) || wrapped(text)) continue;
      let isolated = false;
      for (let el = node.parentElement; el; el = el.parentElement) {
        if (el.tagName === 'BDI' || el.hasAttribute('dir')) {
          isolated = true;
          break;
        }
        // The block the text sits in ends its paragraph: nothing outside it can be reordered.
        if (!getComputedStyle(el).display.startsWith('inline')) break;
      }
      if (!isolated) found.push(`<${node.parentElement?.tagName.toLowerCase()}> ${JSON.stringify(text)}`);
    }
    for (const el of document.body.querySelectorAll('*')) {
      for (const { name, value } of el.attributes) {
        if (value.includes(rlo) && !wrapped(value))
          found.push(`${el.tagName.toLowerCase()}[${name}] ${JSON.stringify(value)}`);
      }
    }
    return found;
  }, RLO);
}

/** The left edges of each character of `text` inside `selector`'s first match, in logical order. */
function charLefts(page: Page, selector: string, text: string): Promise<number[]> {
  return page.evaluate(
    ({ selector, text }) => {
      const root = document.querySelector(selector)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf(text);
        if (at === -1) continue;
        return [...text].map((_, i) => {
          const range = document.createRange();
          range.setStart(node, at + i);
          range.setEnd(node, at + i + 1);
          return range.getBoundingClientRect().left;
        });
      }
      return [];
    },
    { selector, text },
  );
}

const increasing = (xs: number[]) => xs.length > 1 && xs.every((x, i) => i === 0 || x > xs[i - 1]);

test('a name and a title with right-to-left overrides stay in their place in every view', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.nav('Data');
  await app.importFile('hostile.csv', CSV, 'text/csv');
  const confirm = page.getByRole('button', { name: 'Import 2 signals' });
  await confirm.waitFor();
  // The preview shows the file's text, isolated.
  expect(await unisolated(page)).toEqual([]);
  await confirm.click();
  await expect.poll(() => app.storedSignalCount()).toBe(2);

  // Signals: the row isolates the name and the title.
  await app.nav('Signals');
  const row = app.signalRows().filter({ hasText: 'override' });
  await expect.poll(() => row.count()).toBe(1);
  expect(await unisolated(page)).toEqual([]);

  // Deleted: the message quotes the title, and its closing quote and full stop stay
  // after it, where the unclosed override would otherwise carry them.
  await row.getByRole('button', { name: 'Delete' }).click();
  const notice = '.notices [role="status"] .notice span';
  // The notice goes on to say how to undo; only the quoted title matters here.
  await expect
    .poll(() => page.locator(notice).first().textContent())
    .toMatch(/^Deleted “.*override.*”\. Undo brings it back/);
  const title = await charLefts(page, notice, 'override');
  const after = await charLefts(page, notice, '”.');
  expect(after).toHaveLength(2);
  expect(increasing(after), `”. drawn at ${after.join(', ')}`).toBe(true);
  expect(Math.min(...after)).toBeGreaterThan(Math.max(...title));
  expect(await unisolated(page)).toEqual([]);

  // The dashboard of the hostile actor's dyad: its name, then the arrow, then Iran.
  const evilId = await page.evaluate(
    (name) =>
      new Promise<string>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction('actors').objectStore('actors').getAll();
          all.onsuccess = () => {
            request.result.close();
            const actors = all.result as { id: string; name: string }[];
            resolve(actors.find((a) => a.name === name)!.id);
          };
        };
      }),
    EVIL,
  );
  await app.nav('Dashboard');
  await page.getByRole('combobox', { name: 'Sending actor' }).selectOption(evilId);
  const heading = page.getByRole('heading', { level: 2 }).filter({ hasText: 'evil' });
  await expect.poll(() => heading.count()).toBe(1);
  // The name is shown as it is, its markup as text.
  expect(await heading.textContent()).toBe(`${EVIL} → Iran`);
  expect(await heading.locator('b').count()).toBe(0);
  expect(await unisolated(page)).toEqual([]);

  for (const view of ['Compare', 'Actors'] as const) {
    await app.nav(view);
    await page.getByRole('heading', { level: 1, name: view }).waitFor();
    await expect.poll(() => page.getByText('evil').count()).toBeGreaterThan(0);
    expect({ view, unisolated: await unisolated(page) }).toEqual({ view, unisolated: [] });
  }
});
