/**
 * Page models: the app as an analyst sees it, found by role and accessible name
 * (PRODUCT.md §5), so a test reads as the journey it checks.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from 'playwright-core';

export interface SignalFields {
  date?: string;
  sender?: string;
  receiver?: string;
  title?: string;
  kind?: string;
  intended?: string;
  displayed?: string;
  perceived?: string;
  rationale?: string;
  confidence?: string;
  cost?: string;
  sources?: string;
  tags?: string;
  notes?: string;
}

export class ParallaxApp {
  constructor(readonly page: Page) {}

  async open(hash = ''): Promise<void> {
    await this.page.goto(`/${hash}`);
    await this.page.getByRole('button', { name: 'Log signal' }).waitFor();
  }

  nav(name: 'Dashboard' | 'Signals' | 'Inbox' | 'Compare' | 'Actors' | 'Data' | 'Methods'): Promise<void> {
    return this.page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  }

  /** How many times the dashboard chart has finished drawing fresh data. */
  readyCount(): Promise<number> {
    return this.page.evaluate(() => performance.getEntriesByName('dashboard-ready').length);
  }

  /** Waits until the dashboard has drawn fresh data more often than `before`. */
  async waitForDashboardReady(before = 0): Promise<void> {
    await this.page.waitForFunction(
      (n) => performance.getEntriesByName('dashboard-ready').length > n,
      before,
    );
  }

  /** Gives this browser's analyst a name in the Methods view (`Analyst name`, `Save name`). */
  async nameAnalyst(name: string): Promise<void> {
    await this.nav('Methods');
    await this.page.getByLabel('Analyst name', { exact: true }).fill(name);
    await this.page.getByRole('button', { name: 'Save name' }).click();
    await this.page.getByText(`You score as ${name}.`).waitFor();
  }

  async loadExample(): Promise<void> {
    await this.page.getByRole('button', { name: /^Load example/ }).click();
    await this.waitForDashboardReady();
  }

  timeline(): Locator {
    return this.page.getByRole('img', { name: /^Intended vs perceived resolve/ });
  }

  /** The signal form, inside its dialog. */
  get form(): SignalForm {
    return new SignalForm(this.page.getByRole('dialog'));
  }

  async openSignalForm(): Promise<SignalForm> {
    await this.page.getByRole('button', { name: 'Log signal' }).click();
    await this.page.getByRole('dialog').waitFor();
    return this.form;
  }

  /** The Actors view, opened from the navigation. */
  async openActors(): Promise<void> {
    await this.nav('Actors');
    await this.page.getByRole('heading', { level: 1, name: 'Actors' }).waitFor();
  }

  /** The Actors view's table of actors. */
  actorsTable(): Locator {
    return this.page.getByRole('table', { name: /^Actors/ });
  }

  /** The row of the actor named `name` (an actor's edit form is a row of its own, without the name). */
  actorRow(name: string): Locator {
    return this.actorsTable()
      .locator('tbody tr')
      .filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The Signals table's body rows. */
  signalRows(): Locator {
    return this.page.getByRole('table').first().locator('tbody tr');
  }

  signalRow(title: string): Locator {
    return this.signalRows().filter({ hasText: title });
  }

  /** Clicks a button that downloads a file, and reads what was downloaded. */
  async download(button: string): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([
      this.page.waitForEvent('download') as Promise<Download>,
      this.page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
  }

  /** Gives the Data view's `Import file` input a file made of `text`. */
  importFile(name: string, text: string, mimeType: string): Promise<void> {
    return this.page
      .getByLabel('Import file', { exact: true })
      .setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
  }

  /** How many signals IndexedDB holds, read through the browser's own API. */
  storedSignalCount(): Promise<number> {
    return this.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('parallax');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const count = db.transaction('signals').objectStore('signals').count();
            count.onsuccess = () => {
              resolve(count.result);
              db.close();
            };
            count.onerror = () => reject(count.error);
          };
        }),
    );
  }
}

export class SignalForm {
  constructor(readonly root: Locator) {}

  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: true });
  }

  async fill(fields: SignalFields): Promise<void> {
    const f = (label: string) => this.field(label);
    if (fields.date !== undefined) await f('Date').fill(fields.date);
    if (fields.sender !== undefined) await f('Sender').selectOption({ label: fields.sender });
    if (fields.receiver !== undefined) await f('Receiver').selectOption({ label: fields.receiver });
    if (fields.title !== undefined) await f('Title').fill(fields.title);
    if (fields.kind !== undefined) await f('Kind').selectOption(fields.kind);
    if (fields.intended !== undefined) await f('Intended resolve').fill(fields.intended);
    if (fields.displayed !== undefined) await f('Displayed resolve').fill(fields.displayed);
    if (fields.perceived !== undefined) await f('Perceived resolve').fill(fields.perceived);
    if (fields.rationale !== undefined) await f('Rationale').fill(fields.rationale);
    if (fields.confidence !== undefined) await f('Confidence').selectOption(fields.confidence);
    if (fields.cost !== undefined) await f('Signal cost').selectOption(fields.cost);
    if (fields.sources !== undefined) await f('Sources').fill(fields.sources);
    if (fields.tags !== undefined) await f('Tags').fill(fields.tags);
    if (fields.notes !== undefined) await f('Notes').fill(fields.notes);
  }

  /**
   * Clicks `Save signal`. The first save in a profile without an analyst's name
   * asks for one in the form: it is given as `analyst`, and the signal saved.
   */
  async save(analyst = DEFAULT_ANALYST): Promise<void> {
    await this.root.getByRole('button', { name: 'Save signal' }).click();
    if ((await this.outcome()) !== 'asked for a name') return;
    await this.field('Analyst name').fill(analyst);
    await this.root.getByRole('button', { name: 'Save signal' }).click();
  }

  /**
   * Waits for what a click on `Save signal` leads to: the dialog closed, a
   * refusal (a field marked invalid, an alert), or the question for a name.
   */
  async outcome(): Promise<'closed' | 'refused' | 'asked for a name'> {
    const handle = await this.root.page().waitForFunction(() => {
      const dialog = document.querySelector('dialog[open]');
      if (!dialog) return 'closed';
      if ([...dialog.querySelectorAll('label')].some((l) => l.textContent?.trim() === 'Analyst name'))
        return 'asked for a name';
      if (dialog.querySelector('[aria-invalid="true"], [role="alert"]')) return 'refused';
      return false;
    });
    return (await handle.jsonValue()) as 'closed' | 'refused' | 'asked for a name';
  }
}

/**
 * The control that has the keyboard: its accessible name (or text), whether a
 * focus ring at least 2 pixels wide is drawn round it, and whether it sits inside
 * an element matching `within`.
 */
export function focused(
  page: Page,
  within = 'body',
): Promise<{ name: string; ring: boolean; inside: boolean } | null> {
  return page.evaluate((selector) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      name: el.getAttribute('aria-label') ?? (el.textContent?.trim() || el.id),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      inside: el.closest(selector) !== null,
    };
  }, within);
}

/** The name a test's analyst gives when the first save asks for one. */
export const DEFAULT_ANALYST = 'Test analyst';
