import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publish, resyncWhenShown, type Change } from '../../src/lib/db/changes';
import { addRedLine, updateActor, updateRedLine } from '../../src/lib/db/actors';
import { DanglingReferenceError, importData } from '../../src/lib/db/backup';
import { db } from '../../src/lib/db/database';
import {
  addSignal,
  deleteSignal,
  MissingRecordError,
  MissingReferenceError,
  RestoreRefusedError,
  restoreSignal,
  StaleRecordError,
  updateSignal,
} from '../../src/lib/db/signals';
import { compareSignals, indexOfUnedited } from '../../src/lib/domain/window';
import type { Signal, SignalDraft } from '../../src/lib/domain/types';
import { keepMyEdit, saveSignal } from '../../src/lib/services/signals';
import { AllSignals } from '../../src/lib/state/all-signals.svelte';
import { catalog } from '../../src/lib/state/catalog.svelte';
import { notices } from '../../src/lib/state/notices.svelte';
import { PatchedCollection, recordPatch } from '../../src/lib/state/patched-collection.svelte';
import { IRAN, KATAIB_HEZBOLLAH, US, actor, redLine, signal } from '../unit/factories';
import { facts, scored } from '../unit/scored';

function draft(overrides: Partial<SignalDraft> = {}): SignalDraft {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = signal(overrides);
  return rest;
}

/** A promise the test settles when it chooses: a read held open. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const byTitle = (a: Signal, b: Signal) => a.title.localeCompare(b.title);

beforeEach(async () => {
  notices.reset();
  await db.delete();
  await db.open();
  await db.actors.bulkAdd([
    actor({ id: US, name: 'United States' }),
    actor({ id: IRAN, name: 'Iran' }),
    actor({ id: KATAIB_HEZBOLLAH, name: "Kata'ib Hezbollah" }),
  ]);
});

afterAll(() => db.close());

describe('a patched collection', () => {
  function collection(read: () => Promise<Signal[]>) {
    return new PatchedCollection<Signal>({
      read,
      key: (s) => s.id,
      order: byTitle,
      patch: (change) => recordPatch<Signal>('signals', change),
    });
  }

  it('applies a change that arrives during a read after the read, not before it', async () => {
    const a = signal({ title: 'a' });
    const b = signal({ title: 'b' });
    const c = signal({ title: 'c' });
    const read = deferred<Signal[]>();
    const list = collection(() => read.promise);
    list.listen();
    const loading = list.load();

    // The read saw a and b; meanwhile c was saved and b deleted.
    publish({ table: 'signals', type: 'put', records: [c] });
    publish({ table: 'signals', type: 'delete', ids: [b.id] });
    expect(list.items).toEqual([]);

    read.resolve([a, b]);
    await loading;
    expect(list.items.map((s) => s.title)).toEqual(['a', 'c']);
    list.reset();
  });

  it('ends the same whether or not the read already saw the change', async () => {
    const a = signal({ title: 'a' });
    const edited = { ...a, title: 'a, edited', updatedAt: '2030-01-01T00:00:00.000Z' };
    const read = deferred<Signal[]>();
    const list = collection(() => read.promise);
    list.listen();
    const loading = list.load();
    publish({ table: 'signals', type: 'put', records: [edited] });
    // The read ran after the edit: it holds the edited version already.
    read.resolve([edited]);
    await loading;
    expect(list.items).toEqual([edited]);
    list.reset();
  });

  it('applies changes in the order they came, even when a patch has to read first', async () => {
    const reads: ReturnType<typeof deferred<{ remove: string[]; add: string[] }>>[] = [];
    const keys = new PatchedCollection<string>({
      read: async () => ['x'],
      key: (k) => k,
      patch: (change) => {
        if (change.type === 'reload' || change.type === 'delete') return null;
        const pending = deferred<{ remove: string[]; add: string[] }>();
        reads.push(pending);
        return pending.promise;
      },
    });
    await keys.load();
    const put = (id: string): Change => ({ table: 'signals', type: 'put', records: [signal({ id })] });
    keys.apply(put('first'));
    keys.apply(put('second'));
    // The second patch waits for the first to be applied.
    expect(reads).toHaveLength(1);
    reads[0].resolve({ remove: [], add: ['first'] });
    await expect.poll(() => reads.length).toBe(2);
    expect(keys.items).toEqual(['x', 'first']);
    reads[1].resolve({ remove: ['x'], add: ['second'] });
    await expect.poll(() => keys.items).toEqual(['first', 'second']);
  });

  it("finds a put's held version by binary search where the source can say where it is, and scans only for the rest", async () => {
    // 1,000 signals of one dyad, one a day, in dyad order (dates, then creation times).
    const held = Array.from({ length: 1000 }, (_, i) =>
      signal({
        id: `s${String(i).padStart(4, '0')}`,
        date: new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10),
      }),
    );
    let keysRead = 0;
    const list = new PatchedCollection<Signal>({
      read: async () => held.slice(),
      key: (s) => (keysRead++, s.id),
      order: compareSignals,
      locate: indexOfUnedited,
      readInOrder: true,
      patch: (change) => recordPatch<Signal>('signals', change),
    });
    await list.load();

    // A new signal: no key read, and it lands at its date.
    const fresh = signal({ id: 'new', date: '2000-01-03' });
    list.apply({ table: 'signals', type: 'put', records: [fresh] });
    expect(keysRead).toBe(0);
    expect(list.items.slice(0, 4).map((s) => s.id)).toEqual(['s0000', 's0001', 's0002', 'new']);

    // The same signal again, unchanged (another tab's message, a replay): replaced in place, not doubled.
    list.apply({ table: 'signals', type: 'put', records: [{ ...fresh }] });
    expect(keysRead).toBe(0);
    expect(list.items).toHaveLength(1001);

    // An edit may have moved its date: the old version is found by its key.
    const moved = { ...held[500], date: '2010-01-01', updatedAt: '2030-01-01T00:00:00.000Z' };
    list.apply({ table: 'signals', type: 'put', records: [moved] });
    expect(keysRead).toBeGreaterThan(0);
    expect(list.items).toHaveLength(1001);
    expect(list.items.filter((s) => s.id === held[500].id)).toEqual([moved]);
    expect(list.items.at(-1)).toBe(moved);
  });

  it('reads once more, not once per change, when "reload" arrives during a read', async () => {
    let reads = 0;
    const first = deferred<Signal[]>();
    const list = collection(() =>
      ++reads === 1 ? first.promise : Promise.resolve([signal({ title: 'fresh' })]),
    );
    list.listen();
    const loading = list.load();
    publish({ type: 'reload' });
    publish({ type: 'reload' });
    first.resolve([signal({ title: 'stale' })]);
    await loading;
    await expect.poll(() => list.items.map((s) => s.title)).toEqual(['fresh']);
    expect(reads).toBe(2);
    list.reset();
  });
});

describe('a tab shown again', () => {
  it('reads again what it may have missed, on pageshow from the back-forward cache and on becoming visible', async () => {
    const seen = await addSignal(draft({ title: 'seen' }));
    const list = new AllSignals();
    list.ensure();
    await expect.poll(() => list.list.map((s) => s.id)).toEqual([seen.id]);
    const stop = resyncWhenShown();
    try {
      // Written while this tab was frozen: no message reached it.
      const missed = await db.signals.add({ ...signal({ title: 'missed while frozen' }) });
      expect(list.list).toHaveLength(1);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await expect.poll(() => list.list.map((s) => s.id).sort()).toEqual([seen.id, missed].sort());

      await db.signals.delete(seen.id);
      document.dispatchEvent(new Event('visibilitychange'));
      await expect.poll(() => list.list.map((s) => s.id)).toEqual([missed]);
    } finally {
      stop();
      list.reset();
    }
  });
});

describe('a write checks the version it started from and every reference, in its transaction', () => {
  it('refuses an edit made from a version another tab has replaced, and writes nothing', async () => {
    const opened = await addSignal(draft({ title: 'Drone downed', notes: '' }));
    // Another tab changes the title first.
    const theirs = await updateSignal(opened.id, draft({ title: 'Global Hawk shot down' }), opened.updatedAt);

    const refused = updateSignal(
      opened.id,
      draft({ title: 'Drone downed', notes: 'mine' }),
      opened.updatedAt,
    );
    await expect(refused).rejects.toBeInstanceOf(StaleRecordError);
    await expect(refused).rejects.toHaveProperty('current', theirs);
    expect(await db.signals.get(opened.id)).toEqual(theirs);
  });

  it("refuses an edit made before a colleague's newer version arrived by import", async () => {
    const opened = await addSignal(draft({ title: 'Drone downed' }));
    const colleagues = {
      ...opened,
      title: 'Drone downed (colleague)',
      updatedAt: '2030-01-01T00:00:00.000Z',
      ancestors: [opened.updatedAt],
    };
    await importData({
      actors: [],
      redLines: [],
      analysts: [],
      assessments: [],
      signals: [facts(structuredClone(colleagues))],
    });
    expect(await db.signals.get(opened.id)).toEqual(colleagues);

    const refused = updateSignal(
      opened.id,
      draft({ title: 'Drone downed', notes: 'mine' }),
      opened.updatedAt,
    );
    await expect(refused).rejects.toHaveProperty('current', colleagues);
    expect(await db.signals.get(opened.id)).toEqual(colleagues);
  });

  it('refuses an edit of a signal another tab deleted', async () => {
    const opened = await addSignal(draft());
    await deleteSignal(opened.id);
    await expect(updateSignal(opened.id, draft({ title: 'mine' }), opened.updatedAt)).rejects.toBeInstanceOf(
      MissingRecordError,
    );
    expect(await db.signals.count()).toBe(0);
  });

  it('refuses a signal whose sender, receiver or red line no longer exists', async () => {
    const line = redLine({ actorId: US, targetId: IRAN });
    await db.redLines.add(line);
    await db.actors.delete(KATAIB_HEZBOLLAH);
    await expect(addSignal(draft({ senderId: KATAIB_HEZBOLLAH, receiverId: US }))).rejects.toThrow(
      'The sender no longer exists',
    );
    await expect(addSignal(draft({ senderId: US, receiverId: KATAIB_HEZBOLLAH }))).rejects.toThrow(
      'The receiver no longer exists',
    );
    await expect(addSignal(draft({ redLineId: 'a-deleted-line' }))).rejects.toThrow(
      'The red line no longer exists',
    );
    // A red line whose own actor is gone.
    await db.redLines.add(redLine({ id: 'orphan-line', actorId: KATAIB_HEZBOLLAH, targetId: US }));
    await expect(addSignal(draft({ redLineId: 'orphan-line' }))).rejects.toBeInstanceOf(
      MissingReferenceError,
    );
    expect(await db.signals.count()).toBe(0);
  });

  it('refuses an edit of an actor or a red line made from a replaced version, and a line whose actor is gone', async () => {
    const iran = (await db.actors.get(IRAN))!;
    const theirs = await updateActor(
      IRAN,
      { name: 'Islamic Republic of Iran', code: 'IRN', color: '#aa0000' },
      iran.updatedAt,
    );
    await expect(
      updateActor(IRAN, { name: 'Iran', code: 'IR', color: '#00aa00' }, iran.updatedAt),
    ).rejects.toBeInstanceOf(StaleRecordError);
    expect(await db.actors.get(IRAN)).toEqual(theirs);

    const line = await addRedLine({
      actorId: US,
      targetId: IRAN,
      text: 'No attack on the embassy',
      declared: '2019-12-01',
    });
    const edited = await updateRedLine(line.id, { ...line, text: 'No American killed' }, line.updatedAt);
    await expect(updateRedLine(line.id, { ...line, text: 'mine' }, line.updatedAt)).rejects.toHaveProperty(
      'current',
      edited,
    );
    await expect(
      addRedLine({ actorId: 'a-deleted-actor', targetId: IRAN, text: 'orphan', declared: '2019-12-01' }),
    ).rejects.toThrow('The actor who drew the line no longer exists');
    expect(await db.redLines.count()).toBe(1);
  });

  it('never lets Undo put the pre-delete copy over a version that came back meanwhile', async () => {
    const original = await addSignal(draft({ title: 'Tankers attacked' }));
    const removed = await deleteSignal(original.id);
    // A newer version of the same signal arrives (another tab kept its edit, or an import).
    const newer = {
      ...original,
      title: 'Tankers attacked in the Gulf of Oman',
      updatedAt: '2030-01-01T00:00:00.000Z',
    };
    await db.signals.add(newer);

    await expect(restoreSignal(removed)).rejects.toBeInstanceOf(RestoreRefusedError);
    expect(await db.signals.get(original.id)).toEqual(newer);
  });

  it('puts a deleted signal back when nothing came back meanwhile', async () => {
    const original = await addSignal(draft({ title: 'Tankers attacked' }));
    const removed = await deleteSignal(original.id);
    await restoreSignal(removed);
    // Its content as it was, stamped as a version newer than its deletion.
    const { updatedAt, ancestors, ...restored } = (await db.signals.get(original.id))!;
    const { updatedAt: before, ...content } = original;
    expect(restored).toEqual(content);
    expect(ancestors).toEqual([before]);
    expect(Date.parse(updatedAt)).toBeGreaterThan(Date.parse(before));
  });

  it('refuses an import whose signals name actors deleted after the file was checked, and writes nothing', async () => {
    // The file was checked while United States and Iran existed, so it brings no actors of its own.
    const rows = [signal({ title: 'row 1' }), signal({ title: 'row 2' })];
    // Another tab deleted all data meanwhile.
    await db.transaction('rw', db.actors, db.redLines, db.signals, () =>
      Promise.all([db.actors.clear(), db.redLines.clear(), db.signals.clear()]),
    );
    const write = importData(scored({ actors: [], redLines: [], signals: rows }));
    await expect(write).rejects.toBeInstanceOf(DanglingReferenceError);
    await expect(write).rejects.toThrow('the signal “row 1” names a sender that no longer exists');
    expect([await db.actors.count(), await db.signals.count()]).toEqual([0, 0]);
  });
});

describe('saving from the signal form', () => {
  let stopCatalog: () => void = () => {};
  beforeEach(async () => {
    stopCatalog = catalog.start();
    await expect.poll(() => catalog.actors.length).toBe(3);
  });
  afterEach(() => stopCatalog());

  const input = (s: SignalDraft) => ({ ...s, intended: String(s.intended), perceived: String(s.perceived) });

  it('shows both versions when the signal changed since the form opened, and keeps the edit as a new version', async () => {
    const opened = await addSignal(draft({ title: 'Drone downed', notes: '' }));
    const theirs = await updateSignal(opened.id, draft({ title: 'Global Hawk shot down' }), opened.updatedAt);

    const result = await saveSignal(input(draft({ title: 'Drone downed', notes: 'my note' })), opened);
    expect(result.ok).toBe(false);
    if (result.ok || !result.conflict) throw new Error('expected a conflict');
    expect(result.conflict.stored).toEqual(theirs);
    expect(result.conflict.edit.notes).toBe('my note');
    expect(await db.signals.get(opened.id)).toEqual(theirs);

    const kept = await keepMyEdit(result.conflict);
    expect(kept.ok).toBe(true);
    const stored = await db.signals.get(opened.id);
    expect(stored?.notes).toBe('my note');
    expect(stored!.updatedAt > theirs.updatedAt).toBe(true);
  });

  it('says when the signal was deleted since the form opened, and can save the edit again under its id', async () => {
    const opened = await addSignal(draft({ title: 'Drone downed' }));
    await deleteSignal(opened.id);

    const result = await saveSignal(input(draft({ title: 'Drone downed, edited' })), opened);
    if (result.ok || !result.conflict) throw new Error('expected a conflict');
    expect(result.errors[0].message).toBe(
      'This signal was deleted elsewhere (in another tab) after you opened it. Nothing was written.',
    );
    expect(result.conflict.stored).toBeNull();
    expect(await db.signals.count()).toBe(0);

    expect((await keepMyEdit(result.conflict)).ok).toBe(true);
    expect((await db.signals.get(opened.id))?.title).toBe('Drone downed, edited');
  });
});
