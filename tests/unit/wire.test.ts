import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/db/database';
import { acceptCandidate, settleCandidate, wireEvents } from '../../src/lib/db/inbox';
import { draftFromEvent } from '../../src/lib/domain/events/accept';
import type { CandidateEvent } from '../../src/lib/domain/events/candidates';
import { wireLine } from '../../src/lib/domain/events/wire';
import type { SignalDraft } from '../../src/lib/domain/types';
import { IRAN, US, actor, candidateEvent } from './factories';

describe("the wire's line", () => {
  it('is the mean crosswalked resolve of each day, in date order, with its count', () => {
    expect(
      wireLine([
        { date: '2020-01-08', resolve: 80 },
        { date: '2020-01-03', resolve: 40 },
        { date: '2020-01-08', resolve: 60 },
        { date: '2020-01-03', resolve: null },
        { date: '2020-01-08', resolve: 20 },
        { date: '2020-01-05', resolve: null },
      ]),
    ).toEqual([
      // 3 January: 40 alone (the event without a resolve is not counted); 5 January: no point.
      { date: '2020-01-03', resolve: 40, n: 1 },
      // 8 January: (80 + 60 + 20) / 3 = 53.33…
      { date: '2020-01-08', resolve: 160 / 3, n: 3 },
    ]);
    expect(wireLine([])).toEqual([]);
  });
});

describe("the wire's events of a dyad", () => {
  const CHINA = '00000000-0000-4000-8000-0000000000c1';
  const candidate = (n: number, over: Partial<CandidateEvent> = {}): CandidateEvent =>
    candidateEvent(n, over);

  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.actors.bulkAdd([
      actor({ id: US, name: 'United States', code: 'US' }),
      actor({ id: IRAN, name: 'Iran', code: 'IRN' }),
      actor({ id: CHINA, name: 'China', code: 'CHN' }),
    ]);
  });

  it('are its candidates, an undirected one either way, and the events accepted into it, not those dismissed', async () => {
    await db.candidates.bulkAdd([
      candidate(1, { date: '2020-01-02', resolve: 80 }),
      candidate(2, { date: '2020-01-03', resolve: 40 }),
      // The other direction, and another dyad: not this one's.
      candidate(3, { senderId: IRAN, receiverId: US, resolve: 20 }),
      candidate(4, { receiverId: CHINA, resolve: 60 }),
      // ACLED names its two actors in no direction: it counts for both.
      candidate(5, {
        id: 'acled:IRN5',
        dataset: 'acled',
        senderId: IRAN,
        receiverId: US,
        directed: false,
        date: '2020-01-04',
        resolve: 80,
      }),
      candidate(6, { date: '2020-01-05', resolve: 0 }),
      candidate(7, { date: '2020-01-06', resolve: 60 }),
    ]);
    // 6 is dismissed; 7 accepted, dated by the analyst a day later than the event.
    await settleCandidate((await db.candidates.get('gdelt:6'))!, 'dismissed');
    const seven = (await db.candidates.get('gdelt:7'))!;
    const draft = {
      ...draftFromEvent(seven),
      date: '2020-01-07',
      intended: 50,
      perceived: 40,
      confidence: 'moderate',
      cost: 'sunk cost',
      capped: false,
      redLineId: null,
      tags: [],
    } as SignalDraft;
    await acceptCandidate(seven, draft);

    const byDate = (list: { date: string }[]) => list.sort((a, b) => a.date.localeCompare(b.date));
    expect(byDate(await wireEvents(US, IRAN))).toEqual([
      { date: '2020-01-02', resolve: 80 },
      { date: '2020-01-03', resolve: 40 },
      { date: '2020-01-04', resolve: 80 },
      // The accepted event keeps the event's date and the crosswalked resolve, not the analyst's.
      { date: '2020-01-06', resolve: 60 },
    ]);
    expect(byDate(await wireEvents(IRAN, US))).toEqual([
      { date: '2020-01-02', resolve: 20 },
      { date: '2020-01-04', resolve: 80 },
    ]);
  });
});
