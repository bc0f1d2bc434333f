import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll, ImportCancelledError, importData, readAll } from '../../src/lib/db/backup';
import { db } from '../../src/lib/db/database';
import { getMeta, setMeta } from '../../src/lib/db/meta';
import { serializeBackup, type BackupData } from '../../src/lib/domain/backup';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/types';
import {
  checkCsvRows,
  confirmBackupImport,
  confirmCsvImport,
  deleteAllData,
  importFile,
} from '../../src/lib/services/data';
import { transfer } from '../../src/lib/state/transfer.svelte';
import type { Actor, RedLine, Signal } from '../../src/lib/domain/types';
import { IRAN, KATAIB_HEZBOLLAH, US, actor, redLine, signal } from './factories';
import { ANA, facts, scored, stored } from './scored';

const T0 = '2026-01-01T10:00:00.000Z';
const T1 = '2026-01-02T10:00:00.000Z';
const T2 = '2026-01-03T10:00:00.000Z';

/** Everything the database holds, in key order: the before and after of each test. */
async function snapshot() {
  return { ...(await readAll()), meta: await db.meta.toArray() };
}

/** Records as the factories make them, scores on the signal; `v3` makes them a backup. */
interface Records {
  actors: Actor[];
  redLines: RedLine[];
  signals: Signal[];
}

function crisis(): Records {
  const us = actor({ id: US, name: 'United States', createdAt: T0, updatedAt: T0 });
  const iran = actor({ id: IRAN, name: 'Iran', createdAt: T0, updatedAt: T0 });
  const line = redLine({ id: 'line-embassy', actorId: US, targetId: IRAN, createdAt: T0, updatedAt: T0 });
  return {
    actors: [us, iran],
    redLines: [line],
    signals: [
      signal({ id: 'sig-a', title: 'Drone shot down', createdAt: T0, updatedAt: T0 }),
      signal({ id: 'sig-b', title: 'Strike called off', createdAt: T0, updatedAt: T0 }),
      signal({
        id: 'sig-c',
        title: 'Embassy breached',
        senderId: IRAN,
        receiverId: US,
        redLineId: line.id,
        createdAt: T0,
        updatedAt: T0,
      }),
    ],
  };
}

/**
 * A backup of version 3 of these records, each signal scored by Ana: a deep
 * copy, so a test can change what it imports without touching what it compares with.
 */
const copy = (records: Records): BackupData => structuredClone(scored(records));

function backupFile(data: Records, name = 'backup.json'): File {
  return new File([serializeBackup(scored(data), T2)], name, { type: 'application/json' });
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  transfer.reset();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('importing into an empty database', () => {
  it('adds every record, field for field', async () => {
    const data = crisis();
    const outcome = await importData(copy(data));
    expect(outcome.signals.added).toEqual({
      count: 3,
      names: ['“Drone shot down”', '“Strike called off”', '“Embassy breached”'],
    });
    expect(outcome.actors.added.count).toBe(2);
    expect(outcome.redLines.added.count).toBe(1);
    expect(outcome.analysts.added.count).toBe(1);
    expect(outcome.assessments.added.count).toBe(3);
    expect(await readAll()).toEqual(stored(scored(data)));
  });

  it('adds nothing when the same file comes again', async () => {
    await importData(copy(crisis()));
    const again = await importData(copy(crisis()));
    const nothing = { count: 0, names: [] };
    const same = (unchanged: number) => ({
      added: nothing,
      updated: nothing,
      deleted: nothing,
      unchanged,
      leftAlone: nothing,
      conflicts: nothing,
    });
    expect(again.signals).toEqual(same(3));
    expect(again.actors).toEqual(same(2));
    expect(again.assessments).toEqual(same(3));
    expect(again.analysts).toEqual(same(1));
    expect(again.conflicts).toEqual([]);
    expect(await db.signals.count()).toBe(3);
  });
});

describe("merging a colleague's file", () => {
  it('adds, updates, keeps and flags each record by the rules', async () => {
    // Here: sig-b edited at T2 from T0. The file: sig-a edited at T1 from T0 (it
    // descends from ours), sig-b edited at T1 from T0 (ours moved on from T0 too:
    // a conflict), sig-c changed by hand with its stamp untouched, sig-d new.
    const local = crisis();
    local.signals[1] = { ...local.signals[1], notes: 'ours', updatedAt: T2, ancestors: [T0] };
    await importData(copy(local));

    const theirs = crisis();
    theirs.signals[0] = { ...theirs.signals[0], notes: 'theirs-a', updatedAt: T1, ancestors: [T0] };
    theirs.signals[1] = { ...theirs.signals[1], notes: 'theirs-b', updatedAt: T1, ancestors: [T0] };
    theirs.signals[2] = { ...theirs.signals[2], notes: 'theirs' };
    theirs.signals.push(signal({ id: 'sig-d', title: 'New from colleague', createdAt: T1, updatedAt: T1 }));

    const before = Date.now();
    const outcome = await importData(copy(theirs));
    expect(outcome.signals).toEqual({
      added: { count: 1, names: ['“New from colleague”'] },
      updated: { count: 2, names: ['“Drone shot down”', '“Embassy breached” (edited outside Parallax)'] },
      deleted: { count: 0, names: [] },
      unchanged: 0,
      leftAlone: { count: 0, names: [] },
      conflicts: { count: 1, names: ['“Strike called off”'] },
    });
    expect(await db.signals.get('sig-a')).toMatchObject({
      notes: 'theirs-a',
      updatedAt: T1,
      ancestors: [T0],
    });
    // The conflict writes nothing: ours stays, and both versions come back for the analyst.
    expect(await db.signals.get('sig-b')).toMatchObject({ notes: 'ours', updatedAt: T2 });
    expect(outcome.conflicts).toEqual([
      {
        table: 'signals',
        name: 'Strike called off',
        labels: { [US]: 'United States', [IRAN]: 'Iran' },
        local: stored(scored(local)).signals[1],
        incoming: facts(theirs.signals[1]),
      },
    ]);
    // The edit made outside Parallax is a new version of ours, stamped now.
    const edited = await db.signals.get('sig-c');
    expect(edited).toMatchObject({ notes: 'theirs', ancestors: [T0] });
    expect(Date.parse(edited!.updatedAt)).toBeGreaterThanOrEqual(before);
    // A new signal comes with its consensus: Ana's scores, her one assessment.
    expect(await db.signals.get('sig-d')).toMatchObject({
      title: 'New from colleague',
      intended: 50,
      perceived: 50,
      weight: 2,
      scores: [{ analystId: ANA.id, intended: 50, displayed: null, perceived: 50, confidence: 'moderate' }],
    });
  });

  it('maps an actor of the same name under another id to the local one, references and all', async () => {
    await importData(copy(crisis()));
    const theirIran = actor({ id: 'their-iran', name: 'Iran', createdAt: T1, updatedAt: T1 });
    const kh = actor({ id: KATAIB_HEZBOLLAH, name: "Kata'ib Hezbollah", createdAt: T1, updatedAt: T1 });
    const line = redLine({
      id: 'their-line',
      actorId: 'their-iran',
      targetId: KATAIB_HEZBOLLAH,
      createdAt: T1,
      updatedAt: T1,
    });
    const s = signal({
      id: 'sig-kh',
      senderId: KATAIB_HEZBOLLAH,
      receiverId: 'their-iran',
      createdAt: T1,
      updatedAt: T1,
    });

    const outcome = await importData(copy({ actors: [theirIran, kh], redLines: [line], signals: [s] }));
    expect(outcome.matchedByName).toEqual(['Iran']);
    expect(outcome.actors.added.count).toBe(1);
    expect((await db.actors.toArray()).map((a) => a.id).sort()).toEqual([US, IRAN, KATAIB_HEZBOLLAH].sort());
    expect(await db.signals.get('sig-kh')).toMatchObject({ senderId: KATAIB_HEZBOLLAH, receiverId: IRAN });
    expect(await db.redLines.get('their-line')).toMatchObject({ actorId: IRAN });
  });
});

describe('all or nothing', () => {
  it('writes nothing when a chunk fails in the middle of the write', async () => {
    await importData(copy(crisis()));
    const before = await snapshot();
    const incoming = copy({
      ...crisis(),
      actors: [...crisis().actors, actor({ id: KATAIB_HEZBOLLAH, name: "Kata'ib Hezbollah" })],
      signals: Array.from({ length: 6 }, (_, i) => signal({ id: `new-${i}` })),
    });

    const realBulkAdd = db.signals.bulkAdd.bind(db.signals);
    let calls = 0;
    vi.spyOn(db.signals, 'bulkAdd').mockImplementation(((rows: never) => {
      calls++;
      if (calls === 2) throw new Error('injected failure in the second chunk');
      return realBulkAdd(rows);
    }) as typeof db.signals.bulkAdd);

    await expect(importData(incoming, { chunkSize: 2 })).rejects.toThrow(
      'injected failure in the second chunk',
    );
    expect(calls).toBe(2);
    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing when a chunk fails while the next one is already on its way', async () => {
    // An empty store takes the fast path: chunks are handed over before the previous one is done.
    const before = await snapshot();
    const incoming = copy({
      ...crisis(),
      signals: Array.from({ length: 7 }, (_, i) => signal({ id: `fast-${i}` })),
    });
    const realBulkAdd = db.signals.bulkAdd.bind(db.signals);
    let calls = 0;
    vi.spyOn(db.signals, 'bulkAdd').mockImplementation(((rows: never) => {
      calls++;
      if (calls === 2) return Dexie.Promise.reject(new Error('injected failure in the second chunk'));
      return realBulkAdd(rows);
    }) as typeof db.signals.bulkAdd);

    await expect(importData(incoming, { chunkSize: 2 })).rejects.toThrow(
      'injected failure in the second chunk',
    );
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(await snapshot()).toEqual(before);
  });

  it('reports progress chunk by chunk on the fast path', async () => {
    const incoming = copy({
      ...crisis(),
      signals: Array.from({ length: 5 }, (_, i) => signal({ id: `p-${i}` })),
    });
    const seen: string[] = [];
    await importData(incoming, { chunkSize: 2, onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(['2/5', '4/5', '5/5']);
    expect(await db.signals.count()).toBe(5);
  });

  it('writes nothing when the database refuses a key the file repeats', async () => {
    await importData(copy(crisis()));
    await db.signals.clear();
    await db.assessments.clear();
    const before = await snapshot();
    const records = crisis();
    records.signals.push({ ...records.signals[0], title: 'Same id twice' });
    records.actors.push(actor({ id: KATAIB_HEZBOLLAH, name: "Kata'ib Hezbollah" }));
    const incoming = copy(records);

    await expect(importData(incoming)).rejects.toMatchObject({ name: 'BulkError' });
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back whole when the analyst cancels during the write', async () => {
    const before = await snapshot();
    const incoming = copy(crisis());
    let asked = 0;
    await expect(
      importData(incoming, { chunkSize: 1, shouldStop: () => ++asked > 2 }),
    ).rejects.toBeInstanceOf(ImportCancelledError);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file with a bad record, says so, and leaves the database as it was', async () => {
    await importData(copy(crisis()));
    await setMeta('lastBackupAt', T1);
    const before = await snapshot();
    const bad = crisis();
    bad.signals[0].title = 'Changed';
    bad.signals[0].updatedAt = T2;
    bad.signals[2].intended = 150;

    await importFile(backupFile(bad, 'colleague.json'));
    expect(transfer.alert).toBe(
      'One problem was found in the file. Nothing was imported: fix the file and import it again.',
    );
    expect(transfer.issues.map((i) => `${i.place}.${i.field}: ${i.message}`)).toEqual([
      'assessments[2].intended: must be a whole number from 0 to 100',
    ]);
    expect(transfer.status).toBe('');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a truncated file and leaves the database as it was', async () => {
    await importData(copy(crisis()));
    const before = await snapshot();
    const text = serializeBackup(scored(crisis()), T2);
    await importFile(new File([text.slice(0, text.length / 2)], 'cut.json'));
    expect(transfer.alert).toMatch(
      /^The file is not complete JSON: it ends at line \d+, column \d+ before the data does/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('says the disk is full when the quota error comes wrapped in an AbortError, and writes nothing', async () => {
    await importData(copy(crisis()));
    const before = await snapshot();
    vi.spyOn(db.signals, 'bulkPut').mockImplementation(() => {
      throw new Dexie.AbortError(
        'Transaction aborted',
        new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      );
    });
    const newer = crisis();
    newer.signals[0].title = 'Edited by a colleague';
    newer.signals[0].updatedAt = T2;
    await importFile(backupFile(newer));
    await confirmBackupImport();
    expect(transfer.alert).toMatch(
      /^Could not import backup\.json: the disk is full or the browser's storage quota is used up\. Nothing was written\./,
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('importing through the Data view', () => {
  it('previews a clean backup, writes nothing until confirmed, then announces the outcome', async () => {
    await importFile(backupFile(crisis()));
    expect(transfer.alert).toBe('');
    expect(transfer.status).toBe(
      'backup.json: 3 signals, 2 actors and 1 red line ready to import. Check the preview, then confirm.',
    );
    expect(transfer.backup?.signals).toBe(3);
    expect(await db.signals.count()).toBe(0);

    await confirmBackupImport();
    expect(transfer.backup).toBeNull();
    expect(transfer.status).toBe(
      'Imported backup.json: 3 signals added, 0 updated, 0 deleted, 0 unchanged, 0 left alone, 0 conflicts. ' +
        'Added: “Drone shot down”, “Strike called off”, “Embassy breached”. ' +
        "Assessments: 3 added, 0 updated. Assessments added: “Ana's scores of ‘Drone shot down’”, " +
        "“Ana's scores of ‘Strike called off’”, “Ana's scores of ‘Embassy breached’”. " +
        'Analysts: 1 added, 0 updated. Analysts added: “Ana”. ' +
        'Actors: 2 added, 0 updated. Actors added: “United States”, “Iran”. ' +
        'Red lines: 1 added, 0 updated. Red lines added: “An attack that kills an American”.',
    );
    expect(await readAll()).toEqual(stored(scored(crisis())));
  });

  it('shows a CSV file for review, then writes it with the actors it introduces on confirmation', async () => {
    await importData(copy({ ...crisis(), signals: [] }));
    const csv =
      '\uFEFFDate;Sender;Receiver;Title;Intended resolve;Perceived resolve\r\n' +
      '2019-12-27;Kata\'ib Hezbollah;United States;"K-1 base; rocket attack";70;60\r\n' +
      "2019-12-29;United States;Kata'ib Hezbollah;Strikes on five sites;75;50\r\n";
    await importFile(new File([csv], 'sheet.csv', { type: 'text/csv' }));
    expect(transfer.alert).toBe('');
    expect(transfer.ready?.newActors.map((a) => a.name)).toEqual(["Kata'ib Hezbollah"]);
    expect(transfer.status).toBe('sheet.csv: 2 signals ready to import. Check the preview, then confirm.');
    expect(await db.signals.count()).toBe(0);

    await confirmCsvImport();
    expect(transfer.status).toBe(
      'Imported sheet.csv: 2 signals added, 0 updated, 0 deleted, 0 unchanged, 0 left alone, 0 conflicts. ' +
        'Added: “K-1 base; rocket attack”, “Strikes on five sites”. ' +
        // No analyst is named here yet: the scores are Unattributed's.
        "Assessments: 2 added, 0 updated. Assessments added: “Unattributed's scores of ‘K-1 base; rocket attack’”, " +
        "“Unattributed's scores of ‘Strikes on five sites’”. Analysts: 1 added, 0 updated. Analysts added: “Unattributed”. " +
        "Actors: 1 added, 0 updated. Actors added: “Kata'ib Hezbollah”.",
    );
    const kh = (await db.actors.toArray()).find((a) => a.name === "Kata'ib Hezbollah");
    expect((await db.signals.toArray()).map((s) => [s.title, s.senderId])).toEqual(
      expect.arrayContaining([
        ['K-1 base; rocket attack', kh?.id],
        ['Strikes on five sites', US],
      ]),
    );
  });

  it('waits for the mapping when headers are unknown, and refuses bad rows with their lines', async () => {
    const before = await snapshot();
    const csv =
      'Happened,Sender,Receiver,Title,Intended,Perceived\n2019-06-20,Iran,United States,Drone,70,45\n2019-06-21,Iran,United States,Bad,700,45\n';
    await importFile(new File([csv], 'odd.csv'));
    expect(transfer.csv?.headers).toEqual([
      'Happened',
      'Sender',
      'Receiver',
      'Title',
      'Intended',
      'Perceived',
    ]);
    expect(transfer.ready).toBeNull();
    // The step waits for the analyst, and says so where assistive technology hears it.
    expect(transfer.status).toBe(
      'odd.csv: 2 rows read. Match each field of a signal to a column, then choose Check rows. Nothing is imported until you confirm.',
    );
    await checkCsvRows({ ...transfer.csv!.mapping, date: 0 });
    expect(transfer.status).toBe(
      'odd.csv: choose other columns and check the rows again, or fix the file and choose it again, or cancel.',
    );
    expect(transfer.alert).toBe(
      'One problem was found in the file. Nothing was imported: fix the file and import it again.',
    );
    expect(transfer.issues).toEqual([
      {
        place: 'line 3',
        field: 'Intended',
        message: 'must be a whole number from 0 to 100 (found “700”)',
        line: 3,
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a CSV file the page must not choke on', () => {
  it('sends the preview only the first 200 characters of a 300,000-character cell, then refuses the row', async () => {
    const csv = `When,Sender,Receiver,Title,Intended,Perceived\n2019-06-20,Iran,United States,${'t'.repeat(300_000)},70,45\n`;
    await importFile(new File([csv], 'long.csv'));
    expect(transfer.csv?.sample[0][3]).toBe(`${'t'.repeat(200)}…`);
    await checkCsvRows({ ...transfer.csv!.mapping, date: 0 });
    expect(transfer.issues.map((i) => `${i.place}, ${i.field}: ${i.message}`)).toEqual([
      'line 2, Title: must be at most 200 characters (it has 300,000)',
    ]);
  });

  it('refuses a header of 5 MB at once, in a sentence', async () => {
    await importFile(new File([`date,${'h'.repeat(5_000_000)}\n1,2\n`], 'huge.csv'));
    expect(transfer.csv).toBeNull();
    expect(transfer.alert).toBe(
      'The header of column 2 is 5,000,000 characters long, where a header is at most 200: the first row of the file must name the columns. Nothing was imported.',
    );
  });

  it("says a Windows-1252 file was read as Windows-1252, and reads Côte d'Ivoire whole", async () => {
    const bytes = new TextEncoder().encode(
      "date,sender,receiver,title,intended,perceived\n2019-06-20,Iran,C_te d'Ivoire,T,70,45\n",
    );
    bytes[bytes.indexOf(0x5f)] = 0xf4;
    await importFile(new File([bytes], 'latin.csv'));
    expect(transfer.ready?.newActors.map((a) => a.name)).toEqual(['Iran', "Côte d'Ivoire"]);
    expect(transfer.status).toBe(
      'latin.csv: 1 signal ready to import (read as Windows-1252 (Western European), because it is not UTF-8; check that names with accents read right). Check the preview, then confirm.',
    );
  });
});

describe('deleting all data', () => {
  it('removes every record in one go and keeps the settings', async () => {
    await importData(copy(crisis()));
    await setMeta('settings', { ...DEFAULT_SETTINGS, tau: 15 });
    expect(await deleteAllData()).toBe(true);
    expect(await readAll()).toEqual({
      actors: [],
      redLines: [],
      signals: [],
      analysts: [],
      assessments: [],
      deletions: [],
    });
    expect(await getMeta('settings')).toEqual({ ...DEFAULT_SETTINGS, tau: 15 });
  });

  it('clears every table of records in one transaction', async () => {
    await importData(copy(crisis()));
    vi.spyOn(db.signals, 'clear').mockImplementation(() => {
      throw new Error('injected');
    });
    await expect(clearAll()).rejects.toThrow('injected');
    expect((await readAll()).actors).toHaveLength(2);
  });
});
