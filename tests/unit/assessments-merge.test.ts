/**
 * Merging analysts' assessments (issue 9, item 7): matched by id, or by analyst
 * and signal; two analysts' scores never collide; only one analyst's own record
 * can be in conflict; each touched signal's consensus is written with them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { importData, readAll } from '../../src/lib/db/backup';
import { settleConflict } from '../../src/lib/db/conflicts';
import { db } from '../../src/lib/db/database';
import { checkBackup, serializeBackup, type BackupData } from '../../src/lib/domain/backup';
import { guessMapping } from '../../src/lib/domain/csv';
import { checkCsv, readCsv } from '../../src/lib/domain/csv-import';
import type { Assessment, Signal } from '../../src/lib/domain/types';
import { transfer } from '../../src/lib/state/transfer.svelte';
import { confirmBackupImport, importFile } from '../../src/lib/services/data';
import {
  ANA,
  BEN,
  assessmentOf,
  facts,
  TWO_AT,
  anasBackup as anas,
  twoActors as actors,
  twoSignals as signals,
} from './scored';

const T0 = TWO_AT;
const T1 = '2026-01-02T10:00:00.000Z';
const T2 = '2026-01-03T10:00:00.000Z';

/** Ben's file: the same signals, his own scores of them. */
function bens(): BackupData {
  const own = (s: Signal, intended: number, displayed: number | null, perceived: number): Assessment => ({
    ...assessmentOf({ ...s, intended, perceived, confidence: 'moderate' }, BEN, displayed),
    createdAt: T1,
    updatedAt: T1,
  });
  const [a, b] = signals();
  return structuredClone({
    actors: actors(),
    redLines: [],
    analysts: [BEN],
    signals: [facts(a), facts(b)],
    assessments: [own(a, 50, 90, 31), own(b, 30, null, 60)],
  });
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  transfer.reset();
});

describe('two analysts exchange backups', () => {
  it('keeps both analysts’ scores, and each signal’s consensus is their mean', async () => {
    await importData(anas());
    const outcome = await importData(bens());
    expect(outcome.assessments.added.count).toBe(2);
    expect(outcome.assessments.conflicts.count).toBe(0);
    expect(outcome.analysts.added.names).toEqual(['“Ben”']);
    expect(outcome.signals.unchanged).toBe(2);
    expect(await db.assessments.count()).toBe(4);

    // sig-a: Ana 70 / – / 40 high (3), Ben 50 / 90 / 31 moderate (2).
    const a = await db.signals.get('sig-a');
    expect(a).toMatchObject({
      intended: 60,
      displayed: 90,
      perceived: 35.5,
      weight: 2.5,
      // 2.5 lies as near moderate as high: a tie goes to the lower.
      confidence: 'moderate',
    });
    expect(a?.scores?.map((s) => [s.analystId, s.intended, s.displayed, s.perceived])).toEqual([
      [ANA.id, 70, null, 40],
      [BEN.id, 50, 90, 31],
    ]);
    // The signal's facts and stamp are as they were.
    expect(a).toMatchObject({ title: 'Drone shot down', updatedAt: T0 });
    // sig-b: Ana 20 / 60 low (1), Ben 30 / 60 moderate (2).
    expect(await db.signals.get('sig-b')).toMatchObject({
      intended: 25,
      displayed: null,
      perceived: 60,
      weight: 1.5,
      confidence: 'low',
    });

    // And the other way round: Ben's database takes Ana's backup to the same state.
    const mine = await readAll();
    await db.delete();
    await db.open();
    await importData(bens());
    await importData(anas());
    const theirs = await readAll();
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(theirs.assessments)).toEqual(byId(mine.assessments));
    expect(byId(theirs.signals)).toEqual(byId(mine.signals));
  });

  it('places each assessment by its versions: an edit outside Parallax, a newer one, a stale one, a conflict', async () => {
    await importData(anas());
    await importData(bens());
    // Ana edits sig-a here at T2 (from T0); her file brings sig-a edited at T1 from T0 (a conflict),
    // and sig-b edited by hand with its stamp untouched (an edit outside Parallax).
    const [a, b] = (await db.assessments.toArray()).filter((x) => x.analystId === ANA.id);
    await db.assessments.put({ ...a, intended: 90, updatedAt: T2, ancestors: [T0] });
    const file = anas();
    file.assessments[0] = { ...file.assessments[0], intended: 10, updatedAt: T1, ancestors: [T0] };
    file.assessments[1] = { ...file.assessments[1], rationale: 'typed in a spreadsheet' };
    const outcome = await importData(file);
    expect(outcome.assessments.conflicts.names).toEqual(["“Ana's scores of ‘Drone shot down’”"]);
    expect(outcome.assessments.updated.names).toEqual([
      "“Ana's scores of ‘Strike called off’” (edited outside Parallax)",
    ]);
    expect(outcome.conflicts).toHaveLength(1);
    expect(outcome.conflicts[0]).toMatchObject({
      table: 'assessments',
      local: { intended: 90 },
      incoming: { intended: 10 },
    });
    expect(await db.assessments.get(b.id)).toMatchObject({
      rationale: 'typed in a spreadsheet',
      ancestors: [T0],
    });

    // Taking the file's version rewrites the signal's consensus with it: (10 + 50) / 2.
    await settleConflict(outcome.conflicts[0], 'theirs');
    expect(await db.assessments.get(a.id)).toMatchObject({ intended: 10 });
    expect(await db.signals.get('sig-a')).toMatchObject({ intended: 30, updatedAt: T0 });

    // An older copy of Ben's is left alone once he has moved on.
    const newer = (await db.assessments.toArray()).find(
      (x) => x.analystId === BEN.id && x.signalId === 'sig-b',
    )!;
    await db.assessments.put({ ...newer, intended: 35, updatedAt: T2, ancestors: [T1] });
    const stale = await importData(bens());
    expect(stale.assessments.leftAlone.names).toEqual([
      "“Ben's scores of ‘Strike called off’” (yours is newer)",
    ]);
  });

  it('matches an older file’s scores to the assessment already here by analyst and signal, not by a new id', async () => {
    await importData(anas());
    // A version 2 file of the same signals, as Ana's: the same scores under new ids.
    const v2 = {
      format: 'parallax',
      version: 2,
      analyst: 'Ana',
      actors: actors(),
      redLines: [],
      signals: signals(),
      deletions: [],
    };
    const known = { actors: [], redLines: [], analysts: [ANA], hasSignal: () => true };
    const checked = checkBackup(JSON.parse(JSON.stringify(v2)), known);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.data.assessments.map((x) => x.id)).not.toContain(anas().assessments[0].id);
    const outcome = await importData(checked.data);
    expect(outcome.assessments.unchanged).toBe(2);
    expect(await db.assessments.count()).toBe(2);
  });
});

describe('assessments of deleted signals', () => {
  it('drops the file’s assessments of a signal deleted here, and deletes ours of a signal the file deletes', async () => {
    await importData(anas());
    // Deleted here after the file was written: its copy is no newer than the deletion.
    await db.transaction('rw', db.signals, db.deletions, db.assessments, async () => {
      await db.signals.delete('sig-b');
      await db.assessments.where('[signalId+analystId]').between(['sig-b', ''], ['sig-b', '\uffff']).delete();
      await db.deletions.put({ table: 'signals', id: 'sig-b', deletedAt: T2 });
    });
    const file = bens();
    file.deletions = [{ table: 'signals', id: 'sig-a', deletedAt: T2 }];
    file.signals = [file.signals[1]];
    const outcome = await importData(file);
    expect(outcome.signals.deleted.names).toEqual(['“Drone shot down”']);
    expect(outcome.assessments.leftAlone.names).toEqual([
      "“Ben's scores of ‘Drone shot down’” (its signal is deleted)",
      "“Ben's scores of ‘Strike called off’” (its signal is deleted)",
    ]);
    expect(await db.signals.count()).toBe(0);
    expect(await db.assessments.count()).toBe(0);
  });
});

describe('bad input writes nothing', () => {
  it('refuses a backup with an assessment by an analyst it does not hold, with place and field', async () => {
    await importData(anas());
    const before = await readAll();
    const file = bens();
    file.assessments[1] = { ...file.assessments[1], analystId: 'nobody' };
    await importFile(new File([serializeBackup(file, T2)], 'ben.json'));
    expect(transfer.issues.map((i) => `${i.place}.${i.field}: ${i.message}`)).toEqual([
      'assessments[1].analystId: names no analyst in the file or here',
    ]);
    await confirmBackupImport().catch(() => undefined);
    expect(await readAll()).toEqual(before);
  });
});

describe('a spreadsheet’s rows meet the assessments already here', () => {
  /** Ana's row of sig-a as a spreadsheet holds it: no times of the assessment's own. */
  const sheet = (perceived: number) => {
    const text =
      'date,sender,receiver,title,kind,analyst,intended,displayed,perceived,confidence,id,created_at,updated_at\n' +
      `2019-06-20,United States,Iran,Drone shot down,statement,Ana,70,,${perceived},high,sig-a,${T0},${T0}\n`;
    const table = readCsv(text);
    const known = { actors: actors(), redLines: [], analysts: [ANA] };
    const result = checkCsv(table, guessMapping(table.headers), { known, now: T2, newId: () => 'row-id' });
    if (!result.ok) throw new Error(result.summary);
    return result.data;
  };

  it('an unchanged row is unchanged, and an edited score is that version edited outside Parallax, never a conflict', async () => {
    // Ana scored the signals a day after they were logged: her assessments' times are not the signals'.
    const scoredLater = anas();
    scoredLater.assessments = scoredLater.assessments.map((a) => ({ ...a, createdAt: T1, updatedAt: T1 }));
    await importData(scoredLater);
    const same = await importData(sheet(40));
    expect(same.assessments.unchanged).toBe(1);
    expect(same.conflicts).toEqual([]);

    const edited = await importData(sheet(45));
    expect(edited.assessments.updated.names).toEqual([
      "“Ana's scores of ‘Drone shot down’” (edited outside Parallax)",
    ]);
    expect(edited.conflicts).toEqual([]);
    const [held] = (await db.assessments.toArray()).filter((a) => a.signalId === 'sig-a');
    expect(held).toMatchObject({ id: 'sig-a~Ana', perceived: 45, createdAt: T1, ancestors: [T1] });
    expect(await db.signals.get('sig-a')).toMatchObject({ perceived: 45, updatedAt: T0 });
  });
});

describe('one analyst’s scores made apart in two places', () => {
  it('are one assessment: the same scores are unchanged, newer ones of a version never edited replace it, never a second assessment', async () => {
    await importData(anas());
    // Ana's scores of sig-a made again elsewhere, under another id, a day later.
    const apart = anas();
    apart.assessments = [{ ...apart.assessments[0], id: 'made-elsewhere', createdAt: T1, updatedAt: T1 }];
    expect((await importData(structuredClone(apart))).assessments.unchanged).toBe(1);
    apart.assessments[0].intended = 10;
    const outcome = await importData(apart);
    expect(outcome.assessments.updated.count).toBe(1);
    expect(await db.assessments.count()).toBe(2);
    expect(await db.assessments.get('sig-a~Ana')).toMatchObject({
      intended: 10,
      createdAt: T0,
      updatedAt: T1,
    });
  });
});
