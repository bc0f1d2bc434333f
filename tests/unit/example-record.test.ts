/**
 * The example's own story, told by the measures (issue 10, "Done when"): the
 * first crossing, 27 Dec 2019, was warned of by an alert standing since
 * 24 Jun 2019. The signals carry the example analyst's scores; the displayed
 * resolve is taken from the analyst's assessments, the only one per signal.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE } from '../../src/lib/db/example';
import { warningRecord } from '../../src/lib/domain/warning-record';

const displayed = new Map(EXAMPLE.assessments.map((a) => [a.signalId, a.displayed]));
const signals = EXAMPLE.signals.map((s) => ({ ...s, displayed: displayed.get(s.id) ?? null }));
const idOf = (name: string) => EXAMPLE.actors.find((a) => a.name === name)!.id;
const US = idOf('United States');
const IRAN = idOf('Iran');

describe('the example’s warning record', () => {
  const record = warningRecord({
    dyad: { senderId: US, receiverId: IRAN },
    series: signals.filter((s) => s.senderId === US && s.receiverId === IRAN),
    redLines: EXAMPLE.redLines,
    crossings: signals.filter((s) => s.redLineId !== null),
  });

  it('says the first crossing, 27 Dec 2019, was warned of since 24 Jun 2019', () => {
    const [first] = record.crossings;
    expect(first.date).toBe('2019-12-27');
    expect(first.warned).toBe(true);
    expect(first.warnedSince).toBe('2019-06-24');
    // 24 Jun → 27 Dec 2019: 6 + 31 + 31 + 30 + 31 + 30 + 27 days
    expect(first.leadDays).toBe(6 + 31 + 31 + 30 + 31 + 30 + 27);
  });

  it('finds the episode that began on 24 Jun 2019 followed by that crossing', () => {
    const episode = record.episodes.find((e) => e.start === '2019-06-24');
    expect(episode?.followedBy?.date).toBe('2019-12-27');
    expect(episode?.outcome).toBe('crossing');
  });
});
