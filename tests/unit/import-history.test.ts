/**
 * The history of changes made by imports, actor merges and red-line deletions
 * (issue 9, item 6): each signal and assessment such a write adds, changes or
 * deletes gets its revision in the write's own transaction, naming the fields
 * that changed and keeping the version replaced, which `Restore` brings back.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { saveAnalystName } from '../../src/lib/db/analysts';
import { saveAssessment } from '../../src/lib/db/assessments';
import { clearAll, ImportCancelledError, importData } from '../../src/lib/db/backup';
import { settleConflict } from '../../src/lib/db/conflicts';
import { db } from '../../src/lib/db/database';
import { historyOf } from '../../src/lib/db/history';
import { deleteActor, deleteRedLine, mergeActor } from '../../src/lib/db/removal';
import { restoreRevision } from '../../src/lib/db/restore';
import { addSignal, updateSignal, type FactsDraft } from '../../src/lib/db/signals';
import { guessMapping } from '../../src/lib/domain/csv';
import { checkCsv, readCsv } from '../../src/lib/domain/csv-import';
import { historyEntries } from '../../src/lib/domain/history';
import type { Analyst, Assessment, Revision, Signal } from '../../src/lib/domain/types';
import { IRAN, KATAIB_HEZBOLLAH, US, actor, redLine, signal } from './factories';
import {
  ANA,
  assessmentOf,
  facts,
  TWO_AT,
  anasBackup as anas,
  twoActors as actors,
  twoSignals as signals,
} from './scored';

const T0 = TWO_AT;

/** A time `ms` after another. */
const after = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

let mina: Analyst;

async function fresh(named = true): Promise<void> {
  await db.delete();
  await db.open();
  if (named) mina = await saveAnalystName('Mina');
}

beforeEach(() => fresh());

/** A revision's parts a test compares (its id and time are checked apart). */
const shape = (r: Revision) => ({
  table: r.table,
  recordId: r.recordId,
  change: r.change,
  origin: r.origin,
  analystId: r.analystId,
  fields: r.fields,
});

async function entriesOf(signalId: string) {
  const analysts = new Map((await db.analysts.toArray()).map((a) => [a.id, a]));
  const labels = { [US]: 'United States', [IRAN]: 'Iran' };
  return historyEntries(await historyOf(signalId), analysts, labels, mina?.id ?? null);
}

describe('an import keeps the history of what it writes', () => {
  it('adds no history for what a backup creates: a creation replaces no version', async () => {
    await importData(anas());
    expect(await db.signals.count()).toBe(2);
    expect(await db.assessments.count()).toBe(2);
    // 100,000 signals into an empty store write their records and nothing beside them (PRODUCT §9).
    expect(await db.revisions.count()).toBe(0);
    expect(await entriesOf('sig-a')).toEqual([]);
  });

  it('records a change imported into a browser whose analyst has no name yet as no one’s, and adds no analyst for it', async () => {
    await fresh(false);
    await importData(anas());
    const file = anas();
    file.signals = [
      { ...facts(signals()[0]), title: 'Renamed', updatedAt: after(T0, 5000), ancestors: [T0] },
    ];
    file.assessments = [];
    await importData(file);
    expect((await db.analysts.toArray()).map((a) => a.name)).toEqual(['Ana']);
    const rows = await db.revisions.toArray();
    expect(rows.map(shape)).toEqual([
      {
        table: 'signals',
        recordId: 'sig-a',
        change: 'edit',
        origin: 'import',
        analystId: '',
        fields: ['title'],
      },
    ]);
    const analysts = new Map([[ANA.id, ANA]]);
    const entries = historyEntries(await historyOf('sig-a'), analysts, {}, null);
    expect(entries.map((e) => `${e.who}: ${e.what}`)).toEqual([
      'An analyst not yet named: Imported changes to the signal: Title.',
    ]);
  });

  it('adds no history for the signals a CSV file creates', async () => {
    const text =
      'date,sender,receiver,title,kind,analyst,intended,displayed,perceived,confidence\n' +
      '2019-06-20,United States,Iran,Drone shot down,force,Ana,70,,40,high\n';
    const table = readCsv(text);
    const known = { actors: actors(), redLines: [], analysts: [ANA] };
    let n = 0;
    const result = checkCsv(table, guessMapping(table.headers), {
      known,
      now: T0,
      newId: () => `row-${++n}`,
    });
    if (!result.ok) throw new Error(result.summary);
    await db.actors.bulkAdd(actors());
    await db.analysts.add(ANA);
    await importData(result.data);

    const [logged] = await db.signals.toArray();
    expect(logged.title).toBe('Drone shot down');
    expect(await historyOf(logged.id)).toEqual([]);
  });

  it('keeps the local version a merge replaced with a newer one, and Restore brings it back', async () => {
    await importData(anas());
    // Mina edits the signal here: its title and tags.
    const draft: FactsDraft = { ...facts(signals()[0]), title: 'Global Hawk shot down', tags: ['Hormuz'] };
    const edited = await updateSignal('sig-a', draft, T0);
    // Ana edits Mina's version on her machine (title and notes) and sends it back: a newer version.
    const later = after(edited.updatedAt, 60_000);
    const file = anas();
    file.signals = [
      {
        ...facts(edited),
        title: 'RQ-4A Global Hawk downed',
        notes: 'Claimed over Iranian waters.',
        updatedAt: later,
        ancestors: [edited.updatedAt, T0],
      },
    ];
    file.assessments = [assessmentOf(signals()[0])];
    const outcome = await importData(file);
    expect(outcome.signals.updated.count).toBe(1);

    const [latest] = await historyOf('sig-a');
    expect(shape(latest)).toEqual({
      table: 'signals',
      recordId: 'sig-a',
      change: 'edit',
      origin: 'import',
      analystId: mina.id,
      fields: ['title', 'notes'],
    });
    expect(latest.previous).toMatchObject({ title: 'Global Hawk shot down', notes: '', tags: ['Hormuz'] });
    const [entry] = await entriesOf('sig-a');
    expect([entry.who, entry.what, entry.restorable]).toEqual([
      'Mina',
      'Imported changes to the signal: Title, Notes.',
      true,
    ]);
    expect(entry.before).toEqual([
      { label: 'Title', value: 'Global Hawk shot down' },
      { label: 'Notes', value: '–' },
    ]);

    const restored = await restoreRevision(latest.id, later);
    expect([restored.title, restored.notes, restored.tags]).toEqual([
      'Global Hawk shot down',
      '',
      ['Hormuz'],
    ]);
    expect((await db.signals.get('sig-a'))?.title).toBe('Global Hawk shot down');
    // Ana's scores stay the consensus: intended 70, perceived 40.
    expect([restored.intended, restored.perceived]).toEqual([70, 40]);
  });

  it("keeps an analyst's own scores that a merge replaced with their newer version, and Restore brings them back", async () => {
    await importData(anas());
    const draft = {
      intended: 60,
      displayed: null,
      perceived: 30,
      confidence: 'moderate',
      rationale: '',
    } as const;
    const { assessment: own } = await saveAssessment('sig-a', draft, null);
    // Mina's other machine changed her intended resolve from 60 to 80.
    const file = anas();
    file.analysts = [ANA, mina];
    file.signals = [facts(signals()[0])];
    file.assessments = [
      { ...own, intended: 80, updatedAt: after(own.updatedAt, 60_000), ancestors: [own.updatedAt] },
    ];
    await importData(file);

    const [latest] = await historyOf('sig-a');
    expect(shape(latest)).toEqual({
      table: 'assessments',
      recordId: own.id,
      change: 'edit',
      origin: 'import',
      analystId: mina.id,
      fields: ['intended'],
    });
    expect((latest.previous as Assessment).intended).toBe(60);
    const [entry] = await entriesOf('sig-a');
    expect([entry.what, entry.restorable]).toEqual([
      'Changed their scores (imported): Intended resolve.',
      true,
    ]);

    const signal = await restoreRevision(latest.id);
    expect((await db.assessments.get(own.id))?.intended).toBe(60);
    // The consensus: Ana's 70 and Mina's 60 again, (70 + 60) / 2.
    expect(signal.intended).toBe(65);
  });

  it('records the signals a backup deletes, with the scores that went with them', async () => {
    await importData(anas());
    const file = anas();
    file.signals = [facts(signals()[0])];
    file.assessments = [assessmentOf(signals()[0])];
    file.deletions = [{ table: 'signals', id: 'sig-b', deletedAt: after(T0, 1000) }];
    await importData(file);

    expect(await db.signals.get('sig-b')).toBeUndefined();
    const [one, two] = await historyOf('sig-b');
    const deleted = [one, two].filter((r) => r.change === 'delete').map(shape);
    expect(deleted.sort((a, b) => a.table.localeCompare(b.table))).toEqual([
      {
        table: 'assessments',
        recordId: 'sig-b~Ana',
        change: 'delete',
        origin: 'import',
        analystId: mina.id,
        fields: [],
      },
      {
        table: 'signals',
        recordId: 'sig-b',
        change: 'delete',
        origin: 'import',
        analystId: mina.id,
        fields: [],
      },
    ]);
    const previous = [one, two].map((r) => r.previous);
    expect(previous).toContainEqual(expect.objectContaining({ title: 'Strike called off' }));
    expect(previous).toContainEqual(expect.objectContaining({ intended: 20, analystId: ANA.id }));
    // The deletion's two entries, and nothing for the import that created it: that replaced nothing.
    const whats = (await entriesOf('sig-b')).map((e) => e.what);
    expect(whats.sort()).toEqual([
      'Imported the deletion of the signal.',
      "Removed Ana's scores (imported).",
    ]);
    expect((await historyOf('sig-b')).length).toBe(2);
  });

  it('records the file’s version of a signal in conflict when the analyst takes it', async () => {
    await importData(anas());
    const edited = await updateSignal('sig-a', { ...facts(signals()[0]), title: 'Mina’s title' }, T0);
    // Ana changed the version before Mina's edit: both sides changed it.
    const file = anas();
    file.signals = [
      { ...facts(signals()[0]), title: 'Ana’s title', updatedAt: after(T0, 5000), ancestors: [T0] },
    ];
    file.assessments = [assessmentOf(signals()[0])];
    const outcome = await importData(file);
    expect(outcome.conflicts.map((c) => c.table)).toEqual(['signals']);
    const before = (await historyOf('sig-a')).length;

    await settleConflict(outcome.conflicts[0], 'theirs');

    const rows = await historyOf('sig-a');
    expect(rows.length).toBe(before + 1);
    expect(shape(rows[0])).toEqual({
      table: 'signals',
      recordId: 'sig-a',
      change: 'edit',
      origin: 'import',
      analystId: mina.id,
      fields: ['title'],
    });
    expect(rows[0].previous).toMatchObject({ title: 'Mina’s title', updatedAt: edited.updatedAt });
  });

  it('writes nothing when the import fails: no signal, no score and no history', async () => {
    // How many times this import asks whether to stop, when it runs through.
    let asked = 0;
    await importData(anas(), { chunkSize: 1, shouldStop: () => (asked++, false) });
    expect(await db.signals.count()).toBe(2);

    // The same import into the same database, cancelled at its last question:
    // everything but the last chunk of history has been handed to the database.
    await fresh();
    const historyBefore = await db.revisions.count();
    let n = 0;
    await expect(
      importData(anas(), { chunkSize: 1, shouldStop: () => ++n === asked }),
    ).rejects.toBeInstanceOf(ImportCancelledError);
    expect(await db.signals.count()).toBe(0);
    expect(await db.assessments.count()).toBe(0);
    expect(await db.revisions.count()).toBe(historyBefore);
  });

  it('writes no history when a merge fails', async () => {
    await importData(anas());
    const file = anas();
    file.signals = [
      { ...facts(signals()[0]), title: 'Renamed', updatedAt: after(T0, 5000), ancestors: [T0] },
    ];
    file.assessments = [];
    let asked = 0;
    // Counted on a copy of the same merge, then cancelled at its last question.
    await importData(structuredClone(file), { chunkSize: 1, shouldStop: () => (asked++, false) });
    const merged = await historyOf('sig-a');
    expect(merged[0].fields).toEqual(['title']);
    await fresh();
    await importData(anas());
    const held = await db.revisions.toArray();
    let n = 0;
    await expect(importData(file, { chunkSize: 1, shouldStop: () => ++n === asked })).rejects.toBeInstanceOf(
      ImportCancelledError,
    );
    expect(await db.revisions.toArray()).toEqual(held);
    expect((await db.signals.get('sig-a'))?.title).toBe('Drone shot down');
  });

  it('deletes the history with all the data', async () => {
    await db.actors.bulkAdd(actors());
    await addSignal(facts(signals()[0]), {
      intended: 60,
      displayed: null,
      perceived: 30,
      confidence: 'moderate',
      rationale: '',
    });
    expect(await db.revisions.count()).toBe(2);
    await clearAll();
    expect(await db.revisions.count()).toBe(0);
  });
});

describe('merging actors and deleting red lines keep the history of the signals they change', () => {
  const IRAN_SPELT_AGAIN = '00000000-0000-4000-8000-0000000000b2';
  const scores = {
    intended: 50,
    displayed: null,
    perceived: 50,
    confidence: 'moderate',
    rationale: '',
  } as const;
  const draft = (over: Partial<FactsDraft>): FactsDraft => ({
    ...facts(signal()),
    ...over,
  });

  beforeEach(async () => {
    await db.actors.bulkAdd([
      actor({ id: US, name: 'United States' }),
      actor({ id: IRAN, name: 'Iran' }),
      actor({ id: IRAN_SPELT_AGAIN, name: 'Islamic Republic of Iran' }),
      actor({ id: KATAIB_HEZBOLLAH, name: "Kata'ib Hezbollah" }),
    ]);
  });

  const latest = async (s: Signal) => (await historyOf(s.id))[0];

  it('records each signal an actor merge moves, with the sender or receiver it had', async () => {
    const sent = await addSignal(
      draft({ senderId: IRAN_SPELT_AGAIN, receiverId: US, title: 'sent' }),
      scores,
    );
    const received = await addSignal(
      draft({ senderId: US, receiverId: IRAN_SPELT_AGAIN, title: 'received' }),
      scores,
    );
    const untouched = await addSignal(draft({ senderId: US, receiverId: KATAIB_HEZBOLLAH }), scores);

    await mergeActor(IRAN_SPELT_AGAIN, IRAN);

    const moved = await latest(sent);
    expect(shape(moved)).toEqual({
      table: 'signals',
      recordId: sent.id,
      change: 'edit',
      origin: undefined,
      analystId: mina.id,
      fields: ['senderId'],
    });
    expect((moved.previous as Signal).senderId).toBe(IRAN_SPELT_AGAIN);
    const movedBack = await latest(received);
    expect([movedBack.fields, (movedBack.previous as Signal).receiverId]).toEqual([
      ['receiverId'],
      IRAN_SPELT_AGAIN,
    ]);
    // Logged and scored, nothing since.
    expect((await historyOf(untouched.id)).map((r) => r.change)).toEqual(['create', 'create']);
    const [entry] = await entriesOf(sent.id);
    expect(entry.what).toBe('Edited the signal: Sender.');
  });

  it('records each signal a deleted red line is cleared from', async () => {
    const line = redLine({ actorId: US, targetId: IRAN });
    await db.redLines.add(line);
    const crossing = await addSignal(draft({ senderId: IRAN, receiverId: US, redLineId: line.id }), scores);
    const other = await addSignal(draft({ senderId: IRAN, receiverId: US }), scores);

    await deleteRedLine(line.id);

    const cleared = await latest(crossing);
    expect([cleared.change, cleared.analystId, cleared.fields]).toEqual(['edit', mina.id, ['redLineId']]);
    expect((cleared.previous as Signal).redLineId).toBe(line.id);
    expect((await historyOf(other.id)).length).toBe(2);
    const [entry] = await entriesOf(crossing.id);
    expect(entry.what).toBe('Edited the signal: Crosses red line.');
  });

  it('records each signal cleared of the red lines of a deleted actor', async () => {
    const line = redLine({ actorId: KATAIB_HEZBOLLAH, targetId: US });
    await db.redLines.add(line);
    const crossing = await addSignal(draft({ senderId: IRAN, receiverId: US, redLineId: line.id }), scores);

    await deleteActor(KATAIB_HEZBOLLAH);

    const cleared = await latest(crossing);
    expect([cleared.fields, (cleared.previous as Signal).redLineId]).toEqual([['redLineId'], line.id]);
  });
});
