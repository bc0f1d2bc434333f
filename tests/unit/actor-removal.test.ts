import { beforeEach, describe, expect, it } from 'vitest';
import {
  ActorInUseError,
  deleteActor,
  deleteRedLine,
  mergeActor,
  SelfMergeError,
} from '../../src/lib/db/removal';
import { subscribe, type Change } from '../../src/lib/db/changes';
import { db } from '../../src/lib/db/database';
import { IRAN, KATAIB_HEZBOLLAH, US, actor, redLine, signal } from './factories';

const IRAN_SPELT_AGAIN = '00000000-0000-4000-8000-0000000000b2';

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.actors.bulkAdd([
    actor({ id: US, name: 'United States' }),
    actor({ id: IRAN, name: 'Iran' }),
    actor({ id: IRAN_SPELT_AGAIN, name: 'Islamic Republic of Iran' }),
    actor({ id: KATAIB_HEZBOLLAH, name: "Kata'ib Hezbollah" }),
  ]);
});

function recordChanges(): Change[] {
  const changes: Change[] = [];
  subscribe((c) => changes.push(c));
  return changes;
}

describe('deleting an actor', () => {
  it('deletes an actor no signal names, with the red lines that name it', async () => {
    const drawn = redLine({ actorId: KATAIB_HEZBOLLAH, targetId: US });
    const kept = redLine({ actorId: US, targetId: IRAN });
    await db.redLines.bulkAdd([drawn, kept]);
    await db.signals.add(signal({ senderId: US, receiverId: IRAN }));

    const deleted = await deleteActor(KATAIB_HEZBOLLAH);

    expect(deleted.actor.name).toBe("Kata'ib Hezbollah");
    expect(deleted.redLines.map((r) => r.id)).toEqual([drawn.id]);
    expect(await db.actors.get(KATAIB_HEZBOLLAH)).toBeUndefined();
    expect((await db.redLines.toArray()).map((r) => r.id)).toEqual([kept.id]);
    expect(await db.signals.count()).toBe(1);
  });

  it('refuses, writing nothing, while a signal sends to or receives from it', async () => {
    // Iran only receives: the refusal must not rely on the sender index alone.
    await db.signals.add(signal({ senderId: US, receiverId: IRAN }));
    await expect(deleteActor(IRAN)).rejects.toThrow(ActorInUseError);
    await expect(deleteActor(IRAN)).rejects.toThrow('receiver of 1 signal');
    expect(await db.actors.get(IRAN)).toBeDefined();
  });
});

describe('merging an actor into another', () => {
  it('moves every signal and red line of the merged actor to the other, then deletes it, and says what changed', async () => {
    const sent = signal({ senderId: IRAN_SPELT_AGAIN, receiverId: US, title: 'sent' });
    const received = signal({ senderId: US, receiverId: IRAN_SPELT_AGAIN, title: 'received' });
    const untouched = signal({ senderId: US, receiverId: KATAIB_HEZBOLLAH, title: 'untouched' });
    const line = redLine({ actorId: US, targetId: IRAN_SPELT_AGAIN });
    await db.signals.bulkAdd([sent, received, untouched]);
    await db.redLines.add(line);
    const changes = recordChanges();

    const merged = await mergeActor(IRAN_SPELT_AGAIN, IRAN);

    expect(merged.signals.map((s) => s.title).sort()).toEqual(['received', 'sent']);
    const stored = await db.signals.toArray();
    const byTitle = new Map(stored.map((s) => [s.title, s]));
    expect([byTitle.get('sent')?.senderId, byTitle.get('sent')?.receiverId]).toEqual([IRAN, US]);
    expect([byTitle.get('received')?.senderId, byTitle.get('received')?.receiverId]).toEqual([US, IRAN]);
    expect(byTitle.get('untouched')).toEqual(untouched);
    // An edit: a newer version that remembers the one it came from.
    expect((byTitle.get('sent')?.updatedAt ?? '') > sent.updatedAt).toBe(true);
    expect(byTitle.get('sent')?.ancestors).toEqual([sent.updatedAt]);
    expect((await db.redLines.get(line.id))?.targetId).toBe(IRAN);
    expect(await db.actors.get(IRAN_SPELT_AGAIN)).toBeUndefined();
    expect(
      changes.map((c) =>
        c.type === 'reload'
          ? 'reload'
          : `${c.table} ${c.type} ${c.type === 'put' ? c.records.length : c.ids.length}`,
      ),
    ).toEqual(['signals put 2', 'redLines put 1', 'actors delete 1']);
  });

  it('refuses a merge that would leave a signal between an actor and itself, changing nothing', async () => {
    const between = signal({ senderId: IRAN_SPELT_AGAIN, receiverId: IRAN });
    const other = signal({ senderId: IRAN_SPELT_AGAIN, receiverId: US });
    await db.signals.bulkAdd([between, other]);
    await expect(mergeActor(IRAN_SPELT_AGAIN, IRAN)).rejects.toThrow(SelfMergeError);
    await expect(mergeActor(IRAN_SPELT_AGAIN, IRAN)).rejects.toThrow('1 signal join');
    expect(await db.signals.get(other.id)).toEqual(other);
    expect(await db.actors.get(IRAN_SPELT_AGAIN)).toBeDefined();
  });

  it('refuses to merge an actor into itself', async () => {
    await expect(mergeActor(IRAN, IRAN)).rejects.toThrow(SelfMergeError);
  });
});

describe('deleting a red line', () => {
  it('clears it from the signals that crossed it, and only from those', async () => {
    const line = redLine({ actorId: US, targetId: KATAIB_HEZBOLLAH });
    const other = redLine({ actorId: US, targetId: IRAN });
    await db.redLines.bulkAdd([line, other]);
    const a = signal({ senderId: KATAIB_HEZBOLLAH, receiverId: US, redLineId: line.id, title: 'a' });
    const b = signal({ senderId: KATAIB_HEZBOLLAH, receiverId: US, redLineId: line.id, title: 'b' });
    const c = signal({ senderId: IRAN, receiverId: US, redLineId: other.id, title: 'c' });
    await db.signals.bulkAdd([a, b, c]);

    const deleted = await deleteRedLine(line.id);

    expect(deleted.cleared.map((s) => s.title).sort()).toEqual(['a', 'b']);
    expect((await db.signals.get(a.id))?.redLineId).toBeNull();
    expect((await db.signals.get(b.id))?.redLineId).toBeNull();
    expect((await db.signals.get(c.id))?.redLineId).toBe(other.id);
    expect(await db.redLines.get(line.id)).toBeUndefined();
  });
});
