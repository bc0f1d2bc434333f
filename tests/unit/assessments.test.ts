/**
 * Analysts and assessments in the store (db/analysts.ts, db/assessments.ts,
 * db/signals.ts): who scores, the consensus cache each write keeps on the
 * signal, the refusals that write nothing, and delete and undo. Every expected
 * consensus is worked out by hand in the test.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AnalystNameError,
  chooseAnalyst,
  currentAnalyst,
  renameAnalyst,
  saveAnalystName,
} from '../../src/lib/db/analysts';
import {
  addAssessment,
  assessmentOf,
  assessmentsOf,
  deleteAssessment,
  DuplicateAssessmentError,
  InvalidAssessmentError,
  LastAssessmentError,
  saveAssessment,
  StaleAssessmentError,
} from '../../src/lib/db/assessments';
import { subscribe, type Change } from '../../src/lib/db/changes';
import { db, UNATTRIBUTED } from '../../src/lib/db/database';
import { addDataSet } from '../../src/lib/db/dataset';
import { EXAMPLE } from '../../src/lib/db/example';
import { historyOf } from '../../src/lib/db/history';
import { acceptCandidate } from '../../src/lib/db/inbox';
import {
  addSignal,
  deleteSignal,
  MissingRecordError,
  MissingReferenceError,
  restoreSignal,
  updateSignal,
  type FactsDraft,
} from '../../src/lib/db/signals';
import { describeError } from '../../src/lib/services/errors';
import type { CandidateEvent } from '../../src/lib/domain/events/candidates';
import type { Analyst, Assessment, AssessmentDraft, Signal } from '../../src/lib/domain/types';
import { IRAN, US, actor, signal } from './factories';

function facts(overrides: Partial<FactsDraft> = {}): FactsDraft {
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    intended: _i,
    perceived: _p,
    confidence: _f,
    ...rest
  } = signal();
  return { ...rest, ...overrides };
}

const scores = (s: Partial<AssessmentDraft> = {}): AssessmentDraft => ({
  intended: 50,
  displayed: null,
  perceived: 50,
  confidence: 'moderate',
  rationale: '',
  ...s,
});

const T = '2026-01-01T00:00:00.000Z';
const analyst = (id: string, name: string): Analyst => ({ id, name, createdAt: T, updatedAt: T });

/** Everything stored, to show that a refused write changed nothing. */
async function everything() {
  const [signals, assessments, analysts, revisions] = await Promise.all([
    db.signals.toArray(),
    db.assessments.toArray(),
    db.analysts.toArray(),
    db.revisions.toArray(),
  ]);
  return { signals, assessments, analysts, revisions };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.actors.bulkAdd([actor({ id: US, name: 'United States' }), actor({ id: IRAN, name: 'Iran' })]);
});

describe('analysts', () => {
  it('has no current analyst until one is named; naming adds one and makes it current', async () => {
    expect(await currentAnalyst()).toBeNull();
    const dana = await saveAnalystName('  Dana  ');
    expect(dana.name).toBe('Dana');
    expect(await currentAnalyst()).toEqual(dana);
    expect((await db.meta.get('currentAnalyst'))?.value).toBe(dana.id);
  });

  it('renames the current analyst on a second name, keeping its id', async () => {
    const dana = await saveAnalystName('Dana');
    const renamed = await saveAnalystName('Dana K.');
    expect(renamed.id).toBe(dana.id);
    expect(renamed.ancestors).toEqual([dana.updatedAt]);
    expect(await db.analysts.count()).toBe(1);
  });

  it('refuses a name by the rule of actors’ names, and one another analyst has, whatever its case', async () => {
    await db.analysts.add(analyst('a-lee', 'Lee'));
    await expect(saveAnalystName('   ')).rejects.toThrow('Analyst name is required.');
    await expect(saveAnalystName('x'.repeat(81))).rejects.toThrow(
      'Analyst name must be at most 80 characters (it has 81).',
    );
    await expect(saveAnalystName('LEE')).rejects.toThrow(
      new AnalystNameError('is taken: an analyst named “Lee” exists'),
    );
    expect(await currentAnalyst()).toBeNull();
    expect(await db.analysts.count()).toBe(1);
  });

  it('renames Unattributed, and makes an existing analyst current', async () => {
    await addSignal({ ...facts(), intended: 10, perceived: 20, confidence: 'low' });
    const [unattributed] = await db.analysts.toArray();
    expect(unattributed.name).toBe(UNATTRIBUTED);
    const renamed = await renameAnalyst(unattributed.id, 'Dana', unattributed.updatedAt);
    expect(renamed.name).toBe('Dana');
    await expect(renameAnalyst(unattributed.id, 'Again', unattributed.updatedAt)).rejects.toThrow(
      'This analyst was changed elsewhere',
    );
    await chooseAnalyst(unattributed.id);
    expect((await currentAnalyst())?.name).toBe('Dana');
    await expect(chooseAnalyst('nobody')).rejects.toBeInstanceOf(MissingReferenceError);
  });
});

describe('a signal and its assessments', () => {
  it('is saved with the current analyst’s assessment, the cache its consensus', async () => {
    const dana = await saveAnalystName('Dana');
    const saved = await addSignal(
      facts({ title: 'Carrier group' }),
      scores({ intended: 70, displayed: 80, perceived: 40, confidence: 'high', rationale: 'why' }),
    );
    expect(saved).toMatchObject({
      title: 'Carrier group',
      intended: 70,
      perceived: 40,
      displayed: 80,
      confidence: 'high',
      weight: 3,
      scores: [{ analystId: dana.id, intended: 70, displayed: 80, perceived: 40, confidence: 'high' }],
    });
    expect(await db.signals.get(saved.id)).toEqual(saved);
    const mine = await assessmentOf(saved.id, dana.id);
    expect(mine).toMatchObject({ rationale: 'why', createdAt: saved.createdAt, updatedAt: saved.createdAt });
  });

  it('gives a signal written before anyone is named to Unattributed', async () => {
    const saved = await addSignal({ ...facts(), intended: 10, perceived: 20, confidence: 'low' });
    const analysts = await db.analysts.toArray();
    expect(analysts.map((a) => a.name)).toEqual([UNATTRIBUTED]);
    expect(saved.scores?.map((s) => s.analystId)).toEqual([analysts[0].id]);
    // Still nobody is current: the form asks for a name.
    expect(await currentAnalyst()).toBeNull();
  });

  it('keeps the mean of two analysts’ scores on the signal, without a new version of it', async () => {
    await db.analysts.bulkAdd([analyst('a-dana', 'Dana'), analyst('a-lee', 'Lee')]);
    const saved = await addSignal(
      facts(),
      scores({ intended: 60, displayed: null, perceived: 30, confidence: 'low' }),
      'a-dana',
    );
    const { signal: after } = await saveAssessment(
      saved.id,
      scores({ intended: 75, displayed: 90, perceived: 45, confidence: 'moderate' }),
      null,
      'a-lee',
    );
    // (60 + 75) / 2 = 67.5; (30 + 45) / 2 = 37.5; displayed: Lee's alone = 90;
    // weight (1 + 2) / 2 = 1.5, a tie between low and moderate: low.
    expect(after).toMatchObject({
      intended: 67.5,
      perceived: 37.5,
      displayed: 90,
      weight: 1.5,
      confidence: 'low',
    });
    expect(after.scores?.map((s) => s.analystId)).toEqual(['a-dana', 'a-lee']);
    expect(after.updatedAt).toBe(saved.updatedAt);
    expect(after.ancestors).toBeUndefined();
    expect(await db.signals.get(saved.id)).toEqual(after);
  });

  it('refuses an assessment changed since the form opened it, and writes nothing', async () => {
    await db.analysts.add(analyst('a-dana', 'Dana'));
    const saved = await addSignal(facts(), scores({ intended: 60 }), 'a-dana');
    const opened = (await assessmentOf(saved.id, 'a-dana'))!;
    await saveAssessment(saved.id, scores({ intended: 61 }), opened.updatedAt, 'a-dana');
    const before = await everything();
    const error = await saveAssessment(saved.id, scores({ intended: 99 }), opened.updatedAt, 'a-dana').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StaleAssessmentError);
    expect((error as StaleAssessmentError).current.intended).toBe(61);
    // One the form did not know of (it opened with none) is refused too.
    await expect(saveAssessment(saved.id, scores(), null, 'a-dana')).rejects.toBeInstanceOf(
      StaleAssessmentError,
    );
    expect(await everything()).toEqual(before);
  });

  it('edits facts and the analyst’s own assessment in one write, each with its own stale check', async () => {
    await db.analysts.bulkAdd([analyst('a-dana', 'Dana'), analyst('a-lee', 'Lee')]);
    const saved = await addSignal(facts({ title: 'old' }), scores({ intended: 20 }), 'a-dana');
    await saveAssessment(saved.id, scores({ intended: 40 }), null, 'a-lee');
    const mine = (await assessmentOf(saved.id, 'a-dana'))!;
    const edited = await updateSignal(
      saved.id,
      facts({ title: 'new' }),
      saved.updatedAt,
      { draft: scores({ intended: 30 }), basedOn: mine.updatedAt },
      'a-dana',
    );
    // (30 + 40) / 2 = 35: Lee's score is untouched by Dana's edit.
    expect(edited).toMatchObject({ title: 'new', intended: 35, ancestors: [saved.updatedAt] });
    expect((await assessmentOf(saved.id, 'a-lee'))?.intended).toBe(40);

    // The form opened the assessment before this edit: refused, nothing written.
    const before = await everything();
    await expect(
      updateSignal(
        saved.id,
        facts({ title: 'newer' }),
        edited.updatedAt,
        { draft: scores({ intended: 1 }), basedOn: mine.updatedAt },
        'a-dana',
      ),
    ).rejects.toBeInstanceOf(StaleAssessmentError);
    expect(await everything()).toEqual(before);
  });
});

describe('bad input at the store', () => {
  beforeEach(async () => {
    await db.analysts.bulkAdd([analyst('a-dana', 'Dana'), analyst('a-lee', 'Lee')]);
  });

  const record = (over: Partial<Assessment>): Assessment => ({
    id: 'as-1',
    signalId: 'missing',
    analystId: 'a-lee',
    ...scores(),
    createdAt: T,
    updatedAt: T,
    ...over,
  });

  it('refuses an assessment of a missing signal, of a missing analyst, and a second by one analyst', async () => {
    const saved = await addSignal(facts(), scores({ intended: 10 }), 'a-dana');
    const before = await everything();
    await expect(addAssessment(record({ signalId: 'missing' }))).rejects.toThrow(
      'The signal this assessment scores no longer exists',
    );
    await expect(addAssessment(record({ signalId: saved.id, analystId: 'nobody' }))).rejects.toThrow(
      'The analyst of this assessment no longer exists',
    );
    await expect(addAssessment(record({ signalId: saved.id, analystId: 'a-dana' }))).rejects.toBeInstanceOf(
      DuplicateAssessmentError,
    );
    await expect(saveAssessment('missing', scores(), null, 'a-lee')).rejects.toBeInstanceOf(
      MissingRecordError,
    );
    await expect(saveAssessment(saved.id, scores(), null, 'nobody')).rejects.toBeInstanceOf(
      MissingReferenceError,
    );
    expect(await everything()).toEqual(before);
  });

  it('refuses a displayed score of 101, naming the field, and writes nothing', async () => {
    const saved = await addSignal(facts(), scores(), 'a-dana');
    const before = await everything();
    const error = await saveAssessment(saved.id, scores({ displayed: 101 }), null, 'a-lee').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidAssessmentError);
    expect((error as Error).message).toBe(
      'The assessment was refused: displayed must be a whole number from 0 to 100.',
    );
    await expect(addAssessment(record({ signalId: saved.id, intended: -1 }))).rejects.toThrow(
      'intended must be a whole number from 0 to 100',
    );
    await expect(addSignal(facts(), scores({ perceived: 101 }), 'a-lee')).rejects.toBeInstanceOf(
      InvalidAssessmentError,
    );
    expect(await everything()).toEqual(before);
  });

  it('refuses to delete a signal’s last assessment', async () => {
    const saved = await addSignal(facts(), scores(), 'a-dana');
    const [only] = await assessmentsOf(saved.id);
    const refusal = await deleteAssessment(only.id, 'a-dana').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LastAssessmentError);
    expect(await assessmentsOf(saved.id)).toEqual([only]);
    // The sentence on screen says once that nothing was written.
    expect(describeError(refusal, 'remove the scores')).toBe(
      'Could not remove the scores: This is the only assessment of the signal: delete the signal instead. Nothing was written.',
    );
  });
});

describe('delete and undo', () => {
  it('deletes a signal with its assessments and brings both back on undo', async () => {
    await db.analysts.bulkAdd([analyst('a-dana', 'Dana'), analyst('a-lee', 'Lee')]);
    const saved = await addSignal(facts(), scores({ intended: 20, rationale: 'Dana’s' }), 'a-dana');
    await saveAssessment(saved.id, scores({ intended: 40, rationale: 'Lee’s' }), null, 'a-lee');
    const assessments = await assessmentsOf(saved.id);
    const removed = await deleteSignal(saved.id, 'a-dana');
    expect(await db.assessments.count()).toBe(0);
    expect(await db.deletions.toArray()).toEqual([
      expect.objectContaining({ table: 'signals', id: saved.id }),
    ]);

    const restored = await restoreSignal(removed, 'a-dana');
    expect(await assessmentsOf(saved.id)).toEqual(assessments);
    // (20 + 40) / 2
    expect(restored.intended).toBe(30);
    expect(await db.signals.get(saved.id)).toEqual(restored);
  });
});

describe('the inbox, the tabs and the example', () => {
  it('accepting an event saves the analyst’s assessment with the signal', async () => {
    const dana = await saveAnalystName('Dana');
    const candidate = { id: 'gdelt:1', dupKey: 'k' } as CandidateEvent;
    await db.candidates.add({ ...candidate, date: '2019-06-20' } as CandidateEvent);
    const saved = await acceptCandidate(candidate, facts(), scores({ intended: 33, displayed: 44 }));
    expect((await assessmentOf(saved.id, dana.id))?.intended).toBe(33);
    expect(saved).toMatchObject({ intended: 33, displayed: 44 });
    expect(await db.candidates.count()).toBe(0);
    // Its history: the signal logged and scored, both by Dana.
    const history = await historyOf(saved.id);
    expect(history.map((r) => [r.table, r.change, r.analystId]).sort()).toEqual([
      ['assessments', 'create', dana.id],
      ['signals', 'create', dana.id],
    ]);
  });

  it('announces an assessment write as a put of its signal, with the new consensus', async () => {
    await db.analysts.bulkAdd([analyst('a-dana', 'Dana'), analyst('a-lee', 'Lee')]);
    const saved = await addSignal(facts(), scores({ intended: 20 }), 'a-dana');
    const seen: Change[] = [];
    const stop = subscribe((c) => seen.push(c));
    await saveAssessment(saved.id, scores({ intended: 30 }), null, 'a-lee');
    stop();
    expect(seen).toHaveLength(1);
    const [change] = seen;
    expect(change).toMatchObject({ table: 'signals', type: 'put' });
    // (20 + 30) / 2
    expect((change as { records: Signal[] }).records.map((s) => [s.id, s.intended])).toEqual([
      [saved.id, 25],
    ]);
  });

  it('loads the example as the assessments of the analyst Example, once', async () => {
    await db.actors.clear();
    expect(await addDataSet(EXAMPLE)).toBe(EXAMPLE.signals.length);
    const analysts = await db.analysts.toArray();
    expect(analysts.map((a) => a.name)).toEqual(['Example']);
    const assessments = await db.assessments.toArray();
    // The data set's own records, as it lists them (ids, displayed resolve, rationale).
    expect(assessments).toEqual([...EXAMPLE.assessments].sort((a, b) => (a.id < b.id ? -1 : 1)));
    for (const s of EXAMPLE.signals) {
      const stored = (await db.signals.get(s.id))!;
      const own = EXAMPLE.assessments.find((a) => a.signalId === s.id)!;
      expect([
        stored.intended,
        stored.perceived,
        stored.confidence,
        stored.displayed,
        stored.updatedAt,
      ]).toEqual([own.intended, own.perceived, own.confidence, own.displayed, s.updatedAt]);
      expect(stored.scores?.map((x) => x.analystId)).toEqual([analysts[0].id]);
    }
    expect(await addDataSet(EXAMPLE)).toBe(0);
    expect(await db.assessments.count()).toBe(EXAMPLE.signals.length);
  });
});

describe('the consensus cache, after any sequence of writes', () => {
  const ANALYSTS = ['a1', 'a2', 'a3'];
  const SIGNALS = 3;
  const confidence = fc.constantFrom('low' as const, 'moderate' as const, 'high' as const);
  const draft = fc.record({
    intended: fc.integer({ min: 0, max: 100 }),
    displayed: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    perceived: fc.integer({ min: 0, max: 100 }),
    confidence,
    rationale: fc.constant(''),
  });
  const step = fc.oneof(
    fc.record({
      op: fc.constant('save' as const),
      s: fc.nat(SIGNALS - 1),
      a: fc.nat(ANALYSTS.length - 1),
      draft,
    }),
    fc.record({ op: fc.constant('delete' as const), s: fc.nat(SIGNALS - 1), a: fc.nat(ANALYSTS.length - 1) }),
  );

  it('equals the consensus of the assessments the table holds, worked out from the rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        await db.signals.clear();
        await db.assessments.clear();
        await db.analysts.clear();
        await db.analysts.bulkAdd(ANALYSTS.map((id) => analyst(id, id)));
        const ids: string[] = [];
        for (let i = 0; i < SIGNALS; i++) ids.push((await addSignal(facts(), scores(), ANALYSTS[0])).id);
        for (const s of steps) {
          const signalId = ids[s.s];
          const analystId = ANALYSTS[s.a];
          if (s.op === 'save') await saveAssessment(signalId, s.draft, undefined, analystId);
          else {
            const mine = await assessmentOf(signalId, analystId);
            if (mine) await deleteAssessment(mine.id, analystId).catch((e: unknown) => e);
          }
        }
        for (const id of ids) {
          const rows = await assessmentsOf(id);
          const stored = (await db.signals.get(id))!;
          const n = rows.length;
          const sum = (f: (a: Assessment) => number) => rows.reduce((t, a) => t + f(a), 0);
          const shown = rows.filter((a) => a.displayed !== null);
          const w = { low: 1, moderate: 2, high: 3 } as const;
          const weight = sum((a) => w[a.confidence]) / n;
          // The nearest level, a tie to the lower: below 1.5 low, up to 2.5 moderate, above high.
          const level = weight <= 1.5 ? 'low' : weight <= 2.5 ? 'moderate' : 'high';
          expect(n).toBeGreaterThan(0);
          expect(stored.intended).toBeCloseTo(sum((a) => a.intended) / n, 9);
          expect(stored.perceived).toBeCloseTo(sum((a) => a.perceived) / n, 9);
          expect(stored.displayed ?? null).toBe(
            shown.length ? shown.reduce((t, a) => t + a.displayed!, 0) / shown.length : null,
          );
          expect(stored.weight).toBeCloseTo(weight, 9);
          expect(stored.confidence).toBe(level);
          expect(stored.scores).toEqual(
            [...rows]
              .sort((a, b) => (a.analystId < b.analystId ? -1 : 1))
              .map((a) => ({
                analystId: a.analystId,
                intended: a.intended,
                displayed: a.displayed,
                perceived: a.perceived,
                confidence: a.confidence,
              })),
          );
        }
      }),
      { seed: 20261129, numRuns: 25 },
    );
    // Many small transactions: a ceiling far above any machine, as the fuzz tests have, not a timing.
  }, 300_000);
});
