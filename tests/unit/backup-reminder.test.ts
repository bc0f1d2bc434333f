import { beforeEach, describe, expect, it } from 'vitest';
import { scored } from './scored';
import { addActor } from '../../src/lib/db/actors';
import { importData } from '../../src/lib/db/backup';
import { db } from '../../src/lib/db/database';
import { addDataSet } from '../../src/lib/db/dataset';
import { getMeta, setMeta } from '../../src/lib/db/meta';
import { addSignal, deleteSignal } from '../../src/lib/db/signals';
import { backupDue } from '../../src/lib/domain/reminder';
import type { SignalDraft } from '../../src/lib/domain/types';
import { IRAN, US, actor, redLine, signal } from './factories';

function draft(overrides: Partial<SignalDraft> = {}): SignalDraft {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = signal(overrides);
  return rest;
}

const NOW = new Date('2026-03-20T12:00:00.000Z');

describe('when a backup is offered', () => {
  it.each<[string | undefined, string | null | undefined, boolean, string]>([
    // changedAt, lastBackupAt, due, why
    [undefined, undefined, false, 'nothing was ever written'],
    [undefined, '2026-01-01T00:00:00.000Z', false, 'nothing was written since the stamp existed'],
    ['2026-03-20T11:00:00.000Z', undefined, true, 'changes, and never a backup'],
    ['2026-03-20T11:00:00.000Z', null, true, 'changes, and never a backup (null)'],
    // 2026-03-20T12:00 minus 7 days is 2026-03-13T12:00.
    ['2026-03-20T11:00:00.000Z', '2026-03-13T11:59:59.000Z', true, 'backup 7 days and 1 second old'],
    ['2026-03-20T11:00:00.000Z', '2026-03-13T12:00:00.000Z', false, 'backup exactly 7 days old'],
    ['2026-03-20T11:00:00.000Z', '2026-03-18T09:00:00.000Z', false, 'backup 2 days old'],
    ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:01.000Z', false, 'old backup, but nothing changed since'],
    ['2026-03-01T10:00:01.000Z', '2026-03-01T10:00:00.000Z', true, 'old backup, one change a second later'],
    ['not a time', undefined, false, 'an unreadable stamp is no change'],
    ['2026-03-20T11:00:00.000Z', 'not a time', true, 'an unreadable backup time counts as none'],
  ])('changed %s, backed up %s: %s (%s)', (changedAt, lastBackupAt, due) => {
    expect(backupDue(changedAt, lastBackupAt, NOW)).toBe(due);
  });
});

describe('the change stamp', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  const stamp = () => getMeta('changedAt');

  it('is written with every change, in any table the analyst edits', async () => {
    expect(await stamp()).toBeUndefined();
    const before = new Date().toISOString();
    const us = await addActor({ name: 'United States', code: 'USA', color: '#1d4ed8' });
    const first = await stamp();
    expect(first).toBeDefined();
    expect(first! >= before).toBe(true);

    // A signal is written only when the actors it names exist.
    const iran = await addActor({ name: 'Iran', code: 'IRN', color: '#15803d' });
    const saved = await addSignal(draft({ senderId: us.id, receiverId: iran.id }));
    const second = await stamp();
    expect(second! >= first!).toBe(true);
    expect(second! >= saved.updatedAt).toBe(true);

    await setMeta('changedAt', '2000-01-01T00:00:00.000Z');
    await deleteSignal(saved.id);
    expect(await stamp()).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('is written by an imported backup', async () => {
    await importData(
      scored({
        actors: [actor({ id: US }), actor({ id: IRAN, name: 'Iran' })],
        redLines: [],
        signals: [signal()],
      }),
    );
    expect(await stamp()).toBeDefined();
  });

  it('rolls back with a change that fails', async () => {
    await setMeta('changedAt', '2000-01-01T00:00:00.000Z');
    const clash = signal();
    await db.signals.add(clash);
    await setMeta('changedAt', '2000-01-01T00:00:00.000Z');
    // A second record with the same id: the transaction fails, and its stamp with it.
    await expect(
      db.transaction('rw', db.signals, async () => {
        await db.signals.add(signal({ title: 'fresh' }));
        await db.signals.add({ ...clash, title: 'duplicate id' });
      }),
    ).rejects.toThrow();
    expect(await stamp()).toBe('2000-01-01T00:00:00.000Z');
    expect(await db.signals.count()).toBe(1);
  });

  it('is left alone by the example data set, which needs no backup', async () => {
    const us = actor({ id: US, name: 'United States' });
    const iran = actor({ id: IRAN, name: 'Iran' });
    await addDataSet({
      actors: [us, iran],
      redLines: [redLine({ actorId: US, targetId: IRAN })],
      signals: [signal(), signal()],
    });
    expect(await db.signals.count()).toBe(2);
    expect(await stamp()).toBeUndefined();
    // The analyst's own next edit counts again.
    await addSignal(draft());
    expect(await stamp()).toBeDefined();
  });
});
