/**
 * Round trips for tests: a signal as the form saves it, then through Export
 * JSON → Import and Export CSV → Import into a profile that holds nothing.
 * The signal's scores travel as its one assessment (by Ana) and are given back
 * on the signal, so a test compares the signal it started from.
 */
import { checkBackup, NO_RECORDS, parseJson, serializeBackup } from '../../src/lib/domain/backup';
import { guessMapping, signalsToCsv } from '../../src/lib/domain/csv';
import { checkCsv, readCsv, type CsvCheck } from '../../src/lib/domain/csv-import';
import { formatIssue } from '../../src/lib/domain/issues';
import type { CheckResult } from '../../src/lib/domain/backup';
import type { Actor, RedLine, Signal } from '../../src/lib/domain/types';
import { validateSignal, type SignalContext, type SignalInput } from '../../src/lib/domain/validate';
import { IRAN, US, actor, redLine } from './factories';
import { ANA, assessmentOf, scored } from './scored';

export const NOW = '2026-11-23T10:00:00.000Z';
export const T0 = '2026-01-01T10:00:00.000Z';
export const US_ACTOR = actor({
  id: US,
  name: 'United States',
  code: 'USA',
  color: '#1d4ed8',
  createdAt: T0,
  updatedAt: T0,
});
export const IRAN_ACTOR = actor({
  id: IRAN,
  name: 'Iran',
  code: 'IRN',
  color: '#b91c1c',
  createdAt: T0,
  updatedAt: T0,
});
/** Drawn by Iran against the United States: a US → Iran signal may cross it. */
export const IRAN_LINE = redLine({
  id: 'line-iran',
  actorId: IRAN,
  targetId: US,
  text: 'An attack on Iranian soil',
  createdAt: T0,
  updatedAt: T0,
});
export const ACTORS = [US_ACTOR, IRAN_ACTOR];
export const FORM_CONTEXT = {
  actorIds: new Set([US, IRAN]),
  redLines: new Map([[IRAN_LINE.id, IRAN_LINE]]),
};

/** New ids for a CSV check: `new-1`, `new-2`, … */
export function counter(): () => string {
  let n = 0;
  return () => `new-${++n}`;
}

/** What an analyst types into the signal form. */
export function typed(overrides: Partial<SignalInput> = {}): SignalInput {
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
    redLineId: '',
    sources: '',
    tags: '',
    notes: '',
    ...overrides,
  };
}

export function accepted<T>(
  result: { ok: true; value: T } | { ok: false; errors: { message: string }[] },
): T {
  if (!result.ok) throw new Error(`refused: ${result.errors.map((e) => e.message).join(' ')}`);
  return result.value;
}

export function refusal(result: CheckResult | CsvCheck): string[] {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.issues.map(formatIssue);
}

/** A signal saved from the form: the draft the form accepted, with what the store adds. */
export function saved(input: SignalInput, context: SignalContext = FORM_CONTEXT): Signal {
  return {
    id: '00000000-0000-4000-8000-00000000f001',
    ...accepted(validateSignal(input, context)),
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-02-01T10:00:00.000Z',
  };
}

/** Export JSON → Import, into a profile that holds nothing. */
export function throughJson(
  signal: Signal,
  actors: Actor[] = ACTORS,
  redLines: RedLine[] = [IRAN_LINE],
): Signal {
  const parsed = parseJson(serializeBackup(scored({ actors, redLines, signals: [signal] }), NOW));
  const result = checkBackup(parsed.ok ? parsed.value : null, { ...NO_RECORDS, now: Date.parse(NOW) });
  if (!result.ok) throw new Error(`backup refused: ${result.issues.map(formatIssue).join('; ')}`);
  const { intended, perceived, confidence } = result.data.assessments[0];
  return { ...result.data.signals[0], intended, perceived, confidence };
}

/**
 * Export CSV → Import, into a profile that holds nothing: actors and red lines
 * are created anew, so the signal comes back with new ids for them; they are
 * given back as the names and text the file carried.
 */
export function throughCsv(
  signal: Signal,
  actors: Actor[] = ACTORS,
  redLines: RedLine[] = [IRAN_LINE],
): Signal {
  const text = signalsToCsv(
    [signal],
    {
      actorName: (id) => actors.find((a) => a.id === id)?.name,
      redLineText: (id) => redLines.find((r) => r.id === id)?.text,
      analystName: (id) => (id === ANA.id ? ANA.name : undefined),
    },
    () => [assessmentOf(signal, ANA)],
  );
  const table = readCsv(text);
  let n = 0;
  const result = checkCsv(table, guessMapping(table.headers), {
    known: NO_RECORDS,
    now: NOW,
    newId: () => `new-${++n}`,
  });
  if (!result.ok) throw new Error(`CSV refused: ${result.issues.map(formatIssue).join('; ')}`);
  const { intended, perceived, confidence } = result.data.assessments[0];
  const back = { ...result.data.signals[0], intended, perceived, confidence };
  const name = (id: string) => result.data.actors.find((a) => a.id === id)!.name;
  const line = result.data.redLines.find((r) => r.id === back.redLineId);
  return {
    ...back,
    senderId: actors.find((a) => a.name === name(back.senderId))!.id,
    receiverId: actors.find((a) => a.name === name(back.receiverId))!.id,
    redLineId: line
      ? redLines.find((r) => r.text === line.text && r.actorId === signal.receiverId)!.id
      : null,
  };
}
