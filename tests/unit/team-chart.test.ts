import { describe, expect, it } from 'vitest';
import { analystLines, hasTeam, teamBand } from '../../src/lib/charts/team';
import { dateToTime } from '../../src/lib/domain/dates';
import type { Score } from '../../src/lib/domain/types';
import { signal } from './factories';

const score = (
  analystId: string,
  intended: number,
  perceived: number,
  displayed: number | null = null,
): Score => ({
  analystId,
  intended,
  perceived,
  displayed,
  confidence: 'moderate',
});
const NAMES: Record<string, string> = { a: 'Anna', b: 'Boris' };

describe("the team's band on the timeline", () => {
  it('runs from the lowest to the highest analyst of each signal, and narrows to the line under one analyst', () => {
    const first = signal({
      date: '2019-06-20',
      intended: 50,
      perceived: 35,
      scores: [score('a', 40, 20), score('b', 60, 50)],
    });
    const second = signal({ date: '2019-09-14', intended: 70, perceived: 30, scores: [score('a', 70, 30)] });
    const band = teamBand([first, second], 'perceived');
    expect(band.low.map((p) => [p.x, p.y])).toEqual([
      [dateToTime('2019-06-20'), 20],
      [dateToTime('2019-09-14'), 30],
    ]);
    expect(band.high.map((p) => p.y)).toEqual([50, 30]);
    expect(teamBand([first, second], 'intended').high.map((p) => p.y)).toEqual([60, 70]);
  });

  it('is drawn only where two analysts scored a signal', () => {
    expect(hasTeam([signal({ scores: [score('a', 1, 2)] }), signal()])).toBe(false);
    expect(
      hasTeam([
        signal({ scores: [score('a', 1, 2)] }),
        signal({ scores: [score('a', 1, 2), score('b', 3, 4)] }),
      ]),
    ).toBe(true);
  });
});

describe("each analyst's scores in the tooltip", () => {
  it('lists each analyst by name, displayed resolve where given', () => {
    const s = signal({ scores: [score('b', 60, 50), score('a', 40, 20, 70)] });
    expect(analystLines(s, (id) => NAMES[id])).toEqual([
      'Anna: intended 40, displayed 70, perceived 20 (moderate)',
      'Boris: intended 60, perceived 50 (moderate)',
    ]);
  });

  it('adds nothing for a signal one analyst scored', () => {
    expect(analystLines(signal({ scores: [score('a', 40, 20)] }), (id) => NAMES[id])).toEqual([]);
  });
});
