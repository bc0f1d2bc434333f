/**
 * Version stamps, deletion records and merges on the database (fake IndexedDB):
 * every write path stamps with nextVersion, every delete leaves a record that
 * travels, and a merge keeps every analyst's edit.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { addActor, updateActor, updateRedLine } from '../../src/lib/db/actors';
import { importData as importBackup, readAll, type WriteOptions } from '../../src/lib/db/backup';
import { settleConflict } from '../../src/lib/db/conflicts';
import { db } from '../../src/lib/db/database';
import { addDataSet } from '../../src/lib/db/dataset';
import { deleteSignal, restoreSignal, updateSignal } from '../../src/lib/db/signals';
import type { Actor, Deletion, RedLine, Signal } from '../../src/lib/domain/types';
import { describeError } from '../../src/lib/services/errors';
import { IRAN, KATAIB_HEZBOLLAH, US, actor, redLine, signal } from './factories';
import { facts, scored } from './scored';

const T0 = '2026-01-01T10:00:00.000Z';
const T1 = '2026-01-02T10:00:00.000Z';
const FUTURE = '9999-12-31T00:00:00.000Z';

/** Records as the factories make them, scores on the signal. */
interface Records {
  actors: Actor[];
  redLines: RedLine[];
  signals: Signal[];
  deletions?: Deletion[];
}

/** Imports these records as a backup of version 3 would bring them: each signal scored by one analyst. */
const importData = (records: Records, options?: WriteOptions) =>
  importBackup(structuredClone(scored(records)), options);

function base(): Records {
  return {
    actors: [
      actor({ id: US, name: 'United States', createdAt: T0, updatedAt: T0 }),
      actor({ id: IRAN, name: 'Iran', createdAt: T0, updatedAt: T0 }),
    ],
    redLines: [redLine({ id: 'line', actorId: US, targetId: IRAN, createdAt: T0, updatedAt: T0 })],
    signals: [
      signal({ id: 'sig-a', title: 'Drone shot down', perceived: 40, createdAt: T0, updatedAt: T0 }),
      signal({ id: 'sig-b', title: 'Strike called off', createdAt: T0, updatedAt: T0 }),
    ],
  };
}

const copy = <T>(x: T): T => structuredClone(x);
const { id: _id, createdAt: _c, updatedAt: _u, ...signalDraft } = signal();

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('every edit is stamped as a new version of the one it replaces', () => {
  it('an edit of a signal stamped in the future moves its time forward, never back, and remembers it', async () => {
    await importData({ ...base(), signals: [signal({ id: 'sig', createdAt: T0, updatedAt: FUTURE })] });
    const edited = await updateSignal('sig', { ...signalDraft, title: 'Edited' }, FUTURE);
    expect(edited.updatedAt).toBe('9999-12-31T00:00:00.001Z');
    expect(edited.ancestors).toEqual([FUTURE]);
    expect(await db.signals.get('sig')).toEqual(edited);
  });

  it('edits of actors and red lines record their ancestry too', async () => {
    await importData(base());
    const us = await updateActor(US, { name: 'United States', code: 'USA', color: '#123456' }, T0);
    expect(us.ancestors).toEqual([T0]);
    expect(Date.parse(us.updatedAt)).toBeGreaterThan(Date.parse(T0));
    const again = await updateActor(
      US,
      { name: 'United States', code: 'US', color: '#123456' },
      us.updatedAt,
    );
    expect(again.ancestors).toEqual([us.updatedAt, T0]);
    const line = await updateRedLine(
      'line',
      {
        actorId: US,
        targetId: IRAN,
        text: 'An attack on the embassy',
        declared: '2019-12-01',
      },
      T0,
    );
    expect(line.ancestors).toEqual([T0]);
  });
});

describe('ancestry from a file', () => {
  it('keeps the newest 50 ancestors of a record, however many the file lists', async () => {
    // 60 earlier versions, one a day before T0, newest first.
    const long = Array.from({ length: 60 }, (_, i) =>
      new Date(Date.parse(T0) - (i + 1) * 86_400_000).toISOString(),
    );
    await importData({ ...base(), signals: [{ ...base().signals[0], ancestors: long }] });
    expect((await db.signals.get('sig-a'))?.ancestors).toEqual(long.slice(0, 50));
  });
});

describe('actor names stay unique on every update', () => {
  it('refuses to rename an actor to another actor’s name, whatever its case and spaces, and writes nothing', async () => {
    await importData(base());
    const error = await updateActor(US, { name: ' iran ', code: 'X', color: '#123456' }, T0).catch(
      (e: unknown) => e,
    );
    expect(describeError(error, 'save the actor')).toBe(
      'Could not save the actor: another actor is already called “Iran”; choose another name. Nothing was written.',
    );
    expect((await db.actors.get(US))?.name).toBe('United States');
  });

  it('a merge that renames an actor to another’s name is refused with a sentence, and the rest merges', async () => {
    await importData(base());
    const file = copy(base());
    file.actors[0] = { ...file.actors[0], name: 'Iran', updatedAt: T1, ancestors: [T0] };
    file.signals[0] = { ...file.signals[0], perceived: 60, updatedAt: T1, ancestors: [T0] };
    const outcome = await importData(file);
    expect(outcome.refused).toEqual([
      'Actor “United States” was not renamed “Iran”: another actor here is called “Iran”. Rename one of them, then import the file again.',
    ]);
    expect((await db.actors.toArray()).map((a) => a.name).sort()).toEqual(['Iran', 'United States']);
    expect((await db.signals.get('sig-a'))?.perceived).toBe(60);
  });
});

describe('deletion records', () => {
  it('a delete writes its record in the same transaction, and an undo removes it', async () => {
    await importData(base());
    const removed = await deleteSignal('sig-a');
    const deletion = await db.deletions.get(['signals', 'sig-a']);
    expect(deletion?.table).toBe('signals');
    expect(Date.parse(deletion!.deletedAt)).toBeGreaterThan(Date.parse(T0));
    await restoreSignal(removed);
    expect(await db.deletions.count()).toBe(0);
  });

  it('a delete that fails writes no deletion record', async () => {
    await importData(base());
    const realDelete = db.signals.delete.bind(db.signals);
    db.signals.delete = () => {
      throw new Error('injected');
    };
    try {
      await expect(deleteSignal('sig-a')).rejects.toThrow('injected');
    } finally {
      db.signals.delete = realDelete;
    }
    expect(await db.deletions.count()).toBe(0);
    expect(await db.signals.count()).toBe(2);
  });

  it('travels in the backup, and an older copy of the record never brings it back', async () => {
    await importData(base());
    const older = copy(base()); // a backup made before the delete
    await deleteSignal('sig-a');
    const deletion = (await db.deletions.toArray())[0];
    expect((await readAll()).deletions).toEqual([deletion]);

    const outcome = await importData(older);
    expect(outcome.signals.leftAlone).toEqual({ count: 1, names: ['“Drone shot down” (deleted here)'] });
    expect(outcome.signals.unchanged).toBe(1);
    expect(await db.signals.get('sig-a')).toBeUndefined();
  });

  it('a copy edited after the deletion comes back, and the deletion goes', async () => {
    await importData(base());
    await deleteSignal('sig-a');
    const later = copy(base());
    later.signals[0] = { ...later.signals[0], notes: 'edited later', updatedAt: FUTURE, ancestors: [T0] };
    const outcome = await importData(later);
    expect(outcome.signals.added.names).toEqual(['“Drone shot down”']);
    expect((await db.signals.get('sig-a'))?.notes).toBe('edited later');
    expect(await db.deletions.count()).toBe(0);
  });

  it('a merge applies a deletion newer than the local record, counts it by name and keeps it', async () => {
    await importData(base());
    const file = { ...copy(base()), signals: [copy(base()).signals[1]] };
    file.deletions = [{ table: 'signals', id: 'sig-a', deletedAt: T1 }];
    const outcome = await importData(file);
    expect(outcome.signals.deleted).toEqual({ count: 1, names: ['“Drone shot down”'] });
    expect(await db.signals.get('sig-a')).toBeUndefined();
    expect(await db.deletions.toArray()).toEqual([{ table: 'signals', id: 'sig-a', deletedAt: T1 }]);
  });

  it('a deletion older than an edit made here leaves the record, and says so', async () => {
    await importData(base());
    await updateSignal('sig-a', { ...signalDraft, title: 'Drone shot down', notes: 'mine' }, T0);
    const file = {
      ...copy(base()),
      signals: [],
      deletions: [{ table: 'signals' as const, id: 'sig-a', deletedAt: T1 }],
    };
    const outcome = await importData(file);
    expect(outcome.signals.leftAlone.names).toEqual([
      '“Drone shot down” (deleted in the file, edited here since)',
    ]);
    expect((await db.signals.get('sig-a'))?.notes).toBe('mine');
    expect(await db.deletions.count()).toBe(0);
  });

  it('a deleted red line still crossed by a signal here stays; one no longer used goes', async () => {
    await importData({
      ...base(),
      signals: [signal({ id: 'x', redLineId: 'line', createdAt: T0, updatedAt: T0 })],
    });
    await importData({
      ...base(),
      signals: [],
      redLines: [redLine({ id: 'unused', createdAt: T0, updatedAt: T0 })],
    });
    const file = {
      actors: [],
      redLines: [],
      signals: [],
      deletions: [
        { table: 'redLines' as const, id: 'line', deletedAt: T1 },
        { table: 'redLines' as const, id: 'unused', deletedAt: T1 },
        { table: 'actors' as const, id: IRAN, deletedAt: T1 },
      ],
    };
    const outcome = await importData(file);
    expect(outcome.redLines.leftAlone.names).toEqual([
      '“An attack that kills an American” (deleted in the file, still used here)',
    ]);
    expect(outcome.redLines.deleted.count).toBe(1);
    expect(outcome.actors.leftAlone.names).toEqual(['“Iran” (deleted in the file, still used here)']);
    expect((await db.redLines.toArray()).map((r) => r.id)).toEqual(['line']);
    expect(await db.actors.count()).toBe(2);
  });

  it('the example does not bring back a signal the analyst deleted', async () => {
    const set = { actors: base().actors, redLines: base().redLines, signals: base().signals };
    await addDataSet(copy(set));
    await deleteSignal('sig-a');
    expect(await addDataSet(copy(set))).toBe(0);
    expect(await db.signals.get('sig-a')).toBeUndefined();
  });
});

describe('two analysts who each edit one signal and exchange backups', () => {
  it('both see the conflict, and after each chooses, the next exchange agrees without one', async () => {
    // Both start from the same backup; each edits sig-a from T0.
    await importData(base());
    const mine = await updateSignal('sig-a', { ...signalDraft, title: 'Drone shot down', notes: 'mine' }, T0);
    const theirs: Signal = { ...base().signals[0], notes: 'theirs', updatedAt: T1, ancestors: [T0] };

    const outcome = await importData({ ...copy(base()), signals: [copy(theirs)] });
    expect(outcome.signals.conflicts).toEqual({ count: 1, names: ['“Drone shot down”'] });
    expect(outcome.conflicts).toHaveLength(1);
    expect((await db.signals.get('sig-a'))?.notes).toBe('mine');

    const held = await db.signals.get('sig-a');
    const settled = (await settleConflict(outcome.conflicts[0], 'theirs')) as Signal;
    expect(settled.notes).toBe('theirs');
    // The file's version is facts only: the signal keeps its consensus.
    expect([settled.perceived, settled.scores]).toEqual([held?.perceived, held?.scores]);
    expect(settled.ancestors?.slice(0, 2).sort()).toEqual([mine.updatedAt, T1].sort());

    // The colleague, still holding their version, takes the settled one from our next backup.
    await db.delete();
    await db.open();
    await importData({ ...copy(base()), signals: [copy(theirs)] });
    const back = await importBackup(
      structuredClone({ ...scored({ ...base(), signals: [theirs] }), signals: [facts(settled)] }),
    );
    expect(back.signals.updated.count).toBe(1);
    expect(back.conflicts).toEqual([]);
  });

  it('refuses to settle a conflict whose local record changed since the import showed it', async () => {
    await importData(base());
    const first = await updateSignal(
      'sig-a',
      { ...signalDraft, title: 'Drone shot down', notes: 'mine' },
      T0,
    );
    const theirs: Signal = { ...base().signals[0], notes: 'theirs', updatedAt: T1, ancestors: [T0] };
    const { conflicts } = await importData({ ...copy(base()), signals: [theirs] });
    await updateSignal(
      'sig-a',
      { ...signalDraft, title: 'Drone shot down', notes: 'mine, again' },
      first.updatedAt,
    );
    const error = await settleConflict(conflicts[0], 'theirs').catch((e: unknown) => e);
    expect(describeError(error, 'take the file’s version')).toMatch(
      /^Could not take the file’s version: “Drone shot down” was changed here after the import/,
    );
    expect((await db.signals.get('sig-a'))?.notes).toBe('mine, again');
  });

  it('taking the file’s version of an actor never gives two actors one name', async () => {
    await importData({
      ...base(),
      actors: [...base().actors, actor({ id: KATAIB_HEZBOLLAH, name: 'KH', createdAt: T0, updatedAt: T0 })],
    });
    await updateActor(KATAIB_HEZBOLLAH, { name: 'Kataib', code: 'KH', color: '#123456' }, T0);
    const theirs = actor({
      id: KATAIB_HEZBOLLAH,
      name: 'KH',
      code: 'KHZ',
      createdAt: T0,
      updatedAt: T1,
      ancestors: [T0],
    });
    const { conflicts } = await importData({ actors: [theirs], redLines: [], signals: [] });
    expect(conflicts.map((c) => c.name)).toEqual(['Kataib']);
    await addActor({ name: 'KH', code: 'K', color: '#654321' });
    await expect(settleConflict(conflicts[0], 'theirs')).rejects.toThrow(/already called “KH”/);
  });
});
