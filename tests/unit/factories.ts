/**
 * Test data with sensible defaults: override only what a test is about.
 * Ids are UUID-shaped and creation times rise with each call, so records made
 * later in a test are also later in creation order.
 */
import type { CandidateEvent } from '../../src/lib/domain/events/candidates';
import type { Actor, RedLine, Signal } from '../../src/lib/domain/types';

/** Fixed actor ids, so tests can name a dyad without creating actors. */
export const US = '00000000-0000-4000-8000-0000000000a1';
export const IRAN = '00000000-0000-4000-8000-0000000000a2';
export const KATAIB_HEZBOLLAH = '00000000-0000-4000-8000-0000000000a3';

let sequence = 0;
const EPOCH = Date.UTC(2024, 0, 1);

/** A fresh UUID-shaped id, deterministic within a run: `00000000-0000-4000-8000-000000000001`, … */
export function testId(): string {
  sequence++;
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

/** A creation time one second after the previous one. */
export function testTimestamp(): string {
  sequence++;
  return new Date(EPOCH + sequence * 1000).toISOString();
}

export function signal(overrides: Partial<Signal> = {}): Signal {
  const createdAt = overrides.createdAt ?? testTimestamp();
  return {
    id: testId(),
    date: '2019-06-20',
    senderId: US,
    receiverId: IRAN,
    title: 'Test signal',
    kind: 'statement',
    intended: 50,
    perceived: 50,
    confidence: 'moderate',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [],
    tags: [],
    notes: '',
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export function actor(overrides: Partial<Actor> = {}): Actor {
  const createdAt = overrides.createdAt ?? testTimestamp();
  return {
    id: testId(),
    name: 'Test actor',
    code: 'TST',
    color: '#336699',
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export function redLine(overrides: Partial<RedLine> = {}): RedLine {
  const createdAt = overrides.createdAt ?? testTimestamp();
  return {
    id: testId(),
    actorId: US,
    targetId: IRAN,
    text: 'An attack that kills an American',
    declared: '2019-06-01',
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** A GDELT candidate event United States → Iran (CAMEO 190, Goldstein −10, resolve 80), numbered `n`. */
export function candidateEvent(n: number, overrides: Partial<CandidateEvent> = {}): CandidateEvent {
  return {
    id: `gdelt:${n}`,
    dupKey: '',
    dataset: 'gdelt',
    eventId: String(n),
    date: '2020-01-02',
    senderId: US,
    receiverId: IRAN,
    senderLabel: 'UNITED STATES',
    receiverLabel: 'IRAN',
    directed: true,
    code: '190',
    kind: 'force',
    what: 'Fight (CAMEO 190)',
    url: '',
    score: -10,
    resolve: 80,
    mentions: 1,
    file: 'f.CSV',
    addedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
