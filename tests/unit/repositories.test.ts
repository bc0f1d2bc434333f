import { beforeEach, describe, expect, it } from 'vitest';
import { addActor, listActors, updateActor } from '../../src/lib/db/actors';
import { saveAnalystName } from '../../src/lib/db/analysts';
import { subscribe, type Change } from '../../src/lib/db/changes';
import { db } from '../../src/lib/db/database';
import { addDataSet } from '../../src/lib/db/dataset';
import {
  addSignal,
  deleteSignal,
  dyadCounts,
  MissingRecordError,
  redLineCrossings,
  restoreSignal,
  signalsOfDyad,
  updateSignal,
} from '../../src/lib/db/signals';
import type { SignalDraft } from '../../src/lib/domain/types';
import { IRAN, KATAIB_HEZBOLLAH, US, actor, redLine, signal } from './factories';

function draft(overrides: Partial<SignalDraft> = {}): SignalDraft {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = signal(overrides);
  return rest;
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('signal repository', () => {
  beforeEach(async () => {
    // Every signal names its actors, and a write checks that they exist.
    await db.actors.bulkAdd([
      actor({ id: US, name: 'United States' }),
      actor({ id: IRAN, name: 'Iran' }),
      actor({ id: KATAIB_HEZBOLLAH, name: "Kata'ib Hezbollah" }),
    ]);
  });

  it("reads a dyad's signals in date order, then in the order they were logged", async () => {
    const late = await addSignal(draft({ date: '2020-01-03', title: 'late' }));
    const first = await addSignal(draft({ date: '2019-06-20', title: 'first of the day' }));
    const second = await addSignal(draft({ date: '2019-06-20', title: 'second of the day' }));
    await addSignal(draft({ senderId: IRAN, receiverId: US, title: 'other direction' }));
    const rows = await signalsOfDyad(US, IRAN);
    expect(rows.map((r) => r.title)).toEqual(['first of the day', 'second of the day', 'late']);
    expect(rows.map((r) => r.id)).toEqual([first.id, second.id, late.id]);
  });

  it('gives each new signal a UUID and equal creation and update times', async () => {
    const saved = await addSignal(draft());
    expect(saved.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(saved.createdAt).toBe(saved.updatedAt);
  });

  it('keeps the creation time on an edit and moves the update time on', async () => {
    const saved = await addSignal(draft({ intended: 40 }));
    const edited = await updateSignal(saved.id, draft({ intended: 60, title: 'renamed' }), saved.updatedAt);
    expect(edited.createdAt).toBe(saved.createdAt);
    expect(edited.updatedAt > saved.updatedAt).toBe(true);
    expect((await db.signals.get(saved.id))?.intended).toBe(60);
  });

  it('moves the update time when an edit through the form changes only the analyst’s scores', async () => {
    // A version 2 backup carries the scores on the signal: the edit must be a version a merge sees.
    const saved = await addSignal(draft({ intended: 40 }));
    const edited = await updateSignal(saved.id, draft({ intended: 60 }), saved.updatedAt);
    expect(edited.updatedAt > saved.updatedAt).toBe(true);
    expect(edited.ancestors).toEqual([saved.updatedAt]);
    expect((await db.signals.get(saved.id))?.intended).toBe(60);
    // Nothing changed: no new version.
    const again = await updateSignal(saved.id, draft({ intended: 60 }), edited.updatedAt);
    expect(again.updatedAt).toBe(edited.updatedAt);
  });

  it('refuses to edit a signal deleted meanwhile, and writes nothing', async () => {
    await expect(updateSignal('missing', draft(), '2024-01-01T00:00:00.000Z')).rejects.toBeInstanceOf(
      MissingRecordError,
    );
    expect(await db.signals.count()).toBe(0);
  });

  it('deletes a signal and puts its content back, as a version newer than the deletion', async () => {
    const saved = await addSignal(draft({ title: 'to undo', tags: ['a'] }));
    const removed = await deleteSignal(saved.id);
    expect(await db.signals.count()).toBe(0);
    const deletion = await db.deletions.get(['signals', saved.id]);
    await restoreSignal(removed);
    const { updatedAt, ancestors, ...content } = (await db.signals.get(saved.id))!;
    const { updatedAt: _before, ...savedContent } = saved;
    expect(content).toEqual(savedContent);
    expect(ancestors).toEqual([saved.updatedAt]);
    expect(Date.parse(updatedAt)).toBeGreaterThan(Date.parse(deletion!.deletedAt));
    expect(await db.deletions.count()).toBe(0);
  });

  it('announces each committed write, so views patch instead of re-reading', async () => {
    // A named analyst: no analyst is added by the writes below.
    await saveAnalystName('Dana');
    const seen: Change[] = [];
    const stop = subscribe((c) => seen.push(c));
    const saved = await addSignal(draft());
    await deleteSignal(saved.id);
    stop();
    expect(
      seen.map((c) =>
        c.type === 'reload'
          ? 'reload'
          : `${c.table}:${c.type}:${c.type === 'put' ? c.records[0].id : c.ids[0]}`,
      ),
    ).toEqual([`signals:put:${saved.id}`, `signals:delete:${saved.id}`]);
  });

  it('finds the signals that cross a red line without reading the others', async () => {
    await db.redLines.add(redLine({ id: 'line-1', actorId: IRAN, targetId: US }));
    await addSignal(draft({ title: 'plain' }));
    const crossing = await addSignal(draft({ title: 'crossing', redLineId: 'line-1' }));
    expect((await redLineCrossings()).map((s) => s.id)).toEqual([crossing.id]);
  });

  it('counts the signals of every dyad that has any', async () => {
    await addSignal(draft());
    await addSignal(draft());
    await addSignal(draft({ senderId: KATAIB_HEZBOLLAH, receiverId: US }));
    const counts = await dyadCounts([US, IRAN, KATAIB_HEZBOLLAH]);
    expect(counts.sort((a, b) => b.count - a.count)).toEqual([
      { senderId: US, receiverId: IRAN, count: 2 },
      { senderId: KATAIB_HEZBOLLAH, receiverId: US, count: 1 },
    ]);
  });
});

describe('actor repository', () => {
  it('lists actors by name and renames them', async () => {
    const iran = await addActor({ name: 'Iran', code: 'IRN', color: '#aa0000' });
    await addActor({ name: 'Bahrain', code: 'BHR', color: '#00aa00' });
    await updateActor(
      iran.id,
      { name: 'Islamic Republic of Iran', code: 'IRN', color: '#aa0000' },
      iran.updatedAt,
    );
    expect((await listActors()).map((a) => a.name)).toEqual(['Bahrain', 'Islamic Republic of Iran']);
  });
});

describe('loading a data set', () => {
  it('adds nothing twice, and reuses an actor that already exists by name', async () => {
    const mine = await addActor({ name: 'Iran', code: 'IR', color: '#123456' });
    const theirs = actor({ name: 'Iran' });
    const us = actor({ name: 'United States' });
    const line = redLine({ actorId: us.id, targetId: theirs.id });
    const s = signal({ senderId: us.id, receiverId: theirs.id, redLineId: line.id });
    const set = { actors: [theirs, us], redLines: [line], signals: [s] };

    expect(await addDataSet(set)).toBe(1);
    expect(await addDataSet(set)).toBe(0);

    expect((await listActors()).map((a) => a.id).sort()).toEqual([mine.id, us.id].sort());
    const stored = await db.signals.get(s.id);
    expect(stored?.receiverId).toBe(mine.id);
    expect((await db.redLines.get(line.id))?.targetId).toBe(mine.id);
  });

  it('keeps an analyst edit of an example signal when the example is loaded again', async () => {
    const us = actor({ name: 'United States' });
    const iran = actor({ name: 'Iran' });
    const s = signal({ senderId: us.id, receiverId: iran.id, intended: 50 });
    await addDataSet({ actors: [us, iran], redLines: [], signals: [s] });
    await db.signals.update(s.id, { intended: 65 });
    await addDataSet({ actors: [us, iran], redLines: [], signals: [s] });
    expect((await db.signals.get(s.id))?.intended).toBe(65);
  });
});
