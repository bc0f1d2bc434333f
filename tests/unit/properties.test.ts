/**
 * Properties checked on generated values (fast-check, fixed seed, so a failure
 * reproduces): the rule set accepts exactly the valid values, every signal
 * the form accepts survives both round trips, and the analytics keep their
 * invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scored } from './scored';
import { dyadMetrics } from '../../src/lib/domain/metrics';
import { analyseDyad } from '../../src/lib/domain/series';
import { sortSignals } from '../../src/lib/domain/window';
import { checkBackup, NO_RECORDS, serializeBackup } from '../../src/lib/domain/backup';
import {
  CONFIDENCES,
  COSTS,
  DEFAULT_SETTINGS,
  KINDS,
  type Actor,
  type Signal,
} from '../../src/lib/domain/types';
import { validateSignal } from '../../src/lib/domain/validate';
import { IRAN, US, signal } from './factories';
import { ACTORS, FORM_CONTEXT, IRAN_LINE, NOW, saved, throughCsv, throughJson, typed } from './round-trips';

const SEED = 20_261_129;
const RUNS = 300;
const check = <T>(property: fc.IProperty<T>, numRuns = RUNS) => fc.assert(property, { seed: SEED, numRuns });

// Characters classified by hand, so the expectations below do not come from the rules under test.
/** Draw something: letters, digits, the separators of CSV and of lists in a cell, formula starts, quotes. */
const VISIBLE = [...'aZ09éô中|;,<>\\"\'=+-@#&/:.()[]{}%?!*_~`^$'];
const ASTRAL = '😀';
/** Blank, trimmed at the ends and kept inside. */
const SPACES = [' ', '\u00A0', '\u3000'];
/** Zero-width and direction marks: draw nothing, but are text. */
const MARKS = ['\u200B', '\u200D', '\u202E', '\u202C', '\u2066', '\u2069', '\u200F'];
const BREAKS = ['\n', '\r\n'];

const visible = fc.constantFrom(...VISIBLE, ASTRAL);
const joined = (chars: fc.Arbitrary<string>, maxLength: number) =>
  fc.array(chars, { maxLength }).map((a) => a.join(''));

/** One-line text that starts and ends with a visible character: what a trimmed name, tag or label is. */
const oneLine = (maxInner = 16) =>
  fc
    .tuple(visible, joined(fc.constantFrom(...VISIBLE, ASTRAL, ...SPACES, ...MARKS), maxInner), visible)
    .map(([a, b, c]) => a + b + c);
/** A title may break lines (a spreadsheet cell can hold them). */
const multiLine = fc
  .tuple(visible, joined(fc.constantFrom(...VISIBLE, ...SPACES, ...MARKS, ...BREAKS), 24), visible)
  .map(([a, b, c]) => a + b + c);
/** Notes keep everything as typed: outer spaces, tabs, lone carriage returns. */
const notes = joined(
  fc.constantFrom(...VISIBLE, ASTRAL, ...SPACES, ...MARKS, ...BREAKS, '\t', '\r', '\u0000'),
  40,
);
/** Every real date from 0000-01-01 (−62,167,219,200,000 ms) to 9999-12-31, written by Date itself. */
const date = fc
  .integer({ min: -62_167_219_200_000, max: Date.UTC(9999, 11, 31) })
  .map((t) => new Date(t).toISOString().slice(0, 10));
const url = fc
  .tuple(
    fc.constantFrom('https://example.org', 'http://b.example', 'https://xn--caf-dma.example'),
    joined(fc.constantFrom(...'az09/._-~?=&#%|<>\\;,'), 12),
  )
  .map(([host, path]) => `${host}/${path}`);

/** A signal as typed into the form: sources one a line, tags separated by commas (or `;`, escaped with `\`). */
const typedSignal = fc.record({
  date,
  title: multiLine,
  kind: fc.constantFrom(...KINDS),
  intended: fc.integer({ min: 0, max: 100 }).map(String),
  perceived: fc.integer({ min: 0, max: 100 }).map(String),
  confidence: fc.constantFrom(...CONFIDENCES),
  cost: fc.constantFrom(...COSTS),
  capped: fc.boolean(),
  crosses: fc.boolean(),
  sources: fc
    .array(
      fc.oneof(
        oneLine(),
        fc.tuple(oneLine(), url).map(([l, u]) => `${l} ${u}`),
        url,
      ),
      { maxLength: 3 },
    )
    .map((lines) => lines.join('\n')),
  tags: joined(fc.constantFrom(...VISIBLE, ' ', ',', ';', '\\'), 30),
  notes,
});

/** Two actors whose names are generated: any name the rules accept must come back through CSV by name. */
const namedActors = fc
  .tuple(oneLine(10), oneLine(10))
  .filter(([a, b]) => a.toLowerCase() !== b.toLowerCase())
  .map(([a, b]): Actor[] => [
    { ...ACTORS[0], name: a },
    { ...ACTORS[1], name: b },
  ]);

describe('every signal the form accepts survives Export JSON → Import and Export CSV → Import', () => {
  it('field for field, into an empty profile', () => {
    let tried = 0;
    let kept = 0;
    check(
      fc.property(typedSignal, namedActors, (t, actors) => {
        tried++;
        const input = typed({ ...t, redLineId: t.crosses ? IRAN_LINE.id : '' });
        if (!validateSignal(input, FORM_CONTEXT).ok) return; // the form refused it: nothing to carry
        kept++;
        const s = saved(input);
        expect(throughJson(s, actors)).toEqual(s);
        expect(throughCsv(s, actors)).toEqual(s);
      }),
      // Each run writes and reads two whole files: 100 runs keep it well inside the time a
      // busy machine gives a test, where 300 did not.
      100,
    );
    // Most generated signals are accepted, so the property speaks of something.
    expect(kept).toBeGreaterThan(tried * 0.7);
  });
});

/** Values of each field of a backup's signal, classified by hand. */
const FIELDS: Record<string, { valid: fc.Arbitrary<unknown>; invalid: fc.Arbitrary<unknown> }> = {
  date: {
    valid: date,
    invalid: fc.constantFrom(
      '2019-02-29',
      '0001-02-29',
      '2019-13-01',
      '2019-00-10',
      '2019-04-31',
      '2019-4-1',
      '19-01-01',
      '',
      20190401,
      null,
    ),
  },
  title: {
    valid: multiLine,
    invalid: fc.constantFrom(
      '',
      '   ',
      '\u200B\u202E',
      ' \u2066\u2069 ',
      'x'.repeat(201),
      'a\uD800b',
      42,
      null,
      ['t'],
    ),
  },
  kind: { valid: fc.constantFrom(...KINDS), invalid: fc.constantFrom('Force', 'invasion', '', 'force ', 1) },
  intended: {
    valid: fc.integer({ min: 0, max: 100 }),
    invalid: fc.constantFrom(-1, 101, 4.5, Number.NaN, Number.POSITIVE_INFINITY, '50', null, true),
  },
  confidence: { valid: fc.constantFrom(...CONFIDENCES), invalid: fc.constantFrom('certain', 'HIGH', '', 3) },
  cost: { valid: fc.constantFrom(...COSTS), invalid: fc.constantFrom('free', 'sunk_cost', '', null) },
  capped: { valid: fc.boolean(), invalid: fc.constantFrom('true', 1, 0, null) },
  notes: {
    valid: notes,
    invalid: fc.constantFrom('n'.repeat(20_001), 'a\uDC00', 7, ['n']),
  },
  tags: {
    valid: fc.array(oneLine(8), { maxLength: 5 }),
    invalid: fc.constantFrom(
      [''],
      ['\u200B'],
      ['a\nb'],
      [1],
      'a, b',
      ['t'.repeat(61)],
      Array.from({ length: 51 }, (_, i) => `t${i}`),
    ),
  },
  sources: {
    valid: fc.array(fc.record({ label: fc.oneof(oneLine(), fc.constant('')), url }), { maxLength: 3 }),
    invalid: fc.constantFrom(
      [{ label: '', url: '' }],
      [{ label: 'x', url: 'javascript:alert(1)' }],
      [{ label: 'x', url: 'https://a.example/b c' }],
      [{ label: 'x', url: ' https://a.example' }],
      [{ label: 'a\nb', url: '' }],
      [{ label: 'x' }],
      [null],
      'Reuters https://r.example',
    ),
  },
  receiverId: { valid: fc.constant(IRAN), invalid: fc.constantFrom(US, 'nobody', '', null) },
};

describe('the rule set accepts exactly the valid values', () => {
  const base = saved(typed());
  const backupOf = (record: Record<string, unknown>) =>
    JSON.parse(
      // The scores go in the signal's assessment, and are checked there, on fields of the same names.
      serializeBackup(
        scored({ actors: ACTORS, redLines: [IRAN_LINE], signals: [record as unknown as Signal] }),
        NOW,
      ),
    );

  it.each(Object.keys(FIELDS))(
    'a backup signal whose %s is valid is accepted, and one whose %s is not is refused there',
    (field) => {
      const { valid, invalid } = FIELDS[field];
      check(
        fc.property(
          fc.oneof(
            valid.map((v) => [v, true] as const),
            invalid.map((v) => [v, false] as const),
          ),
          ([value, ok]) => {
            const result = checkBackup(backupOf({ ...base, [field]: value }), {
              ...NO_RECORDS,
              now: Date.parse(NOW),
            });
            if (ok) expect(result.ok ? [] : result.issues).toEqual([]);
            else
              expect(result.ok ? [] : result.issues.map((i) => i.field.replace(/\[.*$/, ''))).toEqual([
                field,
              ]);
          },
        ),
        60,
      );
    },
  );

  it('the form refuses the same invalid values, on the same field', () => {
    const formFields = ['date', 'title', 'kind', 'confidence', 'cost', 'notes'];
    for (const field of formFields) {
      check(
        fc.property(FIELDS[field].invalid, (value) => {
          const result = validateSignal(typed({ [field]: value }), FORM_CONTEXT);
          expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([field]);
        }),
        30,
      );
    }
  });
});

describe('analytics invariants', () => {
  /** A dyad's signals: dates over two years, any scores and confidences. */
  const dyad = fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 730 }),
      intended: fc.integer({ min: 0, max: 100 }),
      perceived: fc.integer({ min: 0, max: 100 }),
      confidence: fc.constantFrom(...CONFIDENCES),
    }),
    { minLength: 1, maxLength: 40 },
  );
  const toSignals = (
    rows: { day: number; intended: number; perceived: number; confidence: Signal['confidence'] }[],
  ) =>
    rows.map((r) =>
      signal({
        date: new Date(Date.UTC(2019, 0, 1 + r.day)).toISOString().slice(0, 10),
        intended: r.intended,
        perceived: r.perceived,
        confidence: r.confidence,
      }),
    );

  it('gap = perceived − intended, for every signal', () => {
    check(
      fc.property(dyad, (rows) => {
        const sorted = sortSignals(toSignals(rows));
        const { gap } = analyseDyad(sorted, DEFAULT_SETTINGS);
        expect([...gap]).toEqual(sorted.map((s) => s.perceived - s.intended));
      }),
    );
  });

  it('the rolling gap lies between the smallest and the largest gap of its window', () => {
    check(
      fc.property(dyad, fc.integer({ min: 1, max: 120 }), (rows, windowDays) => {
        const sorted = sortSignals(toSignals(rows));
        const { rollingGap } = analyseDyad(sorted, { ...DEFAULT_SETTINGS, windowDays });
        const day = (s: Signal) => Date.parse(s.date) / 86_400_000;
        sorted.forEach((s, i) => {
          // The window is (date − W, date]: every signal of that day counts, even those after it.
          const inside = sorted.filter((o) => day(o) > day(s) - windowDays && day(o) <= day(s));
          const gaps = inside.map((o) => o.perceived - o.intended);
          // Under 3 signals the window is too few to say.
          if (inside.length < 3) return expect(rollingGap[i]).toBeNaN();
          expect(rollingGap[i]).toBeGreaterThanOrEqual(Math.min(...gaps) - 1e-9);
          expect(rollingGap[i]).toBeLessThanOrEqual(Math.max(...gaps) + 1e-9);
        });
      }),
    );
  });

  it('the metrics do not depend on the order the signals come in', () => {
    check(
      fc.property(
        dyad.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(
              rows.map((_, i) => i),
              { minLength: rows.length },
            ),
          ),
        ),
        ([rows, order]) => {
          const list = toSignals(rows);
          const shuffled = order.map((i) => list[i]);
          expect(dyadMetrics(shuffled, DEFAULT_SETTINGS)).toEqual(
            dyadMetrics(sortSignals(list), DEFAULT_SETTINGS),
          );
        },
      ),
    );
  });
});
