import { afterAll, describe, expect, it } from 'vitest';
import { db, NewerDatabaseError, ParallaxDB } from '../../src/lib/db/database';
import { describeError } from '../../src/lib/services/errors';

/** What a newer Parallax would leave: a database at `version` with these stores (and one actor when it has `actors`). */
function writeNewerDatabase(name: string, version: number, stores: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      for (const store of stores) request.result.createObjectStore(store, { keyPath: 'id' });
      if (stores.includes('actors'))
        request.transaction!.objectStore('actors').add({ id: 'a1', name: 'Iran' });
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

/** The database as it now is: its version, its stores, and how many actors it holds. */
function inspect(name: string): Promise<{ version: number; stores: string[]; actors: number | null }> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const idb = request.result;
      const stores = [...idb.objectStoreNames];
      const done = (actors: number | null) => {
        idb.close();
        resolve({ version: idb.version, stores, actors });
      };
      if (!stores.includes('actors')) return done(null);
      const count = idb.transaction('actors').objectStore('actors').count();
      count.onsuccess = () => done(count.result);
      count.onerror = () => reject(count.error);
    };
    request.onerror = () => reject(request.error);
  });
}

const opened: ParallaxDB[] = [];
afterAll(() => {
  for (const database of opened) database.close();
  db.close();
});

describe('a database written by a newer Parallax', () => {
  it('with stores this version does not know: refused with a sentence, and left as it was', async () => {
    // Version 99 of Parallax: Dexie's 99 is IndexedDB's 990.
    await writeNewerDatabase('parallax-newer-unknown', 990, ['cases', 'events']);
    const newer = new ParallaxDB('parallax-newer-unknown');
    opened.push(newer);

    const refusal = await newer.refuseIfNewer();
    expect(refusal).toBeInstanceOf(NewerDatabaseError);
    await expect(newer.actors.toArray()).rejects.toThrow();
    await expect(newer.signals.add({} as never)).rejects.toThrow();
    expect(describeError(refusal, 'read the data')).toBe(
      `Could not read the data: this data was written by a newer version of Parallax (database version 99; this one knows up to ${newer.verno}). Open it in that newer version; this page reads and writes nothing.`,
    );
    expect(await inspect('parallax-newer-unknown')).toEqual({
      version: 990,
      stores: ['cases', 'events'],
      actors: null,
    });
  });

  it('with the same stores plus others: refused, nothing read or written', async () => {
    await writeNewerDatabase('parallax-newer-extra', 990, [
      'actors',
      'redLines',
      'signals',
      'meta',
      'assessments',
    ]);
    const newer = new ParallaxDB('parallax-newer-extra');
    opened.push(newer);

    expect(await newer.refuseIfNewer()).toBeInstanceOf(NewerDatabaseError);
    await expect(
      newer.actors.add({
        id: 'a2',
        name: 'Iraq',
        code: 'IRQ',
        color: '#000000',
        createdAt: '',
        updatedAt: '',
      }),
    ).rejects.toThrow();
    expect(await inspect('parallax-newer-extra')).toEqual({
      version: 990,
      stores: ['actors', 'assessments', 'meta', 'redLines', 'signals'],
      actors: 1,
    });
  });

  it("opens this version's own database and an absent one as before", async () => {
    const fresh = new ParallaxDB('parallax-newer-none');
    opened.push(fresh);
    expect(await fresh.refuseIfNewer()).toBeNull();
    await fresh.actors.add({
      id: 'a3',
      name: 'Iraq',
      code: 'IRQ',
      color: '#000000',
      createdAt: '',
      updatedAt: '',
    });
    fresh.close();
    const again = new ParallaxDB('parallax-newer-none');
    opened.push(again);
    expect(await again.refuseIfNewer()).toBeNull();
    expect(await again.actors.count()).toBe(1);
  });
});
