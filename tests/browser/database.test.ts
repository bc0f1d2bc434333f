import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { addActor } from '../../src/lib/db/actors';
import { subscribe, type Change, type ChangeMessage } from '../../src/lib/db/changes';
import { db } from '../../src/lib/db/database';
import { addSignal, deleteSignal, signalsOfDyad, updateSignal } from '../../src/lib/db/signals';
import type { SignalDraft } from '../../src/lib/domain/types';
import { DyadSeries } from '../../src/lib/state/dyad-series.svelte';
import { IRAN, US, actor, signal } from '../unit/factories';

function draft(overrides: Partial<SignalDraft> = {}): SignalDraft {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = signal(overrides);
  return rest;
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  // Every signal names its actors, and a write checks that they exist.
  await db.actors.bulkAdd([actor({ id: US, name: 'United States' }), actor({ id: IRAN, name: 'Iran' })]);
});

afterAll(() => db.close());

describe('the database in a real browser', () => {
  it("reads a dyad's signals through the compound index, in date then creation order", async () => {
    const b = await addSignal(draft({ date: '2019-12-31', title: 'b' }));
    const a = await addSignal(draft({ date: '2019-06-21', title: 'a' }));
    const c = await addSignal(draft({ date: '2019-12-31', title: 'c' }));
    await addSignal(draft({ senderId: IRAN, receiverId: US, date: '2019-01-01', title: 'mirror' }));
    expect((await signalsOfDyad(US, IRAN)).map((s) => s.id)).toEqual([a.id, b.id, c.id]);
  });

  it('keeps every field of a signal exactly as written, across a reopen', async () => {
    await addActor({ name: 'United Kingdom', code: 'UK', color: '#1d4ed8' });
    const saved = await addSignal(
      draft({
        title: 'Soleimani killed <b>at</b> Baghdad airport',
        sources: [{ label: 'Report', url: 'https://example.org/x' }],
        tags: ['iraq', 'red-line'],
        capped: true,
        notes: 'Line one\nLine two',
      }),
    );
    db.close();
    await db.open();
    expect(await db.signals.get(saved.id)).toEqual(saved);
  });

  it('patches an open dyad when a signal is saved, moved or deleted, without reading it again', async () => {
    const first = await addSignal(draft({ date: '2019-06-20' }));
    const series = new DyadSeries();
    series.select(US, IRAN);
    await expect.poll(() => series.ready).toBe(true);
    expect(series.signals.map((s) => s.id)).toEqual([first.id]);

    // Count reads of the signals table from here on: a patch makes none.
    let reads = 0;
    const original = db.signals.where.bind(db.signals);
    db.signals.where = ((...args: Parameters<typeof original>) => {
      reads++;
      return original(...args);
    }) as typeof db.signals.where;
    try {
      const earlier = await addSignal(draft({ date: '2019-05-12' }));
      expect(series.signals.map((s) => s.id)).toEqual([earlier.id, first.id]);

      await updateSignal(
        earlier.id,
        draft({ senderId: IRAN, receiverId: US, date: '2019-05-12' }),
        earlier.updatedAt,
      );
      expect(series.signals.map((s) => s.id)).toEqual([first.id]);

      await deleteSignal(first.id);
      expect(series.signals).toEqual([]);
      expect(reads).toBe(0);
    } finally {
      // Restored whatever happened above, so no later test reads through the counter.
      db.signals.where = original;
      series.reset();
    }
  });

  it("keeps the open dyad's order and tags through an edit that moves a signal and a delete", async () => {
    const a = await addSignal(draft({ date: '2019-06-20', tags: ['oil'] }));
    const b = await addSignal(draft({ date: '2019-09-14', tags: ['oil', 'drones'] }));
    const c = await addSignal(draft({ date: '2020-01-03', tags: [] }));
    const series = new DyadSeries();
    series.select(US, IRAN);
    await expect.poll(() => series.tags).toEqual(['oil', 'drones']);

    // Moved to the front: the old place must be found though the date changed.
    await updateSignal(c.id, draft({ date: '2019-01-01', tags: ['drones', 'navy'] }), c.updatedAt);
    expect(series.signals.map((s) => s.id)).toEqual([c.id, a.id, b.id]);
    expect(series.tags).toEqual(['drones', 'oil', 'navy']);

    await deleteSignal(b.id);
    expect(series.signals.map((s) => s.id)).toEqual([c.id, a.id]);
    expect(series.tags).toEqual(['drones', 'navy', 'oil']);
    series.reset();
  });

  it('hears what another tab wrote, reading the record from the database, not from the message', async () => {
    const saved = await addSignal(draft({ title: 'as stored' }));
    const heard: Change[] = [];
    const stop = subscribe((change) => heard.push(change));
    // Another tab's Parallax posts on the same channel; this tab's own channel does not hear itself.
    const otherTab = new BroadcastChannel('parallax-changes');
    try {
      otherTab.postMessage({
        table: 'signals',
        ids: [saved.id, 'deleted-meanwhile'],
      } satisfies ChangeMessage);
      await expect.poll(() => heard.length).toBe(2);
      expect(heard).toEqual([
        { table: 'signals', type: 'put', records: [saved] },
        { table: 'signals', type: 'delete', ids: ['deleted-meanwhile'] },
      ]);
    } finally {
      otherTab.close();
      stop();
    }
  });
});
