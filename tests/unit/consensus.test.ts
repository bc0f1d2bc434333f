/**
 * The consensus of a signal's assessments (domain/consensus.ts), with every
 * expected value worked out by hand in the test.
 */
import { describe, expect, it } from 'vitest';
import { consensus, factsOf, withConsensus } from '../../src/lib/domain/consensus';
import { analystName, checkAssessmentFields, displayed, rationale } from '../../src/lib/domain/rules';
import type { Score, Signal } from '../../src/lib/domain/types';

const score = (analystId: string, s: Partial<Score> = {}): Score => ({
  analystId,
  intended: 50,
  displayed: null,
  perceived: 50,
  confidence: 'moderate',
  ...s,
});

describe('consensus', () => {
  it('is null for a signal nobody scored', () => {
    expect(consensus([])).toBeNull();
  });

  it('takes the mean of intended and perceived, not rounded', () => {
    const c = consensus([
      score('b', { intended: 10, perceived: 0 }),
      score('a', { intended: 20, perceived: 1 }),
      score('c', { intended: 31, perceived: 1 }),
    ])!;
    // (10 + 20 + 31) / 3 = 61 / 3; (0 + 1 + 1) / 3 = 2 / 3
    expect(c.intended).toBeCloseTo(20.333333333, 8);
    expect(c.perceived).toBeCloseTo(0.666666667, 8);
  });

  it('means displayed over the assessments that give one, and is null when none does', () => {
    expect(consensus([score('a'), score('b')])!.displayed).toBeNull();
    const c = consensus([score('a', { displayed: 40 }), score('b'), score('c', { displayed: 71 })])!;
    // (40 + 71) / 2, the one without a displayed score left out
    expect(c.displayed).toBe(55.5);
  });

  it('weighs by the mean confidence weight, the nearest level winning and a tie going to the lower', () => {
    const levels = (...cs: Score['confidence'][]) =>
      consensus(cs.map((c, i) => score(`a${i}`, { confidence: c })))!;
    // low 1 + moderate 2 = 1.5: a tie between low and moderate → low
    expect(levels('low', 'moderate')).toMatchObject({ weight: 1.5, confidence: 'low' });
    // 2 + 3 = 2.5: a tie between moderate and high → moderate
    expect(levels('moderate', 'high')).toMatchObject({ weight: 2.5, confidence: 'moderate' });
    // 1 + 3 = 2: moderate exactly
    expect(levels('low', 'high')).toMatchObject({ weight: 2, confidence: 'moderate' });
    // (1 + 3 + 3) / 3 = 2.333…: nearer 2 than 3
    const c = levels('low', 'high', 'high');
    expect(c.weight).toBeCloseTo(7 / 3, 12);
    expect(c.confidence).toBe('moderate');
    // (3 + 3 + 2) / 3 = 2.666…: nearer 3
    expect(levels('high', 'high', 'moderate').confidence).toBe('high');
    expect(levels('high')).toMatchObject({ weight: 3, confidence: 'high' });
    expect(levels('low')).toMatchObject({ weight: 1, confidence: 'low' });
  });

  it('lists one score per assessment, sorted by analyst id, with only the score fields', () => {
    const withExtra = { ...score('b', { intended: 7 }), rationale: 'why', id: 'x' } as Score;
    const c = consensus([withExtra, score('a', { intended: 9, displayed: 3 })])!;
    expect(c.scores).toEqual([
      { analystId: 'a', intended: 9, displayed: 3, perceived: 50, confidence: 'moderate' },
      { analystId: 'b', intended: 7, displayed: null, perceived: 50, confidence: 'moderate' },
    ]);
    // Code unit order, not the locale's: 'B' (66) before 'a' (97).
    expect(consensus([score('a'), score('B')])!.scores.map((s) => s.analystId)).toEqual(['B', 'a']);
  });
});

describe('facts', () => {
  const signal: Signal = {
    id: 's1',
    date: '2020-01-08',
    senderId: 'ir',
    receiverId: 'us',
    title: 'Strike',
    kind: 'force',
    intended: 60,
    perceived: 70,
    confidence: 'high',
    displayed: 80,
    weight: 3,
    scores: [score('a')],
    cost: 'sunk cost',
    capped: true,
    redLineId: null,
    sources: [],
    tags: [],
    notes: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
  };

  it('are the signal without its consensus fields, the signal itself unchanged', () => {
    const facts = factsOf(signal);
    expect(Object.keys(facts).sort()).toEqual(
      [
        'id',
        'date',
        'senderId',
        'receiverId',
        'title',
        'kind',
        'cost',
        'capped',
        'redLineId',
        'sources',
        'tags',
        'notes',
        'createdAt',
        'updatedAt',
      ].sort(),
    );
    expect(signal.intended).toBe(60);
  });

  it('with a consensus make a signal record again', () => {
    const c = consensus([score('a', { intended: 20, perceived: 30, displayed: 25, confidence: 'low' })])!;
    expect(withConsensus(factsOf(signal), c)).toEqual({
      ...signal,
      intended: 20,
      perceived: 30,
      displayed: 25,
      confidence: 'low',
      weight: 1,
      scores: [{ analystId: 'a', intended: 20, perceived: 30, displayed: 25, confidence: 'low' }],
    });
  });
});

describe('the rules of an assessment', () => {
  it('take displayed as optional whole number 0–100', () => {
    expect(displayed(null)).toEqual({ ok: true, value: null });
    expect(displayed(undefined)).toEqual({ ok: true, value: null });
    expect(displayed('  ')).toEqual({ ok: true, value: null });
    expect(displayed(0)).toEqual({ ok: true, value: 0 });
    expect(displayed(100)).toEqual({ ok: true, value: 100 });
    expect(displayed(101)).toEqual({ ok: false, message: 'must be a whole number from 0 to 100' });
    expect(displayed(2.5)).toMatchObject({ ok: false });
    expect(displayed(-1)).toMatchObject({ ok: false });
  });

  it('limit the rationale like the notes, keeping its spaces', () => {
    expect(rationale(undefined)).toEqual({ ok: true, value: '' });
    expect(rationale(' two\nlines ')).toEqual({ ok: true, value: ' two\nlines ' });
    expect(rationale('x'.repeat(20_000))).toMatchObject({ ok: true });
    expect(rationale('x'.repeat(20_001))).toEqual({
      ok: false,
      message: 'must be at most 20,000 characters (it has 20,001)',
    });
    expect(rationale(5)).toEqual({ ok: false, message: 'must be text' });
  });

  it('name analysts like actors: one visible line of at most 80 characters', () => {
    expect(analystName('  Dana ')).toEqual({ ok: true, value: 'Dana' });
    expect(analystName('')).toEqual({ ok: false, message: 'is required' });
    expect(analystName('a\nb')).toMatchObject({ ok: false });
    expect(analystName('x'.repeat(81))).toMatchObject({ ok: false });
  });

  it('report every bad field of an assessment by name', () => {
    const problems: string[] = [];
    const values = checkAssessmentFields(
      { intended: 101, displayed: 'x', perceived: 5, confidence: 'sure', rationale: 3 },
      (field, message) => problems.push(`${field} ${message}`),
    );
    expect(values).toBeNull();
    expect(problems).toEqual([
      'intended must be a whole number from 0 to 100',
      'displayed must be a whole number from 0 to 100',
      'confidence must be one of: low, moderate, high',
      'rationale must be text',
    ]);
    expect(
      checkAssessmentFields({ intended: 1, perceived: 2, confidence: 'low' }, () => {
        throw new Error('no problem expected');
      }),
    ).toEqual({ intended: 1, displayed: null, perceived: 2, confidence: 'low', rationale: '' });
  });
});
