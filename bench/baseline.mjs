// The denominators: Dexie alone, in a page of the app's origin that loads
// nothing but Dexie (bench/baseline.html), so that it reads and writes the same
// IndexedDB the app does, with none of the app around it.
//
// Every function handed to `page.evaluate` runs in that page: it may use only
// its argument and the page's globals (`Dexie`, `__rows`).

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {typeof import('dexie').default} DexieClass */
/** @typedef {import('../src/lib/domain/types').Signal} Signal */
/** @typedef {import('../src/lib/domain/types').Assessment} Assessment */
/** @typedef {{ signals: Signal[], assessments: Assessment[] }} Rows */
/** @typedef {{ Dexie: DexieClass, __rows: Record<string, Rows> }} BaselineGlobals */

export const APP_DB = 'parallax';
const RAW_DB = 'parallax-bench-raw';

export class Baseline {
  /**
   * A new page of the baseline, loaded with nothing but Dexie: each measure
   * gets a fresh page, as each app measure does, so no heap left by an earlier
   * one slows it.
   * @param {import('playwright-core').BrowserContext} context
   * @param {string} origin
   */
  static async open(context, origin) {
    const page = await context.newPage();
    await page.goto(`${origin}/bench/baseline.html`);
    await page.waitForFunction(() => 'Dexie' in window);
    return new Baseline(page);
  }

  /** @param {Page} page */
  constructor(page) {
    this.page = page;
  }

  close() {
    return this.page.close();
  }

  /**
   * Fetches a JSON file of rows served beside the build (signals as the app
   * stores them, and their assessments) and keeps them in the page under
   * `name` (untimed).
   * @param {string} name
   * @param {string} url
   * @returns {Promise<number>} how many signals
   */
  load(name, url) {
    return this.page.evaluate(
      async ([name, url]) => {
        const g = /** @type {BaselineGlobals} */ (/** @type {unknown} */ (window));
        const { signals, assessments } = await (await fetch(url)).json();
        g.__rows ??= {};
        g.__rows[name] = { signals, assessments };
        return signals.length;
      },
      [name, url],
    );
  }

  /**
   * Raw `bulkAdd` of the rows `name` (the signals and their assessments, in one
   * transaction, as the app writes an import) into a fresh database whose
   * stores have a primary key only; the database is deleted before and after.
   * @param {string} name
   * @returns {Promise<number>} ms
   */
  bulkAdd(name) {
    return this.page.evaluate(
      async ([name, dbName]) => {
        const g = /** @type {BaselineGlobals} */ (/** @type {unknown} */ (window));
        await g.Dexie.delete(dbName);
        const db = new g.Dexie(dbName);
        db.version(1).stores({ signals: 'id', assessments: 'id' });
        await db.open();
        const { signals, assessments } = g.__rows[name];
        const start = performance.now();
        await db.transaction('rw', ['signals', 'assessments'], async () => {
          await db.table('signals').bulkAdd(signals);
          await db.table('assessments').bulkAdd(assessments);
        });
        const ms = performance.now() - start;
        db.close();
        await g.Dexie.delete(dbName);
        return ms;
      },
      [name, RAW_DB],
    );
  }

  /**
   * Raw `toArray()` of one dyad's rows out of the app's database, through the
   * same compound-index range the app reads, without the app's sort.
   * @param {string} senderId
   * @param {string} receiverId
   * @returns {Promise<{ ms: number, count: number }>}
   */
  readDyad(senderId, receiverId) {
    return this.page.evaluate(
      async ([senderId, receiverId, dbName]) => {
        const g = /** @type {BaselineGlobals} */ (/** @type {unknown} */ (window));
        const { Dexie } = g;
        // No schema given: Dexie opens the database as the app left it.
        const db = new Dexie(dbName);
        await db.open();
        const start = performance.now();
        const rows = await db
          .table('signals')
          .where('[senderId+receiverId+date]')
          .between([senderId, receiverId, Dexie.minKey], [senderId, receiverId, Dexie.maxKey])
          .toArray();
        const ms = performance.now() - start;
        db.close();
        return { ms, count: rows.length };
      },
      [senderId, receiverId, APP_DB],
    );
  }

  /**
   * Replaces every signal and assessment of the app's database by the rows
   * named (untimed set-up for the isolation figure). No app page may be open
   * meanwhile.
   * @param {string[]} names
   * @returns {Promise<number>} how many signals the store holds now
   */
  setSignals(names) {
    return this.page.evaluate(async ([names, dbName]) => {
      const g = /** @type {BaselineGlobals} */ (/** @type {unknown} */ (window));
      const db = new g.Dexie(dbName);
      await db.open();
      const signals = db.table('signals');
      const assessments = db.table('assessments');
      await db.transaction('rw', signals, assessments, async () => {
        await signals.clear();
        await assessments.clear();
        for (const name of names) {
          await signals.bulkAdd(g.__rows[name].signals);
          await assessments.bulkAdd(g.__rows[name].assessments);
        }
      });
      const count = await signals.count();
      db.close();
      return count;
    }, /** @type {[string[], string]} */ ([names, APP_DB]));
  }

  /**
   * Puts the actors, red lines and analysts of a backup file into the app's
   * database (untimed set-up for the isolation figure).
   * @param {string} url
   */
  addCatalog(url) {
    return this.page.evaluate(
      async ([url, dbName]) => {
        const g = /** @type {BaselineGlobals} */ (/** @type {unknown} */ (window));
        const { actors, redLines, analysts } = await (await fetch(url)).json();
        const db = new g.Dexie(dbName);
        await db.open();
        await db.table('actors').bulkPut(actors);
        await db.table('redLines').bulkPut(redLines);
        await db.table('analysts').bulkPut(analysts);
        db.close();
      },
      [url, APP_DB],
    );
  }

  /**
   * Makes `analystId` the browser's current analyst (the meta key the app
   * keeps it under), so that a signal saved through the form is theirs and the
   * form does not stop to ask for a name (untimed set-up for the update figure).
   * @param {string} analystId
   */
  setCurrentAnalyst(analystId) {
    return this.page.evaluate(
      async ([analystId, dbName]) => {
        const g = /** @type {BaselineGlobals} */ (/** @type {unknown} */ (window));
        const db = new g.Dexie(dbName);
        await db.open();
        await db.table('meta').put({ key: 'currentAnalyst', value: analystId });
        db.close();
      },
      [analystId, APP_DB],
    );
  }

  /** Deletes the app's database. No app page may be open meanwhile. */
  deleteAppDb() {
    return this.page.evaluate(async (dbName) => {
      const g = /** @type {BaselineGlobals} */ (/** @type {unknown} */ (window));
      await g.Dexie.delete(dbName);
    }, APP_DB);
  }
}
