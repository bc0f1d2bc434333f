import { describe, expect, it } from 'vitest';
import { checkBackup, serializeBackup, type CheckResult } from '../../src/lib/domain/backup';
import {
  conflictFields,
  decide,
  decideDeletion,
  describeOutcome,
  differingFields,
  joinVersions,
  emptyOutcome,
  NAMES_KEPT,
  note,
  tally,
  type Conflict,
} from '../../src/lib/domain/merge';
import type { Signal } from '../../src/lib/domain/types';
import { IRAN, US, actor, redLine, signal } from './factories';
import { ANA, assessmentOf, facts, scored } from './scored';

const T0 = '2026-01-01T10:00:00.000Z'; // created; both sides agreed
const T1 = '2026-01-02T10:00:00.000Z';
const T2 = '2026-01-03T10:00:00.000Z';
const T3 = '2026-01-04T10:00:00.000Z';

/** A signal's versions, written out by hand: created at T0, perceived 40. */
const created = signal({ id: 'sig', title: 'Drone shot down', perceived: 40, createdAt: T0, updatedAt: T0 });
/** Edited here at T1 from T0. */
const mineAtT1: Signal = { ...created, perceived: 30, updatedAt: T1, ancestors: [T0] };
/** Edited in the file at T2 from T0, by someone who never saw T1. */
const theirsAtT2: Signal = { ...created, notes: 'theirs', updatedAt: T2, ancestors: [T0] };
/** Edited in the file at T2 from T1: it saw our edit. */
const theirsFromT1: Signal = { ...mineAtT1, notes: 'theirs', updatedAt: T2, ancestors: [T1, T0] };

describe('where an incoming copy stands against the local record', () => {
  it.each<[string, Signal, Signal | undefined, string]>([
    ['a record not held here is added', created, undefined, 'add'],
    ['the same version with the same content is unchanged', { ...created }, created, 'unchanged'],
    [
      'the same instant written with another offset is the same version',
      { ...created, updatedAt: '2026-01-01T11:00:00.000+01:00' },
      created,
      'unchanged',
    ],
    [
      'the same stamp with other content was edited outside Parallax (a spreadsheet)',
      { ...created, perceived: 55 },
      created,
      'edited',
    ],
    ['a copy edited from the local version replaces it', theirsFromT1, mineAtT1, 'update'],
    ['a copy of a version the local record has moved on from is left alone', created, mineAtT1, 'stale'],
    ['an old copy whose ancestry the local record holds is stale', mineAtT1, theirsFromT1, 'stale'],
    [
      'edits on both sides since T0 are a conflict, though the file is newer',
      theirsAtT2,
      mineAtT1,
      'conflict',
    ],
    ['and the same conflict seen from the other side', mineAtT1, theirsAtT2, 'conflict'],
    [
      'edits on both sides that came to the same content are nothing to choose between',
      { ...mineAtT1, updatedAt: T2, ancestors: [T0] },
      mineAtT1,
      'unchanged',
    ],
  ])('%s', (_what, incoming, local, expected) => {
    expect(decide(incoming, local)).toBe(expected);
  });
});

describe('a copy without ancestry (a version 1 backup, a CSV row) is read conservatively', () => {
  const bare = (s: Signal): Signal => {
    const { ancestors: _drop, ...rest } = s;
    return rest;
  };

  it.each<[string, Signal, Signal, string]>([
    // Every later version of a record descends from its first one.
    [
      'a newer copy replaces a local record never edited since it was created',
      bare(theirsAtT2),
      created,
      'update',
    ],
    ['the record as created, older than the local edit, is stale', bare(created), mineAtT1, 'stale'],
    // Here nothing proves which version the file's copy was edited from.
    [
      'a newer copy of a record edited here is a conflict, never a guess',
      bare(theirsAtT2),
      mineAtT1,
      'conflict',
    ],
    [
      'an older edited copy of a record edited here is a conflict too',
      bare({ ...created, notes: 'x', updatedAt: T1 }),
      { ...created, notes: 'y', updatedAt: T2, ancestors: [T0] },
      'conflict',
    ],
    [
      'an older edit in the file, the local record edited later in an older Parallax (no ancestry either)',
      bare({ ...created, notes: 'x', updatedAt: T1 }),
      bare({ ...created, notes: 'y', updatedAt: T2 }),
      'conflict',
    ],
    ['a copy whose stamp the local ancestry holds is stale', bare(created), mineAtT1, 'stale'],
  ])('%s', (_what, incoming, local, expected) => {
    expect(decide(incoming, local)).toBe(expected);
  });
});

describe('deletions', () => {
  it('a copy no newer than this database’s deletion of it stays deleted', () => {
    expect(decide(created, undefined, { deletedAt: T1 })).toBe('deleted-here');
    expect(decide(created, undefined, { deletedAt: T0 })).toBe('deleted-here');
  });

  it('a copy edited after the deletion comes back', () => {
    expect(decide(theirsAtT2, undefined, { deletedAt: T1 })).toBe('add');
  });

  it.each([
    ['a deletion newer than the local record deletes it', T2, mineAtT1, 'delete'],
    ['a deletion older than a local edit leaves the record', T0, mineAtT1, 'keep'],
    ['a deletion at the instant of the local version leaves it (not newer)', T1, mineAtT1, 'keep'],
    ['a deletion of a record not held here has nothing to delete', T3, undefined, 'absent'],
  ] as const)('%s', (_what, deletedAt, local, expected) => {
    expect(decideDeletion({ table: 'signals', id: 'sig', deletedAt }, local)).toBe(expected);
  });
});

describe('settling a conflict', () => {
  it('stamps a version that descends from both sides, so each takes it from the other’s backup', () => {
    const joined = joinVersions(mineAtT1, theirsAtT2, T3);
    expect(joined).toEqual({ updatedAt: T3, ancestors: [T2, T1, T0] });
    // Either side, holding its own version, sees the settled record as a descendant.
    expect(decide({ ...mineAtT1, ...joined }, mineAtT1)).toBe('update');
    expect(decide({ ...mineAtT1, ...joined }, theirsAtT2)).toBe('update');
  });

  it('never stamps earlier than the newer side, even when the clock is behind', () => {
    expect(joinVersions(mineAtT1, theirsAtT2, T0).updatedAt).toBe('2026-01-03T10:00:00.001Z');
  });

  it('shows the fields that differ, side by side, actors by name', () => {
    const conflict: Conflict = {
      table: 'signals',
      name: 'Drone shot down',
      labels: { [US]: 'United States', [IRAN]: 'Iran', kh: "Kata'ib Hezbollah" },
      local: { ...mineAtT1, tags: ['Hormuz'], capped: true },
      incoming: { ...theirsAtT2, receiverId: 'kh', tags: [], capped: false },
    };
    expect(differingFields(conflict.local, conflict.incoming)).toEqual([
      'receiverId',
      'perceived',
      'capped',
      'tags',
      'notes',
    ]);
    // A signal's scores are its consensus, no fact to choose: they differ in its assessments.
    expect(conflictFields(conflict)).toEqual([
      { field: 'receiverId', label: 'Receiver', mine: 'Iran', theirs: "Kata'ib Hezbollah" },
      { field: 'capped', label: 'Capped', mine: 'yes', theirs: 'no' },
      { field: 'tags', label: 'Tags', mine: 'Hormuz', theirs: '–' },
      { field: 'notes', label: 'Notes', mine: '–', theirs: 'theirs' },
    ]);
  });

  it('shows an analyst both versions of their own assessment, score by score', () => {
    const mine = { ...assessmentOf(mineAtT1), displayed: 60, rationale: 'Mine' };
    const theirs = { ...assessmentOf(theirsAtT2), displayed: null, rationale: 'Theirs' };
    const conflict: Conflict = {
      table: 'assessments',
      name: "Ana's scores of ‘Drone shot down’",
      labels: {},
      local: mine,
      incoming: theirs,
    };
    expect(conflictFields(conflict)).toEqual([
      { field: 'displayed', label: 'Displayed resolve', mine: '60', theirs: '–' },
      { field: 'perceived', label: 'Perceived resolve', mine: '30', theirs: '40' },
      { field: 'rationale', label: 'Rationale', mine: 'Mine', theirs: 'Theirs' },
    ]);
    expect(mine.analystId).toBe(ANA.id);
  });
});

describe('the outcome of a merge, by name', () => {
  it('says what was added, updated, deleted, left alone and in conflict', () => {
    const outcome = emptyOutcome();
    tally(outcome.signals, 'add', 'New from colleague');
    tally(outcome.signals, 'update', 'Strike called off');
    tally(outcome.signals, 'edited', 'Drone shot down');
    note(outcome.signals.deleted, 'Tanker attack');
    tally(outcome.signals, 'unchanged', 'Same');
    tally(outcome.signals, 'unchanged', 'Same again');
    tally(outcome.signals, 'stale', 'Embassy breached');
    tally(outcome.signals, 'deleted-here', 'Old rumour');
    tally(outcome.signals, 'conflict', 'Soleimani killed');
    tally(outcome.actors, 'add', "Kata'ib Hezbollah");
    outcome.conflicts.push({
      table: 'signals',
      name: 'Soleimani killed',
      labels: {},
      local: created,
      incoming: theirsAtT2,
    });
    outcome.refused.push('Actor “Iraq” was not renamed “Iran”: another actor here is called “Iran”.');
    expect(describeOutcome('colleague.json', outcome)).toBe(
      'Imported colleague.json: 1 signal added, 2 updated, 1 deleted, 2 unchanged, 2 left alone, 1 conflict. ' +
        'Added: “New from colleague”. ' +
        'Updated: “Strike called off”, “Drone shot down” (edited outside Parallax). ' +
        'Deleted: “Tanker attack”. ' +
        'Left alone: “Embassy breached” (yours is newer), “Old rumour” (deleted here). ' +
        'In conflict: “Soleimani killed”. ' +
        "Actors: 1 added, 0 updated. Actors added: “Kata'ib Hezbollah”. " +
        'Actor “Iraq” was not renamed “Iran”: another actor here is called “Iran”. ' +
        'One record was changed both here and in the file: yours stays until you choose, below, which version to keep.',
    );
  });

  it('keeps the first names of a long list and counts the rest', () => {
    const outcome = emptyOutcome();
    for (let i = 1; i <= 25; i++) tally(outcome.signals, 'add', `S${i}`);
    const names = Array.from({ length: NAMES_KEPT }, (_, i) => `“S${i + 1}”`).join(', ');
    expect(describeOutcome('big.json', outcome)).toBe(
      `Imported big.json: 25 signals added, 0 updated, 0 deleted, 0 unchanged, 0 left alone, 0 conflicts. Added: ${names} and 5 more.`,
    );
  });

  it('says nothing by name when nothing changed', () => {
    const outcome = emptyOutcome();
    tally(outcome.signals, 'unchanged', 'Same');
    expect(describeOutcome('same.json', outcome)).toBe(
      'Imported same.json: 0 signals added, 0 updated, 0 deleted, 1 unchanged, 0 left alone, 0 conflicts.',
    );
  });
});

describe('format version 2', () => {
  const ok = (r: CheckResult) => {
    if (!r.ok) throw new Error(`refused: ${r.summary} ${JSON.stringify(r.issues)}`);
    return r.data;
  };
  const us = actor({ id: US, name: 'United States', createdAt: T0, updatedAt: T1, ancestors: [T0] });
  const iran = actor({ id: IRAN, name: 'Iran', createdAt: T0, updatedAt: T0 });
  const line = redLine({ id: 'line', createdAt: T0, updatedAt: T0 });

  it('carries ancestry and deletions through a backup, field for field', () => {
    const data = scored({
      actors: [us, iran],
      redLines: [line],
      signals: [mineAtT1],
      deletions: [{ table: 'signals' as const, id: 'gone', deletedAt: T2 }],
    });
    expect(ok(checkBackup(JSON.parse(serializeBackup(data, T3))))).toEqual(data);
  });

  it('still reads a version 1 file: no ancestry, no deletions', () => {
    const v1 = {
      format: 'parallax',
      version: 1,
      exportedAt: T3,
      actors: [iran, { ...us, ancestors: undefined }],
      redLines: [],
      signals: [created],
    };
    const data = ok(checkBackup(JSON.parse(JSON.stringify(v1))));
    expect(data.signals).toEqual([facts(created)]);
    expect(data.assessments).toMatchObject([{ signalId: 'sig', intended: 50, perceived: 40 }]);
    expect(data.analysts.map((a) => a.name)).toEqual(['Unattributed']);
    expect(data.deletions).toEqual([]);
    expect('ancestors' in data.signals[0]).toBe(false);
  });

  it('refuses a file that both holds and deletes a record, and bad ancestry, with their places', () => {
    const raw = JSON.parse(
      serializeBackup(
        scored({
          actors: [us, iran],
          redLines: [],
          signals: [created, { ...created, id: 'sig-b' }],
          deletions: [
            { table: 'signals', id: 'sig', deletedAt: T2 },
            { table: 'signals', id: 'other', deletedAt: T2 },
            { table: 'signals', id: 'other', deletedAt: T3 },
          ],
        }),
        T3,
      ),
    );
    raw.signals[1].ancestors = ['yesterday'];
    raw.deletions.push({ table: 'notes', id: 'x', deletedAt: T1 });
    const result = checkBackup(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => `${i.place}.${i.field}: ${i.message}`)).toEqual([
      'signals[1].ancestors[0]: must be an ISO timestamp such as 2026-01-15T09:00:00.000Z',
      "deletions[0].id: names a record the file's signals list also holds",
      'deletions[2].id: repeats a deletion of the same signals record',
      'deletions[3].table: must be one of: actors, redLines, signals',
    ]);
  });
});
