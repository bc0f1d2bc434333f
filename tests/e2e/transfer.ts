/**
 * The Data view's files as an analyst moves them: download an export, choose a
 * file to import, read the outcome, and read IndexedDB through the browser's
 * own API to see what was really stored.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { expect } from './harness';
import { ParallaxApp } from './pages';

export type Row = Record<string, unknown> & { id: string };

export interface Stored {
  actors: Row[];
  redLines: Row[];
  signals: Row[];
}

/** Every record IndexedDB holds, read through the browser's own API, sorted by id. */
export function readDatabase(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['actors', 'redLines', 'signals']);
          const out: Record<string, unknown[]> = {};
          for (const name of ['actors', 'redLines', 'signals']) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => (out[name] = all.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out as unknown as Stored);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The Data view's own outcome regions (the global notices have theirs too). */
export function outcome(page: Page, role: 'status' | 'alert') {
  return page.getByRole('region', { name: 'Data' }).getByRole(role);
}

export async function openData(page: Page): Promise<ParallaxApp> {
  const app = new ParallaxApp(page);
  await app.open();
  await app.nav('Data');
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  return app;
}

export async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download') as Promise<Download>,
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

export async function importText(page: Page, name: string, text: string, mimeType: string): Promise<void> {
  await page
    .getByLabel('Import file', { exact: true })
    .setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
}

export async function waitForText(page: Page, role: 'status' | 'alert', pattern: RegExp): Promise<string> {
  const region = outcome(page, role);
  await expect.poll(() => region.innerText(), { timeout: 30_000 }).toMatch(pattern);
  return region.innerText();
}

/**
 * Imports a JSON backup and confirms it: a clean backup waits, with a preview and
 * a `role="status"` saying so, until the analyst presses `Import N signals`.
 */
export async function importBackup(page: Page, name: string, text: string): Promise<void> {
  await importText(page, name, text, 'application/json');
  await waitForText(page, 'status', /ready to import\. Check the preview, then confirm\.$/);
  await page.getByRole('button', { name: /^Import [\d,]+ signals?$/ }).click();
}
