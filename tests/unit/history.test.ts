import { describe, expect, it } from 'vitest';
import { factsOf } from '../../src/lib/domain/consensus';
import { formatInstant } from '../../src/lib/domain/format';
import { historyEntries } from '../../src/lib/domain/history';
import { UNKNOWN_ANALYST } from '../../src/lib/domain/others';
import type { Analyst, Assessment, Revision } from '../../src/lib/domain/types';
import { IRAN, signal, US } from './factories';

const analysts = new Map<string, Analyst>(
  [
    { id: 'a-mina', name: 'Mina' },
    { id: 'a-ben', name: 'Ben' },
  ].map((a) => [
    a.id,
    { ...a, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
  ]),
);
const labels = { [US]: 'United States', [IRAN]: 'Iran' };

const before = signal({ title: 'Drone shot down', notes: '', tags: ['Hormuz', 'drones'] });
const minasScores: Assessment = {
  id: 'x-mina',
  signalId: before.id,
  analystId: 'a-mina',
  intended: 60,
  displayed: null,
  perceived: 30,
  confidence: 'moderate',
  rationale: 'A show of force.',
  createdAt: '2026-01-02T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

function revision(overrides: Partial<Revision>): Revision {
  return {
    id: `r-${overrides.at}`,
    signalId: before.id,
    table: 'signals',
    recordId: before.id,
    change: 'edit',
    analystId: 'a-mina',
    at: '2026-01-03T00:00:00.000Z',
    fields: [],
    previous: null,
    ...overrides,
  };
}

describe("a signal's history in its form", () => {
  const revisions: Revision[] = [
    revision({ change: 'create', at: '2026-01-02T00:00:00.000Z' }),
    revision({
      table: 'assessments',
      recordId: minasScores.id,
      change: 'create',
      at: '2026-01-02T00:00:00.000Z',
    }),
    revision({
      at: '2026-01-03T10:00:00.000Z',
      fields: ['title', 'tags', 'senderId'],
      previous: factsOf(before),
    }),
    revision({
      table: 'assessments',
      recordId: minasScores.id,
      at: '2026-01-04T10:00:00.000Z',
      fields: ['intended', 'displayed', 'rationale'],
      previous: minasScores,
    }),
    revision({
      table: 'assessments',
      recordId: 'x-ben',
      analystId: 'a-ben',
      at: '2026-01-05T10:00:00.000Z',
      fields: ['perceived'],
      previous: { ...minasScores, id: 'x-ben', analystId: 'a-ben', perceived: 45 },
    }),
  ];

  it('lists every change newest first: who, when, what changed and what it held before', () => {
    const entries = historyEntries(revisions, analysts, labels, 'a-mina');
    expect(entries.map((e) => [e.at, e.who, e.what])).toEqual([
      ['2026-01-05T10:00:00.000Z', 'Ben', 'Changed their scores: Perceived resolve.'],
      [
        '2026-01-04T10:00:00.000Z',
        'Mina',
        'Changed their scores: Intended resolve, Displayed resolve, Rationale.',
      ],
      ['2026-01-03T10:00:00.000Z', 'Mina', 'Edited the signal: Title, Tags, Sender.'],
      // The same instant: the one recorded later comes first.
      ['2026-01-02T00:00:00.000Z', 'Mina', 'Scored the signal.'],
      ['2026-01-02T00:00:00.000Z', 'Mina', 'Logged the signal.'],
    ]);
    expect(entries[2].before).toEqual([
      { label: 'Title', value: 'Drone shot down' },
      { label: 'Tags', value: 'Hormuz, drones' },
      { label: 'Sender', value: 'United States' },
    ]);
    expect(entries[1].before).toEqual([
      { label: 'Intended resolve', value: '60' },
      { label: 'Displayed resolve', value: '–' },
      { label: 'Rationale', value: 'A show of force.' },
    ]);
  });

  it("offers Restore for the signal's facts and the analyst's own scores only, never for a creation", () => {
    const asMina = historyEntries(revisions, analysts, labels, 'a-mina').map((e) => e.restorable);
    expect(asMina).toEqual([false, true, true, false, false]);
    const asBen = historyEntries(revisions, analysts, labels, 'a-ben').map((e) => e.restorable);
    expect(asBen).toEqual([true, false, true, false, false]);
    // Not named yet: only the facts.
    const unnamed = historyEntries(revisions, analysts, labels, null).map((e) => e.restorable);
    expect(unnamed).toEqual([false, false, true, false, false]);
  });

  it('says whose scores another analyst restored, and names a missing analyst in words', () => {
    const [entry] = historyEntries(
      [
        revision({
          table: 'assessments',
          recordId: minasScores.id,
          change: 'restore',
          analystId: 'a-gone',
          fields: ['perceived'],
          previous: minasScores,
        }),
      ],
      analysts,
      labels,
      'a-mina',
    );
    expect([entry.who, entry.what]).toEqual([
      UNKNOWN_ANALYST,
      "Restored an earlier version of Mina's scores: Perceived resolve.",
    ]);
  });

  it('shows an instant in words, and a broken one as unknown', () => {
    // The browser tests run in one fixed zone; here only the shape and the fallback are checked.
    expect(formatInstant('2026-01-15T09:00:00.000Z')).toMatch(/^\d{1,2} Jan 2026, \d{2}:\d{2}$/);
    expect(formatInstant('not a time')).toBe('an unknown time');
  });
});
