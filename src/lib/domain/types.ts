/**
 * The records Parallax keeps. Plain data: every field is JSON-safe so that a
 * backup is the records themselves (PRODUCT.md §6).
 */
import type { SignalFacts } from './consensus';

/** A calendar date `YYYY-MM-DD`: no time and no zone, so no zone can shift a day. */
export type CalendarDate = string;

/** An instant, ISO 8601 in UTC (`2026-11-23T19:50:50.123Z`). */
export type Timestamp = string;

export interface Actor {
  id: string;
  name: string;
  code: string;
  /** `#rrggbb` */
  color: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** See `Versioned` in versions.ts: earlier `updatedAt`s of this record, newest first. */
  ancestors?: Timestamp[];
}

export interface RedLine {
  id: string;
  /** The actor who drew the line. */
  actorId: string;
  /** The actor the line warns. */
  targetId: string;
  text: string;
  declared: CalendarDate;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** See `Versioned` in versions.ts: earlier `updatedAt`s of this record, newest first. */
  ancestors?: Timestamp[];
}

export const KINDS = [
  'statement',
  'threat',
  'restraint',
  'deployment',
  'sanction',
  'force',
  'diplomacy',
  'other',
] as const;
export type Kind = (typeof KINDS)[number];

export const CONFIDENCES = ['low', 'moderate', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const COSTS = ['cheap talk', 'tied hands', 'sunk cost'] as const;
export type Cost = (typeof COSTS)[number];

export interface Source {
  label: string;
  url: string;
}

export interface Signal {
  id: string;
  date: CalendarDate;
  senderId: string;
  receiverId: string;
  title: string;
  kind: Kind;
  /**
   * The consensus of the signal's assessments (PRODUCT.md §2): the mean of the
   * analysts' intended resolve, 0–100 on the resolve ladder. Kept on the record,
   * and rewritten in the transaction that writes any of its assessments, so that
   * a dyad's picture is one read of its signals. A backup carries facts only.
   */
  intended: number;
  /** Consensus perceived resolve: how far the receiver believed the sender would go, 0–100. */
  perceived: number;
  /** Consensus confidence: the level whose weight is nearest `weight` (a tie goes to the lower). */
  confidence: Confidence;
  /** Consensus displayed resolve: the mean of the assessments that give one; null when none does. */
  displayed?: number | null;
  /** Consensus confidence weight: the mean of the assessments' weights (low 1, moderate 2, high 3). */
  weight?: number;
  /** Each analyst's scores of this signal, one per analyst: what the consensus is the mean of. */
  scores?: Score[];
  cost: Cost;
  capped: boolean;
  /** The red line this signal crosses, or null. */
  redLineId: string | null;
  sources: Source[];
  tags: string[];
  notes: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** See `Versioned` in versions.ts: earlier `updatedAt`s of this record, newest first. */
  ancestors?: Timestamp[];
}

/** A person who scores signals (PRODUCT.md §2). Each browser has a current analyst. */
export interface Analyst {
  id: string;
  name: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** See `Versioned` in versions.ts: earlier `updatedAt`s of this record, newest first. */
  ancestors?: Timestamp[];
}

/** One analyst's scores of one signal: at most one per analyst and signal (PRODUCT.md §2). */
export interface Assessment {
  id: string;
  signalId: string;
  analystId: string;
  /** How far the sender was in fact prepared to go, 0–100. */
  intended: number;
  /** How far the signal, taken on its face, commits the sender, 0–100; null when not scored. */
  displayed: number | null;
  /** How far the receiver believed the sender would go, 0–100. */
  perceived: number;
  confidence: Confidence;
  rationale: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** See `Versioned` in versions.ts: earlier `updatedAt`s of this record, newest first. */
  ancestors?: Timestamp[];
}

/** An assessment's scores as its signal's record carries them for the views. */
export type Score = Pick<Assessment, 'analystId' | 'intended' | 'displayed' | 'perceived' | 'confidence'>;

/** What an analyst fills in for their own assessment; the store adds the rest. */
export type AssessmentDraft = Pick<
  Assessment,
  'intended' | 'displayed' | 'perceived' | 'confidence' | 'rationale'
>;

/** The records whose versions the history keeps. */
export type RevisedTable = 'signals' | 'assessments';

/**
 * One change to a signal or to one of its assessments (PRODUCT.md §2, the
 * history): who made it, when, which fields it changed, and the version it
 * replaced, so that version can be brought back.
 */
export interface Revision {
  id: string;
  /** The signal the change belongs to (for an assessment, the signal it scores). */
  signalId: string;
  table: RevisedTable;
  /** The id of the changed record: the signal's, or the assessment's. */
  recordId: string;
  /** 'create': no previous version; 'delete': no next one. */
  change: 'create' | 'edit' | 'delete' | 'restore';
  /**
   * The analyst who made the change. An import's change to an assessment is
   * its own analyst's (the scores are theirs), any other import's change the
   * importing analyst's. NO_ANALYST_YET ('') for a change that writes no
   * scores (an import, an actor merge) made before this browser's analyst
   * gave a name.
   */
  analystId: string;
  /** When the change was made (for an import, when it was imported). */
  at: Timestamp;
  /**
   * Where the change came from, when not from an edit made here: 'import' for
   * a backup or CSV file merged in (or a conflict settled with the file's version).
   */
  origin?: 'import';
  /** The fields whose values the change replaced (none for a create or a delete). */
  fields: string[];
  /**
   * The version the change replaced: a signal's facts (without its consensus)
   * or an assessment; null for a create.
   */
  previous: SignalFacts | Assessment | null;
}

/** The tables whose records a deletion record can name. */
export type DeletableTable = 'actors' | 'redLines' | 'signals';

/**
 * That a record was deleted, and when (PRODUCT.md §6): kept so that a deletion
 * travels with a backup and an older copy of the record never brings it back.
 */
export interface Deletion {
  table: DeletableTable;
  id: string;
  deletedAt: Timestamp;
}

/** What an analyst fills in; the store adds id and timestamps. */
export type SignalDraft = Omit<Signal, 'id' | 'createdAt' | 'updatedAt' | 'ancestors'>;
export type ActorDraft = Omit<Actor, 'id' | 'createdAt' | 'updatedAt' | 'ancestors'>;
export type RedLineDraft = Omit<RedLine, 'id' | 'createdAt' | 'updatedAt' | 'ancestors'>;

/** A directed pair sender → receiver. */
export interface Dyad {
  senderId: string;
  receiverId: string;
}

export type Reading = 'underestimated' | 'accurate' | 'overestimated';

export interface Settings {
  /** Accuracy band τ: |gap| ≤ τ reads as accurate. */
  tau: number;
  /** Trailing window W in days for the rolling gap, the mixed-message index and reading volatility. */
  windowDays: number;
  /** |rolling gap| at or beyond this raises a miscalculation alert. */
  alertThreshold: number;
  /**
   * Horizon H in days of the warning record: a deterrence-failure episode
   * followed by no crossing within H days of its last signal is a false alarm.
   */
  horizonDays: number;
  /**
   * Other analysts' scores of a signal stay hidden in its form until this
   * analyst has saved their own, so that theirs cannot anchor it.
   */
  blindScoring: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  tau: 10,
  windowDays: 90,
  alertThreshold: 25,
  horizonDays: 180,
  blindScoring: false,
};

/** A validation failure, naming the field in the analyst's words. */
export interface FieldError {
  field: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
