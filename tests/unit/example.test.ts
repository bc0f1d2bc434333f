/**
 * The example data set (PRODUCT.md §1, §8) is sound and tells the story it claims.
 * Gaps and rolling gaps are worked out here with plain loops, not with the app's
 * analytics, so that a bug there cannot hide a bad data set (or the reverse).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/db/database';
import { addDataSet } from '../../src/lib/db/dataset';
import { EXAMPLE } from '../../src/lib/db/example';
import { analystName, checkAssessmentFields } from '../../src/lib/domain/rules';
import { validateSignal } from '../../src/lib/domain/validate';
import type { Signal } from '../../src/lib/domain/types';

const { actors, redLines, signals, analysts, assessments } = EXAMPLE;

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A real calendar date `YYYY-MM-DD`, checked by hand (2019-02-30 is not one). */
function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Whole days since 1970-01-01 for a calendar date, zone-free. */
function day(date: string): number {
  return Math.round(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000);
}

function actorId(code: string): string {
  const actor = actors.find((a) => a.code === code);
  if (!actor) throw new Error(`no actor with code ${code}`);
  return actor.id;
}

const US = actorId('US');
const IRN = actorId('IRN');
const KH = actorId('KH');

function dyad(senderId: string, receiverId: string): Signal[] {
  return signals.filter((s) => s.senderId === senderId && s.receiverId === receiverId);
}

const gap = (s: Signal) => s.perceived - s.intended;
const WEIGHT = { low: 1, moderate: 2, high: 3 } as const;

/** The example analyst's displayed resolve of a signal (one analyst: the consensus). */
function displayedOf(s: Signal): number {
  const a = assessments.find((x) => x.signalId === s.id);
  if (!a || a.displayed === null) throw new Error(`no displayed resolve for ${s.title}`);
  return a.displayed;
}

/** PRODUCT.md §2: words and deeds. */
const WORD_KINDS = new Set(['statement', 'threat', 'diplomacy']);
const DEED_KINDS = new Set(['restraint', 'deployment', 'sanction', 'force']);

/**
 * PRODUCT.md §3's mixed-message index at each signal of a dyad, worked out here:
 * over the signals dated in (date − 90, date] with a displayed resolve, the mean
 * displayed resolve of the words minus that of the deeds; null unless the window
 * holds 3 such signals with at least one word and one deed.
 */
function mixedMessages(list: Signal[]): { signal: Signal; index: number | null }[] {
  return list.map((s) => {
    const words: number[] = [];
    const deeds: number[] = [];
    let count = 0;
    for (const t of list) {
      if (day(t.date) <= day(s.date) - 90 || day(t.date) > day(s.date)) continue;
      count++;
      if (WORD_KINDS.has(t.kind)) words.push(displayedOf(t));
      else if (DEED_KINDS.has(t.kind)) deeds.push(displayedOf(t));
    }
    const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
    const index = count >= 3 && words.length > 0 && deeds.length > 0 ? mean(words) - mean(deeds) : null;
    return { signal: s, index };
  });
}

/** PRODUCT.md §1: every date of the public-record table. */
const TABLE_DATES = [
  '2018-05-08',
  '2019-05-12',
  '2019-06-13',
  '2019-06-20',
  '2019-06-21',
  '2019-09-14',
  '2019-10-07',
  '2019-12-27',
  '2019-12-29',
  '2019-12-31',
  '2020-01-01',
  '2020-01-03',
  '2020-01-08',
];

describe('example data set: records', () => {
  it('has unique UUID v4 ids across all records', () => {
    const ids = [...actors, ...redLines, ...signals, ...analysts, ...assessments].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, id).toMatch(UUID_V4);
  });

  it('has fixed creation times, one per record, rising in listing order', () => {
    const records = [...actors, ...redLines, ...signals, ...analysts, ...assessments];
    let previous = '';
    for (const r of records) {
      expect(r.createdAt).toMatch(ISO_INSTANT);
      expect(r.updatedAt).toBe(r.createdAt);
      expect(r.createdAt > previous, `${r.id} created after the record before it`).toBe(true);
      previous = r.createdAt;
    }
    // Loading the module twice gives the same times (no clock is read).
    expect(records[0].createdAt).toBe('2026-01-15T09:00:00.000Z');
  });

  it('has actors with names, codes and distinct #rrggbb colours', () => {
    for (const code of ['US', 'IRN', 'KH']) expect(actors.some((a) => a.code === code)).toBe(true);
    const colours = actors.map((a) => a.color);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colours).size).toBe(colours.length);
    expect(new Set(actors.map((a) => a.name.toLowerCase())).size).toBe(actors.length);
    expect(new Set(actors.map((a) => a.code)).size).toBe(actors.length);
  });

  it('has red lines drawn by a known actor against another, with real dates', () => {
    const ids = new Set(actors.map((a) => a.id));
    for (const r of redLines) {
      expect(ids.has(r.actorId)).toBe(true);
      expect(ids.has(r.targetId)).toBe(true);
      expect(r.actorId).not.toBe(r.targetId);
      expect(isRealDate(r.declared), r.declared).toBe(true);
      expect(r.text.trim().length).toBeGreaterThan(0);
    }
  });

  it('has at least 16 signals, listed in date order', () => {
    expect(signals.length).toBeGreaterThanOrEqual(16);
    for (let i = 1; i < signals.length; i++) {
      expect(signals[i].date >= signals[i - 1].date, signals[i].title).toBe(true);
    }
  });

  it('has signals whose references resolve, with sender ≠ receiver', () => {
    const actorIds = new Set(actors.map((a) => a.id));
    const lineIds = new Set(redLines.map((r) => r.id));
    for (const s of signals) {
      expect(actorIds.has(s.senderId), s.title).toBe(true);
      expect(actorIds.has(s.receiverId), s.title).toBe(true);
      expect(s.senderId).not.toBe(s.receiverId);
      if (s.redLineId !== null) expect(lineIds.has(s.redLineId), s.title).toBe(true);
    }
  });

  it('has whole-number scores 0–100 and real calendar dates', () => {
    for (const s of signals) {
      for (const score of [s.intended, s.perceived]) {
        expect(Number.isInteger(score), s.title).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }
      expect(isRealDate(s.date), s.date).toBe(true);
    }
  });

  it('gives every signal a plain title, a note, tags and an https source', () => {
    for (const s of signals) {
      expect(s.title.trim().length, s.id).toBeGreaterThan(0);
      expect(s.title.length, s.title).toBeLessThanOrEqual(120);
      expect(s.title).not.toMatch(/[\r\n<>]/);
      expect(s.notes.trim().length, s.title).toBeGreaterThan(0);
      expect(s.tags.length, s.title).toBeGreaterThan(0);
      for (const t of s.tags) expect(t).toMatch(/^[a-z0-9-]+$/);
      expect(s.sources.length, s.title).toBeGreaterThan(0);
      for (const source of s.sources) {
        expect(source.label.trim().length).toBeGreaterThan(0);
        expect(new URL(source.url).protocol, source.url).toBe('https:');
        expect(source.url, 'ASCII-safe URL').toMatch(/^[\x21-\x7e]+$/);
      }
    }
  });

  it('is scored by one analyst named Example, one assessment per signal', () => {
    expect(analysts.map((a) => a.name)).toEqual(['Example']);
    const [example] = analysts;
    expect(assessments.length).toBe(signals.length);
    const signalIds = new Set(signals.map((s) => s.id));
    expect(new Set(assessments.map((a) => a.signalId))).toEqual(signalIds);
    for (const a of assessments) expect(a.analystId, a.id).toBe(example.id);
  });

  it("gives every signal a displayed resolve and a rationale, its scores the signal's own", () => {
    const bySignal = new Map(assessments.map((a) => [a.signalId, a]));
    for (const s of signals) {
      const a = bySignal.get(s.id)!;
      expect(a.displayed, s.title).not.toBeNull();
      for (const score of [a.intended, a.displayed!, a.perceived]) {
        expect(Number.isInteger(score), s.title).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }
      // One analyst: the signal's consensus is that analyst's scores.
      expect([a.intended, a.perceived, a.confidence], s.title).toEqual([
        s.intended,
        s.perceived,
        s.confidence,
      ]);
      expect(a.rationale.trim().length, s.title).toBeGreaterThan(0);
      expect(a.rationale).not.toMatch(/[<>]/);
    }
  });

  it('passes the app validator, field for field', () => {
    const ctx = {
      actorIds: new Set(actors.map((a) => a.id)),
      redLines: new Map(redLines.map((r) => [r.id, r])),
    };
    for (const s of signals) {
      const result = validateSignal(s, ctx);
      expect(result.ok ? [] : result.errors, s.title).toEqual([]);
      if (result.ok) {
        const { id: _id, createdAt: _c, updatedAt: _u, ...draft } = s;
        expect(result.value).toEqual(draft);
      }
    }
    for (const a of assessments) {
      const failures: string[] = [];
      const draft = checkAssessmentFields(a, (field, message) => failures.push(`${field} ${message}`));
      expect(failures, a.id).toEqual([]);
      const { intended, displayed, perceived, confidence, rationale } = a;
      expect(draft).toEqual({ intended, displayed, perceived, confidence, rationale });
    }
    for (const a of analysts) expect(analystName(a.name)).toEqual({ ok: true, value: a.name });
  });
});

describe('example data set: the story', () => {
  it('covers every date of the public-record table', () => {
    const dates = new Set(signals.map((s) => s.date));
    for (const date of TABLE_DATES) expect(dates.has(date), date).toBe(true);
  });

  it('gives each of the four dashboard dyads at least 3 signals', () => {
    expect(dyad(US, IRN).length).toBeGreaterThanOrEqual(3);
    expect(dyad(IRN, US).length).toBeGreaterThanOrEqual(3);
    expect(dyad(KH, US).length).toBeGreaterThanOrEqual(3);
    expect(dyad(US, KH).length).toBeGreaterThanOrEqual(3);
  });

  it('has the two US red lines toward Iran, crossed by the militia on 27 and 31 December 2019', () => {
    const kill = redLines.find((r) => r.actorId === US && r.targetId === IRN && /kill/i.test(r.text));
    const embassy = redLines.find((r) => r.actorId === US && r.targetId === IRN && /embassy/i.test(r.text));
    expect(kill).toBeDefined();
    expect(embassy).toBeDefined();

    const k1 = signals.filter((s) => s.date === '2019-12-27' && s.senderId === KH && s.receiverId === US);
    expect(k1.length).toBe(1);
    expect(k1[0].redLineId).toBe(kill!.id);

    const breach = signals.filter((s) => s.date === '2019-12-31' && s.redLineId === embassy!.id);
    expect(breach.length).toBe(1);
    expect(breach[0].senderId).toBe(KH);
    expect(breach[0].receiverId).toBe(US);
  });

  it("caps Iran's strike of 8 January 2020, its intent below how Washington read it", () => {
    const strike = signals.filter(
      (s) => s.date === '2020-01-08' && s.senderId === IRN && s.receiverId === US && s.kind === 'force',
    );
    expect(strike.length).toBe(1);
    expect(strike[0].capped).toBe(true);
    expect(strike[0].intended).toBeLessThan(strike[0].perceived);
  });

  it('shows Iran reading US resolve well below intent through 2019', () => {
    const in2019 = dyad(US, IRN).filter((s) => s.date.startsWith('2019-'));
    expect(in2019.length).toBeGreaterThanOrEqual(3);
    let sum = 0;
    for (const s of in2019) sum += gap(s);
    expect(sum / in2019.length).toBeLessThanOrEqual(-25);
  });

  it('holds a deterrence-failure risk on US → Iran from late June to the end of 2019', () => {
    // Confidence-weighted mean gap over the trailing 90 days (date − 90, date],
    // at every signal of the dyad dated 2019-06-24 … 2019-12-31, each window
    // holding at least 3 signals.
    const list = dyad(US, IRN);
    const checked = list.filter((s) => s.date >= '2019-06-24' && s.date <= '2019-12-31');
    expect(checked.length).toBeGreaterThanOrEqual(5);
    for (const s of checked) {
      let weight = 0;
      let weighted = 0;
      let count = 0;
      for (const t of list) {
        if (day(t.date) > day(s.date) - 90 && day(t.date) <= day(s.date)) {
          weight += WEIGHT[t.confidence];
          weighted += WEIGHT[t.confidence] * gap(t);
          count++;
        }
      }
      expect(count, s.date).toBeGreaterThanOrEqual(3);
      expect(weighted / weight, s.date).toBeLessThanOrEqual(-25);
    }
  });

  it('closes the US → Iran gap on 3 January 2020 and keeps it small afterwards', () => {
    const list = dyad(US, IRN);
    const strike = list.filter((s) => s.date === '2020-01-03');
    expect(strike.length).toBe(1);
    expect(Math.abs(gap(strike[0]))).toBeLessThanOrEqual(10);
    const after = list.filter((s) => s.date > '2020-01-03');
    expect(after.length).toBeGreaterThan(0);
    for (const s of after) expect(Math.abs(gap(s)), s.title).toBeLessThanOrEqual(10);
  });
  it('talks tougher than it acts toward Iran in the autumn of 2019, and no longer in January 2020', () => {
    const indexes = mixedMessages(dyad(US, IRN));
    const scored = indexes.filter((x): x is { signal: Signal; index: number } => x.index !== null);
    // The autumn of 2019: from the September equinox to the December solstice.
    const autumn = scored.filter((x) => x.signal.date >= '2019-09-23' && x.signal.date <= '2019-12-21');
    const january = scored.filter((x) => x.signal.date.startsWith('2020-01'));
    expect(autumn.length).toBeGreaterThanOrEqual(2);
    expect(january.length).toBeGreaterThanOrEqual(3);

    const peak = scored.reduce((top, x) => (x.index > top.index ? x : top));
    expect(peak.signal.date >= '2019-09-23' && peak.signal.date <= '2019-12-21', peak.signal.date).toBe(true);
    // Tough words beside restraint: "locked and loaded" with no strike, then the pull-back from Syria.
    const lockedAndLoaded = scored.find((x) => /locked and loaded/.test(x.signal.title))!;
    const syria = scored.find((x) => x.signal.date === '2019-10-07')!;
    expect(lockedAndLoaded.signal.date).toBe('2019-09-15');
    for (const x of january) {
      expect(x.index, x.signal.date).toBeLessThanOrEqual(20);
      expect(x.index, x.signal.date).toBeLessThan(peak.index / 2);
      expect(x.index, x.signal.date).toBeLessThan(lockedAndLoaded.index);
      expect(x.index, x.signal.date).toBeLessThan(syria.index);
    }
  });

  it("shows Iran's capped strike of 8 January 2020 as more than Tehran meant", () => {
    const strike = signals.find(
      (s) => s.date === '2020-01-08' && s.senderId === IRN && s.receiverId === US && s.kind === 'force',
    )!;
    expect(displayedOf(strike)).toBeGreaterThan(strike.intended);
  });
});

describe('example data set: corrections', () => {
  it('marks the 8 January 2020 strike on Ain al-Asad, which wounded Americans, as crossing the line on killing or wounding', () => {
    const line = redLines.find((r) => r.actorId === US && r.targetId === IRN && /kill/i.test(r.text))!;
    expect(line.text).toMatch(/kills or wounds an American/);
    const strike = signals.filter((s) => s.date === '2020-01-08' && /Ain al-Asad/.test(s.title));
    expect(strike.length).toBe(1);
    expect(strike[0].redLineId).toBe(line.id);
    expect(strike[0].capped).toBe(true);
  });

  it('leaves the downing of PS752 out of the signals, an accident told in a note', () => {
    expect(signals.filter((s) => /PS752/.test(s.title))).toEqual([]);
    expect(actors.map((a) => a.name)).not.toContain('Ukraine');
    // Every actor sends or receives a signal: none is left over from the removed ones.
    for (const a of actors) {
      expect(
        signals.some((s) => s.senderId === a.id || s.receiverId === a.id),
        a.name,
      ).toBe(true);
    }
    const told = signals.filter((s) => /PS752/.test(s.notes));
    expect(told.length).toBe(1);
    expect(told[0].date).toBe('2020-01-08');
    expect(told[0].notes).toMatch(/accident/i);
  });

  it('spells Qassem Soleimani one way in every text it shows', () => {
    const texts = [
      ...redLines.map((r) => r.text),
      ...signals.flatMap((s) => [s.title, s.notes, ...s.sources.map((x) => x.label)]),
      ...assessments.map((a) => a.rationale),
    ];
    const named = texts.filter((t) => /Soleimani|Sulaimani|Suleimani/i.test(t));
    expect(named.length).toBeGreaterThan(0);
    for (const t of texts) {
      expect(t).not.toMatch(/Qasem|Qasim|Ghasem|Sulaimani|Suleimani/i);
      // A first name, where given, is always Qassem.
      for (const [name] of t.matchAll(/\b[GQ]\w* Soleimani/g)) expect(name, t).toBe('Qassem Soleimani');
    }
  });
});

describe('example data set: loaded', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it('stores every signal with its one assessment by the analyst Example, displayed resolve and rationale included', async () => {
    expect(await addDataSet(EXAMPLE)).toBe(signals.length);
    const example = (await db.analysts.toArray()).filter((a) => a.name === 'Example');
    expect(example.length).toBe(1);
    const stored = await db.assessments.toArray();
    expect(stored.length).toBe(signals.length);
    for (const a of assessments) {
      const mine = stored.filter((x) => x.signalId === a.signalId);
      expect(mine.length, a.signalId).toBe(1);
      expect(mine[0]).toEqual({ ...a, analystId: example[0].id });
      // One analyst: the signal's consensus shows that analyst's displayed resolve.
      expect((await db.signals.get(a.signalId))?.displayed, a.signalId).toBe(a.displayed);
    }
  });
});
