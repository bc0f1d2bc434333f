import { zipSync, strToU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/db/database';
import { acceptCandidate, addCandidates } from '../../src/lib/db/inbox';
import type { CandidateEvent } from '../../src/lib/domain/events/candidates';
import { draftFromEvent } from '../../src/lib/domain/events/accept';
import type { SignalDraft } from '../../src/lib/domain/types';
import { NEW_ACTOR, addToInbox, dismissEvent, importEvents, skipBadRows } from '../../src/lib/services/inbox';
import { inbox } from '../../src/lib/state/inbox.svelte';
import { GDELT_EXPECTED, gdeltExport } from './event-files';
import { IRAN, US, actor, candidateEvent } from './factories';

const gdeltFile = (name = '20200108.export.CSV') => new File([gdeltExport()], name);

/** Imports a file through the mapping step, following the US and Iran codes, and adds it to the inbox. */
async function importAndAdd(file: File, extra: Record<string, string> = {}) {
  await importEvents(file);
  expect(inbox.review).not.toBeNull();
  skipBadRows();
  for (const [key, target] of Object.entries({ USA: US, USAGOV: US, IRN: IRAN, ...extra }))
    inbox.map(key, target);
  await addToInbox();
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  inbox.reset();
  await db.actors.bulkAdd([
    actor({ id: US, name: 'United States', code: 'US' }),
    actor({ id: IRAN, name: 'Iran', code: 'IRN' }),
  ]);
});

describe('a GDELT 2.0 export into the inbox', () => {
  it('lists the file actors with their event counts and names the bad rows before anything is written', async () => {
    await importEvents(gdeltFile());
    const review = inbox.review!;
    expect(review.format).toBe('GDELT 2.0 event export');
    expect(review.rows).toBe(GDELT_EXPECTED.lines - GDELT_EXPECTED.bad);
    expect(review.issueCount).toBe(8);
    // Each actor counted once per event, over the good rows: USA in 120 + 40 + 20 + 25 (its duplicates)
    // + 15 (no second actor) + 10 (beside USAGOV) events.
    const counts = Object.fromEntries(review.actors.map((a) => [a.key, a.count]));
    expect(counts).toEqual({ USA: 230, IRN: 217, CHN: 62, RUS: 50, USAGOV: 10 });
    expect(inbox.alert).toBe(
      `20200108.export.CSV: 8 rows of 300 cannot be read. The first: line ${GDELT_EXPECTED.firstBadLine}: expected 61 tab-separated columns, found 60. Nothing was written. Fix the file and import it again, or import the 292 good rows only.`,
    );
    // Until the analyst chooses to go on without the bad rows, nothing can be added.
    expect(review.skipBad).toBe(false);
    await addToInbox();
    expect(await db.candidates.count()).toBe(0);
  });

  it('keeps one candidate per event between two different mapped actors, and says what it left aside', async () => {
    await importAndAdd(gdeltFile());
    expect(await db.candidates.count()).toBe(160);
    expect(inbox.status).toBe(
      '20200108.export.CSV: 160 candidate events added to the inbox; left aside: 77 events between actors left out, 10 events whose two sides map to one actor, 45 duplicates, 8 unreadable rows.',
    );
    const first = await db.candidates.get('gdelt:1');
    expect(first).toMatchObject({
      date: '2020-01-02',
      senderId: US,
      receiverId: IRAN,
      code: '190',
      kind: 'force',
      what: 'Fight (CAMEO 190)',
      url: 'https://news.example/1',
      score: -10,
      resolve: 80,
      mentions: 2,
      directed: true,
    });
  });

  it('remembers the mapping for the next file, but not an unmatched actor left out by default', async () => {
    await importAndAdd(gdeltFile());
    const remembered = Object.fromEntries((await db.actorMappings.toArray()).map((m) => [m.key, m.actorId]));
    expect(remembered).toEqual({ USA: US, USAGOV: US, IRN: IRAN });

    inbox.reset();
    await importEvents(gdeltFile('again.CSV'));
    expect(inbox.review!.mapping).toEqual({ USA: US, USAGOV: US, IRN: IRAN, CHN: '', RUS: '' });
  });

  it('adds nothing twice when the same file comes again', async () => {
    await importAndAdd(gdeltFile());
    await importAndAdd(gdeltFile('again.CSV'));
    expect(await db.candidates.count()).toBe(160);
    expect(inbox.status).toMatch(
      /^again\.CSV: 0 candidate events added to the inbox; left aside: .*160 events already in the inbox/,
    );
  });

  it('keeps a dismissed event out, and an accepted one, when the file is imported again', async () => {
    await importAndAdd(gdeltFile());
    const dismissed = (await db.candidates.get('gdelt:2'))!;
    const accepted = (await db.candidates.get('gdelt:3'))!;
    await dismissEvent(dismissed);
    const draft = {
      ...draftFromEvent(accepted),
      intended: 50,
      perceived: 40,
      confidence: 'moderate',
      cost: 'sunk cost',
      capped: false,
      redLineId: null,
      tags: [],
    } as SignalDraft;
    const signal = await acceptCandidate(accepted, draft);
    expect(signal.sources).toEqual([{ label: 'GDELT event 3', url: 'https://news.example/3' }]);
    expect(await db.signals.count()).toBe(1);
    expect(await db.candidates.count()).toBe(158);

    await importAndAdd(gdeltFile('again.CSV'));
    expect(await db.candidates.get('gdelt:2')).toBeUndefined();
    expect(await db.candidates.get('gdelt:3')).toBeUndefined();
    expect(await db.candidates.count()).toBe(158);
    expect(inbox.status).toMatch(/2 events accepted or dismissed before/);
  });

  it('refuses to accept an event whose actor was deleted meanwhile, and keeps it in the inbox', async () => {
    await importAndAdd(gdeltFile());
    const candidate = (await db.candidates.get('gdelt:3'))!;
    await db.actors.delete(IRAN);
    const draft = {
      ...draftFromEvent(candidate),
      intended: 50,
      perceived: 40,
      confidence: 'moderate',
      cost: 'sunk cost',
      capped: false,
      redLineId: null,
      tags: [],
    } as SignalDraft;
    await expect(acceptCandidate(candidate, draft)).rejects.toThrow(
      'The receiver no longer exists: it may have been deleted in another tab. Nothing was written.',
    );
    expect(await db.signals.count()).toBe(0);
    expect(await db.candidates.get('gdelt:3')).toEqual(candidate);
    expect(await db.triaged.count()).toBe(0);
  });

  it('keeps a dismissed event out when GDELT re-emits it under a new id', async () => {
    await importAndAdd(gdeltFile());
    await dismissEvent((await db.candidates.get('gdelt:1'))!);
    const reemitted = gdeltExport()
      .split('\n')
      .filter((line) => line.startsWith('1\t'))
      .map((line) => line.replace(/^1\t/, '777\t'))
      .join('\n');
    await importAndAdd(new File([reemitted], 'reemitted.CSV'));
    expect(await db.candidates.get('gdelt:777')).toBeUndefined();
    expect(inbox.status).toBe(
      'reemitted.CSV: 0 candidate events added to the inbox; left aside: 1 duplicate, 1 event accepted or dismissed before.',
    );
  });

  it('creates the actors the analyst adds as new, with the events, in one go', async () => {
    await importAndAdd(gdeltFile(), { CHN: NEW_ACTOR, RUS: NEW_ACTOR });
    const names = (await db.actors.toArray()).map((a) => [a.name, a.code]).sort();
    expect(names).toEqual([
      ['China', 'CHN'],
      ['Iran', 'IRN'],
      ['Russia', 'RUS'],
      ['United States', 'US'],
    ]);
    // 50 China → Russia and 12 Iran → China join the 160.
    expect(await db.candidates.count()).toBe(222);
  });
});

describe('writing while the file is read', () => {
  const candidate = (n: number): CandidateEvent => candidateEvent(n);
  /** The parts, each handed on after a task of reading, as a file's parts come; then `end`. */
  const parts = (list: number[][], end: () => null = () => null) => {
    let i = 0;
    return async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return i < list.length ? list[i++].map(candidate) : end();
    };
  };

  it('keeps writing the parts of a file while it is read, each checked against the inbox', async () => {
    await db.candidates.add(candidate(2));
    const added = await addCandidates(parts([[1, 2], [], [3], [4, 5]]));
    // 1, 3, 4 and 5 are new; 2 was already in the inbox.
    expect(added).toEqual({ added: 4, inInbox: 1, triaged: 0 });
    expect((await db.candidates.toCollection().primaryKeys()).sort()).toEqual([
      'gdelt:1',
      'gdelt:2',
      'gdelt:3',
      'gdelt:4',
      'gdelt:5',
    ]);
  });

  it('writes nothing, not even the new actors, when the file fails part way', async () => {
    const china = actor({ name: 'China', code: 'CHN' });
    const failing = parts([[1, 2], [3]], () => {
      throw new Error('the disk could not be read');
    });
    await expect(
      addCandidates(failing, { actors: [china], mappings: [{ key: 'CHN', actorId: china.id }] }),
    ).rejects.toThrow('the disk could not be read');
    expect(await db.candidates.count()).toBe(0);
    expect(await db.actors.get(china.id)).toBeUndefined();
    expect(await db.actorMappings.count()).toBe(0);
  });
});

describe('the backup reminder', () => {
  const stamp = async () => (await db.meta.get('changedAt'))?.value;
  const OLD = '2000-01-01T00:00:00.000Z';

  it('is not made due by the inbox, which no backup holds, but by the signals and actors it brings', async () => {
    await db.meta.put({ key: 'changedAt', value: OLD });
    await importAndAdd(gdeltFile());
    expect(await db.candidates.count()).toBe(160);
    await dismissEvent((await db.candidates.get('gdelt:2'))!);
    expect(await stamp()).toBe(OLD);

    const accepted = (await db.candidates.get('gdelt:3'))!;
    const draft = {
      ...draftFromEvent(accepted),
      intended: 50,
      perceived: 40,
      confidence: 'moderate',
      cost: 'sunk cost',
      capped: false,
      redLineId: null,
      tags: [],
    } as SignalDraft;
    await acceptCandidate(accepted, draft);
    expect(await stamp()).not.toBe(OLD);

    await db.meta.put({ key: 'changedAt', value: OLD });
    await importAndAdd(gdeltFile('more.CSV'), { CHN: NEW_ACTOR });
    expect(await stamp()).not.toBe(OLD);
  });
});

describe('zipped exports, as GDELT publishes them', () => {
  it('reads the file inside the zip like the file itself', async () => {
    const zip = zipSync({ '20200108.export.CSV': strToU8(gdeltExport()) });
    await importAndAdd(new File([zip], '20200108.export.CSV.zip'));
    expect(await db.candidates.count()).toBe(160);
  });

  it('refuses a broken zip, naming it, and writes nothing', async () => {
    const zip = zipSync({ '20200108.export.CSV': strToU8(gdeltExport()) });
    const broken = zip.slice(0, Math.floor(zip.length / 2));
    await importEvents(new File([broken], 'broken.zip'));
    expect(inbox.review).toBeNull();
    expect(inbox.alert).toMatch(/^broken\.zip is a damaged zip archive \(.+\)\. Nothing was written\.$/);
    expect(await db.candidates.count()).toBe(0);
  });

  it('refuses a file named .zip that is none', async () => {
    await importEvents(new File(['hello'], 'fake.zip'));
    expect(inbox.alert).toBe('fake.zip is not a zip archive: it does not start as one. Nothing was written.');
  });
});

describe('files of no known shape', () => {
  it('names the file and line 1, and writes nothing', async () => {
    await importEvents(new File(['name\tage\nAda\t36\n'], 'people.tsv'));
    expect(inbox.review).toBeNull();
    expect(inbox.alert).toMatch(/^people\.tsv, line 1 is not the start of any event format Parallax reads: /);
    expect(await db.candidates.count()).toBe(0);
  });
});
