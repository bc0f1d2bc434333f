import { describe, expect, it } from 'vitest';
import { othersSentence, othersView, UNKNOWN_ANALYST } from '../../src/lib/domain/others';
import type { Analyst, Assessment } from '../../src/lib/domain/types';

const STAMP = '2026-01-15T09:00:00.000Z';
const SIGNAL = 'signal-1';

function analyst(id: string, name: string): Analyst {
  return { id, name, createdAt: STAMP, updatedAt: STAMP };
}

function assessment(analystId: string, overrides: Partial<Assessment> = {}): Assessment {
  return {
    id: `assessment-${analystId}`,
    signalId: SIGNAL,
    analystId,
    intended: 60,
    displayed: null,
    perceived: 40,
    confidence: 'moderate',
    rationale: '',
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

const byId = new Map(
  [analyst('a-me', 'Mina'), analyst('a-zoe', 'zoë'), analyst('a-ben', 'Ben')].map((a) => [a.id, a]),
);

describe("other analysts' scores beside the form", () => {
  it("shows every other analyst's scores by name, never the analyst's own", () => {
    const view = othersView(
      [
        assessment('a-zoe', {
          intended: 70,
          displayed: 85,
          perceived: 30,
          confidence: 'high',
          rationale: 'Words.',
        }),
        assessment('a-me', { intended: 10 }),
        assessment('a-ben', { intended: 55, perceived: 35, confidence: 'low' }),
      ],
      byId,
      'a-me',
      false,
    );
    expect(view).toEqual({
      kind: 'shown',
      rows: [
        {
          assessmentId: 'assessment-a-ben',
          analystId: 'a-ben',
          name: 'Ben',
          intended: 55,
          displayed: null,
          perceived: 35,
          confidence: 'low',
          rationale: '',
        },
        {
          assessmentId: 'assessment-a-zoe',
          analystId: 'a-zoe',
          name: 'zoë',
          intended: 70,
          displayed: 85,
          perceived: 30,
          confidence: 'high',
          rationale: 'Words.',
        },
      ],
    });
  });

  it('under blind scoring hides the others until the analyst has scored the signal', () => {
    const others = [assessment('a-zoe'), assessment('a-ben')];
    expect(othersView(others, byId, 'a-me', true)).toEqual({ kind: 'hidden', count: 2 });
    // Not named yet: nothing of theirs can be the analyst's own, so the others stay hidden.
    expect(othersView(others, byId, null, true)).toEqual({ kind: 'hidden', count: 2 });
    const afterOwn = othersView([...others, assessment('a-me')], byId, 'a-me', true);
    expect(afterOwn.kind === 'shown' && afterOwn.rows.map((r) => r.name)).toEqual(['Ben', 'zoë']);
  });

  it('says so when nobody else has scored the signal, blind or not', () => {
    expect(othersView([assessment('a-me')], byId, 'a-me', false)).toEqual({ kind: 'none' });
    expect(othersView([], byId, 'a-me', true)).toEqual({ kind: 'none' });
  });

  it('names an analyst whose record is missing in words, not by an id or a blank', () => {
    const view = othersView([assessment('a-gone')], byId, 'a-me', false);
    expect(view.kind === 'shown' && view.rows[0].name).toBe(UNKNOWN_ANALYST);
  });

  it('puts the reason in a sentence', () => {
    expect(othersSentence({ kind: 'none' })).toBe('No other analyst has scored this signal yet.');
    expect(othersSentence({ kind: 'hidden', count: 1 })).toBe(
      'One other analyst has scored this signal. Blind scoring is on: their scores show here once you have saved your own.',
    );
    expect(othersSentence({ kind: 'hidden', count: 3 })).toMatch(
      /^3 other analysts have scored this signal\./,
    );
  });
});
