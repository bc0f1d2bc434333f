/**
 * Restore in a signal's history (db/restore.ts): the version a change replaced
 * comes back as a new change, recorded in turn; another analyst's scores and a
 * signal changed since are refused, with nothing written.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseAnalyst, saveAnalystName } from '../../src/lib/db/analysts';
import { assessmentsOf } from '../../src/lib/db/assessments';
import { db } from '../../src/lib/db/database';
import { historyOf } from '../../src/lib/db/history';
import { restoreRevision, RestoreVersionError } from '../../src/lib/db/restore';
import { addSignal, StaleRecordError, updateSignal, type FactsDraft } from '../../src/lib/db/signals';
import type { AssessmentDraft, Signal } from '../../src/lib/domain/types';
import { actor, IRAN, US } from './factories';

const FACTS: FactsDraft = {
  date: '2019-06-20',
  senderId: IRAN,
  receiverId: US,
  title: 'Global Hawk shot down',
  kind: 'force',
  cost: 'sunk cost',
  capped: false,
  redLineId: null,
  sources: [],
  tags: ['drone'],
  notes: '',
};
const MINA: AssessmentDraft = {
  intended: 60,
  displayed: 70,
  perceived: 70,
  confidence: 'high',
  rationale: 'Open fire.',
};

async function everything() {
  const [signals, assessments, revisions] = await Promise.all([
    db.signals.toArray(),
    db.assessments.toArray(),
    db.revisions.toArray(),
  ]);
  return { signals, assessments, revisions };
}

let mina: string;
let logged: Signal;

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.actors.bulkAdd([actor({ id: US, name: 'United States' }), actor({ id: IRAN, name: 'Iran' })]);
  mina = (await saveAnalystName('Mina')).id;
  logged = await addSignal(FACTS, MINA);
});

describe('Restore in the history', () => {
  it("brings back the signal's facts before an edit as a new version, recorded as a restore", async () => {
    const edited = await updateSignal(
      logged.id,
      { ...FACTS, title: 'Drone downed', tags: [] },
      logged.updatedAt,
    );
    const [edit] = await historyOf(logged.id);
    expect([edit.change, edit.fields]).toEqual(['edit', ['title', 'tags']]);

    const restored = await restoreRevision(edit.id, edited.updatedAt);
    expect([restored.title, restored.tags]).toEqual(['Global Hawk shot down', ['drone']]);
    expect(restored.ancestors).toEqual([edited.updatedAt, logged.updatedAt]);
    // The consensus stays Mina's scores.
    expect([restored.intended, restored.displayed, restored.perceived]).toEqual([60, 70, 70]);
    const [latest] = await historyOf(logged.id);
    expect([latest.change, latest.table, latest.fields, latest.analystId]).toEqual([
      'restore',
      'signals',
      ['title', 'tags'],
      mina,
    ]);
    expect(latest.previous).toMatchObject({ title: 'Drone downed', tags: [] });
  });

  it("brings back the analyst's own scores before an edit, and the consensus with them", async () => {
    await updateSignal(logged.id, FACTS, logged.updatedAt, {
      draft: { ...MINA, intended: 40, rationale: '' },
    });
    const [edit] = await historyOf(logged.id);
    expect([edit.table, edit.fields]).toEqual(['assessments', ['intended', 'rationale']]);

    const edited = (await db.signals.get(logged.id))!;
    const restored = await restoreRevision(edit.id);
    expect(restored.intended).toBe(60);
    // A new version of the signal, as the edit of the scores was: a backup takes it along.
    expect(restored.ancestors).toEqual([edited.updatedAt, logged.updatedAt]);
    expect(restored.title).toBe(FACTS.title);
    const [own] = await assessmentsOf(logged.id);
    expect([own.intended, own.rationale]).toEqual([60, 'Open fire.']);
    const [latest] = await historyOf(logged.id);
    expect([latest.change, latest.table, latest.fields]).toEqual([
      'restore',
      'assessments',
      ['intended', 'rationale'],
    ]);
  });

  it("refuses another analyst's scores, a creation and a signal changed since, writing nothing", async () => {
    await updateSignal(logged.id, FACTS, logged.updatedAt, { draft: { ...MINA, intended: 40 } });
    const [minasEdit] = await historyOf(logged.id);
    const stamp = new Date().toISOString();
    await db.analysts.add({ id: 'a-ben', name: 'Ben', createdAt: stamp, updatedAt: stamp });
    await chooseAnalyst('a-ben');
    const before = await everything();
    await expect(restoreRevision(minasEdit.id)).rejects.toThrow(RestoreVersionError);
    await expect(restoreRevision(minasEdit.id)).rejects.toThrow(/another analyst’s/);

    const creation = (await historyOf(logged.id)).find((r) => r.change === 'create')!;
    await expect(restoreRevision(creation.id)).rejects.toThrow(
      'that change has no earlier version to bring back',
    );

    await chooseAnalyst(mina);
    await expect(restoreRevision(minasEdit.id, '2000-01-01T00:00:00.000Z')).rejects.toThrow(StaleRecordError);
    expect(await everything()).toEqual(before);
  });
});
