/**
 * The example data set (PRODUCT.md §1, §8) is sound and tells the story it claims.
 * Gaps and rolling gaps are worked out here with plain loops, not with the app's
 * analytics, so that a bug there cannot hide a bad data set (or the reverse).
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE } from '../../src/lib/db/example';
import { validateSignal } from '../../src/lib/domain/validate';
import type { Signal } from '../../src/lib/domain/types';

const { actors, redLines, signals } = EXAMPLE;

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
    const ids = [...actors, ...redLines, ...signals].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, id).toMatch(UUID_V4);
  });

  it('has fixed creation times, one per record, rising in listing order', () => {
    const records = [...actors, ...redLines, ...signals];
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
});
