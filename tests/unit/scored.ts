/**
 * Backups of format version 3 for tests, made from signals as the factories
 * make them (scores on the signal): the facts go in `signals`, the scores in
 * one assessment each, by one analyst. And what the database then holds: each
 * signal with its consensus, worked out here by hand for one analyst (the
 * consensus of one assessment is its own scores).
 */
import type { BackupData, StoredData } from '../../src/lib/domain/backup';
import type { SignalFacts } from '../../src/lib/domain/consensus';
import type { Actor, Analyst, Assessment, Deletion, RedLine, Signal } from '../../src/lib/domain/types';
import { IRAN, US, actor, signal } from './factories';

export const ANALYST_AT = '2026-01-01T09:00:00.000Z';
export const ANA: Analyst = {
  id: '00000000-0000-4000-8000-0000000a0a01',
  name: 'Ana',
  createdAt: ANALYST_AT,
  updatedAt: ANALYST_AT,
};
export const BEN: Analyst = {
  id: '00000000-0000-4000-8000-0000000a0a02',
  name: 'Ben',
  createdAt: ANALYST_AT,
  updatedAt: ANALYST_AT,
};

const WEIGHT = { low: 1, moderate: 2, high: 3 } as const;

/** A signal's facts: the record without its scores. */
export function facts(s: Signal): SignalFacts {
  const { intended: _i, perceived: _p, confidence: _c, displayed: _d, weight: _w, scores: _s, ...rest } = s;
  return rest;
}

/** The assessment that holds a signal's scores, by `analyst`, dated like the signal. */
export function assessmentOf(s: Signal, analyst: Analyst = ANA, displayed: number | null = null): Assessment {
  return {
    id: `${s.id}~${analyst.name}`,
    signalId: s.id,
    analystId: analyst.id,
    intended: s.intended,
    displayed,
    perceived: s.perceived,
    confidence: s.confidence,
    rationale: '',
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** A version 3 backup of these records, each signal scored once by `analyst`. */
export function scored(
  records: { actors: Actor[]; redLines: RedLine[]; signals: Signal[]; deletions?: Deletion[] },
  analyst: Analyst = ANA,
): BackupData {
  return {
    actors: records.actors,
    redLines: records.redLines,
    analysts: [analyst],
    signals: records.signals.map(facts),
    assessments: records.signals.map((s) => assessmentOf(s, analyst)),
    ...(records.deletions ? { deletions: records.deletions } : {}),
  };
}

/**
 * What the database holds after importing `data` into an empty one, where
 * each signal has exactly one assessment: its consensus is that assessment's scores.
 */
export function stored(data: BackupData): StoredData {
  const bySignal = new Map(data.assessments.map((a) => [a.signalId, a]));
  return {
    ...data,
    deletions: data.deletions ?? [],
    signals: data.signals.map((s) => {
      const a = bySignal.get(s.id)!;
      return {
        ...s,
        intended: a.intended,
        perceived: a.perceived,
        confidence: a.confidence,
        displayed: a.displayed,
        weight: WEIGHT[a.confidence],
        scores: [
          {
            analystId: a.analystId,
            intended: a.intended,
            displayed: a.displayed,
            perceived: a.perceived,
            confidence: a.confidence,
          },
        ],
      };
    }),
  };
}

/** When the two-signal data set below was made: both sides agreed on it then. */
export const TWO_AT = '2026-01-01T10:00:00.000Z';

/** The United States and Iran, as the two-signal data set holds them. */
export const twoActors = (): Actor[] => [
  actor({ id: US, name: 'United States', createdAt: TWO_AT, updatedAt: TWO_AT }),
  actor({ id: IRAN, name: 'Iran', createdAt: TWO_AT, updatedAt: TWO_AT }),
];

/** Two signals US → Iran with Ana's scores: intended 70, perceived 40, high; and 20 / 60, low. */
export const twoSignals = (): Signal[] => [
  signal({
    id: 'sig-a',
    title: 'Drone shot down',
    intended: 70,
    perceived: 40,
    confidence: 'high',
    createdAt: TWO_AT,
    updatedAt: TWO_AT,
  }),
  signal({
    id: 'sig-b',
    title: 'Strike called off',
    intended: 20,
    perceived: 60,
    confidence: 'low',
    createdAt: TWO_AT,
    updatedAt: TWO_AT,
  }),
];

/** Ana's backup of the two signals: a fresh copy each time, for a test to change. */
export const anasBackup = (): BackupData =>
  structuredClone(scored({ actors: twoActors(), redLines: [], signals: twoSignals() }));
