import { describe, expect, it } from 'vitest';
import { dayNumber, isCalendarDate } from '../../src/lib/domain/dates';
import { countOf, formatCount, formatNumber, formatSigned } from '../../src/lib/domain/format';
import { formatGap, gapOf, readingOf } from '../../src/lib/domain/gap';
import { describeScore, rungFor } from '../../src/lib/domain/ladder';
import {
  parseScore,
  parseSources,
  parseTags,
  suggestCode,
  validateActor,
  validateRedLine,
  validateSettings,
  validateSignal,
  type SignalInput,
} from '../../src/lib/domain/validate';
import { IRAN, US, actor } from './factories';

const ctx = { actorIds: new Set([US, IRAN]) };

function input(overrides: Partial<SignalInput> = {}): SignalInput {
  return {
    date: '2020-01-03',
    senderId: US,
    receiverId: IRAN,
    title: 'Soleimani killed at Baghdad airport',
    kind: 'force',
    intended: '85',
    perceived: '80',
    confidence: 'high',
    cost: 'sunk cost',
    capped: false,
    sources: 'Report https://example.org/a',
    tags: 'iraq, red-line',
    notes: '',
    ...overrides,
  };
}

function fieldsOf(result: ReturnType<typeof validateSignal>): string[] {
  return result.ok ? [] : result.errors.map((e) => e.field);
}

describe('calendar dates', () => {
  it.each([
    ['2020-01-03', true],
    ['2020-02-29', true],
    ['2019-02-29', false],
    ['2019-02-30', false],
    ['2019-13-01', false],
    ['2019-00-10', false],
    ['2019-04-31', false],
    ['2019-4-1', false],
    ['20190401', false],
    ['', false],
  ])('%s is a real date: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('counts whole days between dates whatever the zone', () => {
    // 2019 is not a leap year: 1 Jan 2019 to 1 Jan 2020 is 365 days.
    expect(dayNumber('2020-01-01') - dayNumber('2019-01-01')).toBe(365);
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});

describe('the resolve ladder', () => {
  it.each([
    [0, 'none'],
    [19, 'none'],
    [20, 'words'],
    [55, 'coercion'],
    [60, 'display of force'],
    [85, 'limited force'],
    [100, 'war'],
  ])('a score of %i stands on the rung "%s"', (score, name) => {
    expect(rungFor(score).name).toBe(name);
  });

  it('marks a score between anchors with a plus', () => {
    expect(describeScore(70)).toBe('70 · display of force+');
    expect(describeScore(80)).toBe('80 · limited force');
    // A consensus of three analysts' 40, 50 and 50, and one just short of an anchor, as shown.
    expect(describeScore(140 / 3)).toBe('46.7 · coercion+');
    expect(describeScore(39.97)).toBe('40 · coercion');
  });
});

describe('gap and reading', () => {
  it('is perceived minus intended', () => {
    expect(gapOf({ intended: 70, perceived: 30 })).toBe(-40);
    expect(gapOf({ intended: 45, perceived: 70 })).toBe(25);
  });

  it.each([
    [-11, 'underestimated'],
    [-10, 'accurate'],
    [0, 'accurate'],
    [10, 'accurate'],
    [11, 'overestimated'],
  ])('a gap of %i with τ = 10 reads %s', (gap, reading) => {
    expect(readingOf(gap, 10)).toBe(reading);
  });

  it('writes a gap as a signed whole number', () => {
    expect(formatGap(12)).toBe('+12');
    expect(formatGap(-30)).toBe('-30');
    expect(formatGap(0)).toBe('0');
  });
});

describe('signal validation', () => {
  it('accepts a complete signal and cleans it', () => {
    const result = validateSignal(input({ title: '  Soleimani killed  ' }), ctx);
    expect(result).toEqual({
      ok: true,
      value: {
        date: '2020-01-03',
        senderId: US,
        receiverId: IRAN,
        title: 'Soleimani killed',
        kind: 'force',
        intended: 85,
        perceived: 80,
        confidence: 'high',
        cost: 'sunk cost',
        capped: false,
        redLineId: null,
        sources: [{ label: 'Report', url: 'https://example.org/a' }],
        tags: ['iraq', 'red-line'],
        notes: '',
      },
    });
  });

  it.each([['150'], ['-5'], ['4.5'], [''], ['abc'], [101], [2.5]])('refuses a score of %j', (score) => {
    const result = validateSignal(input({ intended: score }), ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        { field: 'intended', message: 'Intended resolve must be a whole number from 0 to 100.' },
      ]);
    }
  });

  it('accepts the ends of the ladder', () => {
    expect(validateSignal(input({ intended: '0', perceived: 100 }), ctx).ok).toBe(true);
  });

  it('refuses 30 February', () => {
    expect(fieldsOf(validateSignal(input({ date: '2019-02-30' }), ctx))).toEqual(['date']);
  });

  it('refuses a signal sent to its own sender', () => {
    const result = validateSignal(input({ receiverId: US }), ctx);
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'receiverId', message: 'Receiver must differ from the sender.' },
    ]);
  });

  it('refuses an unknown actor', () => {
    expect(fieldsOf(validateSignal(input({ senderId: 'nobody' }), ctx))).toEqual(['senderId']);
  });

  it('requires a title of at most 200 characters', () => {
    expect(fieldsOf(validateSignal(input({ title: '   ' }), ctx))).toEqual(['title']);
    expect(validateSignal(input({ title: 'x'.repeat(200) }), ctx).ok).toBe(true);
    const long = validateSignal(input({ title: 'x'.repeat(201) }), ctx);
    expect(long.ok ? '' : long.errors[0].message).toBe('Title must be at most 200 characters (it has 201).');
  });

  it('takes kind, confidence and cost only from their lists', () => {
    const result = validateSignal(input({ kind: 'invasion', confidence: 'certain', cost: 'free' }), ctx);
    expect(fieldsOf(result)).toEqual(['kind', 'confidence', 'cost']);
  });

  it('reports every bad field at once', () => {
    const result = validateSignal(input({ date: 'soon', title: '', intended: '999', perceived: 'x' }), ctx);
    expect(fieldsOf(result)).toEqual(['date', 'title', 'intended', 'perceived']);
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'ftp://example.org'])(
    'refuses a source link %s',
    (url) => {
      const result = validateSignal(input({ sources: `Bad ${url}` }), ctx);
      expect(fieldsOf(result)).toEqual(['sources']);
    },
  );

  it('refuses a source list whose url is not a web address', () => {
    const result = validateSignal(input({ sources: [{ label: 'x', url: 'javascript:alert(1)' }] }), ctx);
    expect(result.ok ? '' : result.errors[0].message).toBe(
      'Sources, item 1: must be an http:// or https:// address.',
    );
  });

  it('refuses a red line that does not exist', () => {
    const result = validateSignal(input({ redLineId: 'gone' }), {
      ...ctx,
      redLines: new Map([['kept', { actorId: IRAN }]]),
    });
    expect(fieldsOf(result)).toEqual(['redLineId']);
  });
});

describe('sources, tags and codes', () => {
  it('reads one source a line: label and address, an address alone, or a label alone', () => {
    expect(
      parseSources('Reuters report https://r.example/x\n\nhttps://b.example/y\nInterview notes'),
    ).toEqual({
      sources: [
        { label: 'Reuters report', url: 'https://r.example/x' },
        { label: 'b.example', url: 'https://b.example/y' },
        { label: 'Interview notes', url: '' },
      ],
    });
  });

  it('names the bad line of the sources', () => {
    expect(parseSources('ok https://a.example\nbad javascript:void(0)')).toEqual({
      error: 'Sources, line 2: only http:// and https:// addresses are allowed.',
    });
  });

  it('trims tags and keeps each once', () => {
    expect(parseTags(' gulf, proxy;gulf ,, ')).toEqual(['gulf', 'proxy']);
  });

  it('reads a score given as digits', () => {
    expect(parseScore(' 42 ')).toBe(42);
    expect(parseScore('1e2')).toBeNull();
  });

  it("suggests a code from an actor's name", () => {
    expect(suggestCode("Kata'ib Hezbollah")).toBe('KH');
    expect(suggestCode('United States')).toBe('US');
    expect(suggestCode('Iran')).toBe('IRA');
  });
});

describe('actors and red lines', () => {
  it('refuses a second actor of the same name, whatever its case', () => {
    const result = validateActor({ name: 'iran', code: 'IR', color: '#112233' }, [actor({ name: 'Iran' })]);
    expect(result.ok ? '' : result.errors[0]).toEqual({
      field: 'name',
      message: 'Name is taken: an actor named “iran” exists.',
    });
  });

  it('requires a colour written #rrggbb', () => {
    const result = validateActor({ name: 'Iraq', code: 'IRQ', color: 'red' });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['color']);
  });

  it('requires a red line to warn another actor, with a real declared date', () => {
    const result = validateRedLine(
      { actorId: US, targetId: US, text: 'x', declared: '2019-02-30' },
      ctx.actorIds,
    );
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['targetId', 'declared']);
  });
});

describe('thresholds', () => {
  it('accepts whole numbers within bounds, given as text or numbers', () => {
    expect(validateSettings({ tau: '5', windowDays: 30, alertThreshold: '20', horizonDays: '365' })).toEqual({
      ok: true,
      value: { tau: 5, windowDays: 30, alertThreshold: 20, horizonDays: 365, blindScoring: false },
    });
  });

  it('keeps blind scoring as set, and off for settings saved before it existed', () => {
    const on = validateSettings({
      tau: 10,
      windowDays: 90,
      alertThreshold: 25,
      horizonDays: 180,
      blindScoring: true,
    });
    expect(on).toEqual({
      ok: true,
      value: { tau: 10, windowDays: 90, alertThreshold: 25, horizonDays: 180, blindScoring: true },
    });
    const older = validateSettings({ tau: 10, windowDays: 90, alertThreshold: 25, horizonDays: 180 });
    expect(older.ok && older.value.blindScoring).toBe(false);
  });

  it('refuses a blind-scoring value that is not on or off', () => {
    const result = validateSettings({
      tau: 10,
      windowDays: 90,
      alertThreshold: 25,
      horizonDays: 180,
      blindScoring: 'yes',
    });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'blindScoring', message: 'Blind scoring must be on or off.' },
    ]);
  });

  it('names each threshold out of bounds', () => {
    const result = validateSettings({ tau: '51', windowDays: '0', alertThreshold: '2.5', horizonDays: '' });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'tau', message: 'Accuracy band τ must be a whole number from 0 to 50.' },
      { field: 'windowDays', message: 'Window W (days) must be a whole number from 1 to 3650.' },
      { field: 'alertThreshold', message: 'Alert threshold must be a whole number from 1 to 100.' },
      { field: 'horizonDays', message: 'Horizon H (days) must be a whole number from 1 to 3650.' },
    ]);
  });
});

describe('numbers as shown', () => {
  it('rounds halves away from zero, so a value and its size read alike', () => {
    expect(formatNumber(-13.75)).toBe('-13.8');
    expect(formatNumber(13.75)).toBe('13.8');
    expect(formatNumber(-0.04)).toBe('0');
    expect(formatSigned(2.25)).toBe('+2.3');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
    // −499 / 20: the float nearest −24.95 still shows as −25, as the alert compares it.
    expect(formatNumber(-499 / 20)).toBe('-25');
    // Large values group their digits as counts do; the sign stays a plain hyphen-minus.
    expect(formatNumber(20000)).toBe('20,000');
    expect(formatNumber(-8254)).toBe('-8,254');
    expect(formatNumber(14127.25)).toBe('14,127.3');
    expect(formatSigned(1234)).toBe('+1,234');
  });

  it('writes counts with grouped digits and their noun, singular for one', () => {
    expect(formatCount(12000)).toBe('12,000');
    expect(countOf(1, 'signal')).toBe('1 signal');
    expect(countOf(0, 'signal')).toBe('0 signals');
    expect(countOf(100000, 'red line')).toBe('100,000 red lines');
    expect(countOf(2, 'red line names', 'red lines name')).toBe('2 red lines name');
  });
});
