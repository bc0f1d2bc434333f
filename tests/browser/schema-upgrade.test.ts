import Dexie from 'dexie';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ReloadBanner from '../../src/lib/components/shell/ReloadBanner.svelte';
import { importData, readAll } from '../../src/lib/db/backup';
import { db, ParallaxDB } from '../../src/lib/db/database';
import { EXAMPLE } from '../../src/lib/db/example';
import { describeError } from '../../src/lib/services/errors';
import type { Signal } from '../../src/lib/domain/types';
import { storage } from '../../src/lib/state/storage.svelte';
import { scored } from '../unit/scored';

/** The stores of schema version 1, exactly as shipped. */
const VERSION_1 = {
  actors: 'id',
  redLines: 'id',
  signals: 'id, [senderId+receiverId+date], redLineId',
};

/** Schema version 2, exactly as shipped: version 1 and a key/value `meta` table. */
const VERSION_2 = { ...VERSION_1, meta: 'key' };

/** Schema version 3, exactly as shipped: deletion records. */
const VERSION_3 = { ...VERSION_2, deletions: '[table+id]' };

/** Schema version 4, exactly as shipped: the event inbox. */
const VERSION_4 = {
  ...VERSION_3,
  candidates: 'id, dupKey, date',
  actorMappings: 'key',
  triaged: 'key, dupKey',
};

/** The version this build opens at. */
const LATEST = 5;

/** Confidence weights, as PRODUCT.md §3 gives them. */
const WEIGHT = { low: 1, moderate: 2, high: 3 } as const;

/**
 * A signal of version 4 as version 5 holds it: the same record with the
 * consensus of its one assessment, by `analystId` (worked out here, field by
 * field: the mean of one value is that value).
 */
function withOneScore(signal: Signal, analystId: string): Signal {
  const { intended, perceived, confidence } = signal;
  return {
    ...signal,
    displayed: null,
    weight: WEIGHT[confidence],
    scores: [{ analystId, intended, displayed: null, perceived, confidence }],
  };
}

/** The analyst "Unattributed" the upgrade added, the only analyst. */
async function unattributed(database: ParallaxDB): Promise<string> {
  const analysts = await database.analysts.toArray();
  expect(analysts.map((a) => a.name)).toEqual(['Unattributed']);
  return analysts[0].id;
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

const opened: Dexie[] = [];
function track<T extends Dexie>(database: T): T {
  opened.push(database);
  return database;
}

beforeEach(() => {
  storage.reset();
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const database of opened.splice(0)) database.close();
});

// Later test files delete every database first: leave none open.
afterAll(() => db.close());

describe('schema versions 2 and 3 (deletion records)', () => {
  it('opens a database written by version 1 and finds every record intact, field for field', async () => {
    const old = track(new Dexie('parallax-v1-test'));
    old.version(1).stores(VERSION_1);
    await old.open();
    await old.table('actors').bulkAdd(EXAMPLE.actors);
    await old.table('redLines').bulkAdd(EXAMPLE.redLines);
    await old.table('signals').bulkAdd(EXAMPLE.signals);
    old.close();

    const upgraded = track(new ParallaxDB('parallax-v1-test'));
    await upgraded.open();
    expect(upgraded.verno).toBe(LATEST);
    expect(await upgraded.actors.toArray()).toEqual(byId(EXAMPLE.actors));
    expect(await upgraded.redLines.toArray()).toEqual(byId(EXAMPLE.redLines));
    const analystId = await unattributed(upgraded);
    expect(await upgraded.signals.toArray()).toEqual(
      byId(EXAMPLE.signals).map((s) => withOneScore(s, analystId)),
    );
    expect(await upgraded.meta.get('schemaUpgradedFrom')).toEqual({ key: 'schemaUpgradedFrom', value: 1 });

    // The indexes survive the upgrade: a dyad still reads through the compound index.
    const [first] = EXAMPLE.signals;
    const dyad = await upgraded.signals
      .where('[senderId+receiverId+date]')
      .between(
        [first.senderId, first.receiverId, Dexie.minKey],
        [first.senderId, first.receiverId, Dexie.maxKey],
      )
      .toArray();
    expect(dyad.map((s) => s.id).sort()).toEqual(
      EXAMPLE.signals
        .filter((s) => s.senderId === first.senderId && s.receiverId === first.receiverId)
        .map((s) => s.id)
        .sort(),
    );
    expect(await upgraded.signals.where('redLineId').notEqual('').count()).toBe(
      EXAMPLE.signals.filter((s) => s.redLineId).length,
    );
  });

  it('opens a database written by version 2 and keeps every record, ancestry and setting, with no deletions yet', async () => {
    const old = track(new Dexie('parallax-v2-deletions-test'));
    old.version(1).stores(VERSION_1);
    old.version(2).stores(VERSION_2);
    await old.open();
    // Records as version 2 wrote them: one edited signal already carries its ancestry.
    const edited = {
      ...EXAMPLE.signals[0],
      updatedAt: '2026-02-01T00:00:00.000Z',
      ancestors: ['2026-01-01T00:00:00.000Z'],
    };
    const signals = [edited, ...EXAMPLE.signals.slice(1)];
    const meta = [
      { key: 'settings', value: { tau: 15, windowDays: 60, alertThreshold: 30 } },
      { key: 'lastBackupAt', value: '2026-02-02T00:00:00.000Z' },
    ];
    await old.table('actors').bulkAdd(EXAMPLE.actors);
    await old.table('redLines').bulkAdd(EXAMPLE.redLines);
    await old.table('signals').bulkAdd(signals);
    await old.table('meta').bulkAdd(meta);
    old.close();

    const upgraded = track(new ParallaxDB('parallax-v2-deletions-test'));
    await upgraded.open();
    expect(upgraded.verno).toBe(LATEST);
    expect(await upgraded.actors.toArray()).toEqual(byId(EXAMPLE.actors));
    expect(await upgraded.redLines.toArray()).toEqual(byId(EXAMPLE.redLines));
    const analystId = await unattributed(upgraded);
    expect(await upgraded.signals.toArray()).toEqual(byId(signals).map((s) => withOneScore(s, analystId)));
    expect(await upgraded.meta.toArray()).toEqual([...meta].sort((a, b) => (a.key < b.key ? -1 : 1)));
    // The new table starts empty and takes deletion records keyed by table and id.
    expect(await upgraded.deletions.count()).toBe(0);
    await upgraded.deletions.bulkAdd([
      { table: 'signals', id: 'same-id', deletedAt: '2026-03-01T00:00:00.000Z' },
      { table: 'actors', id: 'same-id', deletedAt: '2026-03-01T00:00:00.000Z' },
    ]);
    expect(await upgraded.deletions.get(['signals', 'same-id'])).toEqual({
      table: 'signals',
      id: 'same-id',
      deletedAt: '2026-03-01T00:00:00.000Z',
    });
  });

  it('creates a new database at the latest version without running the upgrade', async () => {
    const fresh = track(new ParallaxDB('parallax-fresh-test'));
    await fresh.open();
    expect(fresh.verno).toBe(LATEST);
    expect(await fresh.meta.count()).toBe(0);
    expect(await fresh.deletions.count()).toBe(0);
    // Nothing to attribute: no analyst until one is named.
    expect(await fresh.analysts.count()).toBe(0);
  });
});

describe('schema version 5 (analysts and assessments)', () => {
  it('opens a database written by version 4: every score becomes an assessment of Unattributed, every record kept', async () => {
    const old = track(new Dexie('parallax-v4-test'));
    old.version(1).stores(VERSION_1);
    old.version(2).stores(VERSION_2);
    old.version(3).stores(VERSION_3);
    old.version(4).stores(VERSION_4);
    await old.open();
    // Records as version 4 wrote them: an edited signal with its ancestry, a
    // deletion, the inbox, settings and the last backup.
    const edited: Signal = {
      ...EXAMPLE.signals[0],
      intended: 35,
      perceived: 20,
      confidence: 'low',
      updatedAt: '2026-02-01T00:00:00.000Z',
      ancestors: ['2026-01-15T09:00:09.000Z'],
    };
    const signals = [edited, ...EXAMPLE.signals.slice(1)];
    const meta = [
      { key: 'settings', value: { tau: 12, windowDays: 60, alertThreshold: 30 } },
      { key: 'lastBackupAt', value: '2026-11-01T09:00:00.000Z' },
      { key: 'changedAt', value: '2026-11-01T08:00:00.000Z' },
    ];
    const deletions = [{ table: 'signals', id: 'gone', deletedAt: '2026-03-01T00:00:00.000Z' }];
    const triaged = [{ key: 'gdelt:1', dupKey: 'k', outcome: 'dismissed', at: '2026-11-29T00:00:00.000Z' }];
    await old.table('actors').bulkAdd(EXAMPLE.actors);
    await old.table('redLines').bulkAdd(EXAMPLE.redLines);
    await old.table('signals').bulkAdd(signals);
    await old.table('meta').bulkAdd(meta);
    await old.table('deletions').bulkAdd(deletions);
    await old.table('triaged').bulkAdd(triaged);
    old.close();

    const upgraded = track(new ParallaxDB('parallax-v4-test'));
    await upgraded.open();
    expect(upgraded.verno).toBe(LATEST);
    expect(await upgraded.actors.toArray()).toEqual(byId(EXAMPLE.actors));
    expect(await upgraded.redLines.toArray()).toEqual(byId(EXAMPLE.redLines));
    expect(await upgraded.deletions.toArray()).toEqual(deletions);
    expect(await upgraded.triaged.toArray()).toEqual(triaged);
    // The settings, the last backup and the change stamp stay: the upgrade is no change of the analyst's.
    expect(await upgraded.meta.toArray()).toEqual([...meta].sort((a, b) => a.key.localeCompare(b.key)));
    expect(await upgraded.revisions.count()).toBe(0);

    const analystId = await unattributed(upgraded);
    // Each signal: the same facts and stamps, and the consensus of its one assessment.
    expect(await upgraded.signals.toArray()).toEqual(byId(signals).map((s) => withOneScore(s, analystId)));
    const stored = await upgraded.signals.get(edited.id);
    expect(stored).toMatchObject({
      intended: 35,
      perceived: 20,
      confidence: 'low',
      displayed: null,
      weight: 1,
      updatedAt: '2026-02-01T00:00:00.000Z',
      ancestors: ['2026-01-15T09:00:09.000Z'],
    });

    // One assessment per signal, of Unattributed, with the signal's scores and dates.
    const assessments = await upgraded.assessments.toArray();
    expect(assessments).toHaveLength(signals.length);
    const { id, ...mine } = (await upgraded.assessments
      .where('[signalId+analystId]')
      .equals([edited.id, analystId])
      .first())!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(mine).toEqual({
      signalId: edited.id,
      analystId,
      intended: 35,
      displayed: null,
      perceived: 20,
      confidence: 'low',
      rationale: '',
      createdAt: edited.createdAt,
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
    for (const s of signals) {
      const [a, ...more] = await upgraded.assessments
        .where('[signalId+analystId]')
        .between([s.id, Dexie.minKey], [s.id, Dexie.maxKey])
        .toArray();
      expect(more).toEqual([]);
      expect([a.intended, a.perceived, a.confidence, a.analystId]).toEqual([
        s.intended,
        s.perceived,
        s.confidence,
        analystId,
      ]);
    }
  });
});

describe('another tab and this one', () => {
  it('tells this tab to reload when another tab upgrades the schema', async () => {
    const mine = track(new ParallaxDB('parallax-upgrade-test'));
    await mine.open();
    const stop = storage.watch(mine);

    const newer = track(new Dexie('parallax-upgrade-test'));
    newer.version(LATEST + 1).stores({ ...VERSION_1, meta: 'key', notes: 'id' });
    await newer.open();

    expect(storage.trouble).toBe('upgraded');
    expect(mine.isOpen()).toBe(false);
    stop();
  });

  it('says so while an older tab blocks the upgrade, and clears once it lets go', async () => {
    // An older tab that does not close on request: a raw connection at version 1 (Dexie's version × 10).
    const holder = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('parallax-blocked-test', 10);
      request.onupgradeneeded = () => {
        for (const name of Object.keys(VERSION_1)) request.result.createObjectStore(name, { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });

    const mine = track(new ParallaxDB('parallax-blocked-test'));
    const stop = storage.watch(mine);
    const opening = mine.open();
    await expect.poll(() => storage.trouble).toBe('blocked');

    holder.close();
    await opening;
    await expect.poll(() => storage.trouble).toBeNull();
    stop();
  });
});

describe('the reload banner', () => {
  it('appears when another tab upgrades the database this tab runs on', async () => {
    await db.open();
    render(ReloadBanner);
    expect(page.getByRole('alert').query()).toBeNull();

    const newer = track(new Dexie(db.name));
    newer.version(LATEST + 1).stores({ ...VERSION_1, meta: 'key', notes: 'id' });
    await newer.open();

    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent(
        /^Parallax was updated in another tab, and this tab can no longer reach your data\. Reload this page/,
      );
    expect(page.getByRole('button', { name: 'Reload' }).query()).not.toBeNull();
    // This tab let go of the database instead of blocking the other tab's upgrade.
    expect(db.isOpen()).toBe(false);
    newer.close();
    await Dexie.delete(db.name);
  });
});

describe('a full disk', () => {
  it('says the disk is full when the quota error comes wrapped in an AbortError, and writes nothing', async () => {
    await db.delete();
    await db.open();
    vi.spyOn(db.signals, 'bulkAdd').mockImplementation(() => {
      throw new Dexie.AbortError(
        'Transaction aborted',
        new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      );
    });

    const error = await importData(structuredClone(scored(EXAMPLE))).catch((e: unknown) => e);

    expect(describeError(error, 'import example.json')).toBe(
      "Could not import example.json: the disk is full or the browser's storage quota is used up. Nothing was written. Free some space, or export a backup and delete old data, then try again.",
    );
    // The actors and red lines went into the same transaction as the signals: none of them stayed.
    expect(await readAll()).toEqual({
      actors: [],
      redLines: [],
      signals: [],
      analysts: [],
      assessments: [],
      deletions: [],
    });
  });

  it('says so too when the quota error comes bare, from the transaction itself', async () => {
    await db.delete();
    await db.open();
    vi.spyOn(db.signals, 'bulkAdd').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await importData(structuredClone(scored(EXAMPLE))).catch((e: unknown) => e);
    expect(describeError(error, 'import example.json')).toMatch(
      /^Could not import example\.json: the disk is full/,
    );
    expect(await readAll()).toEqual({
      actors: [],
      redLines: [],
      signals: [],
      analysts: [],
      assessments: [],
      deletions: [],
    });
  });
});
