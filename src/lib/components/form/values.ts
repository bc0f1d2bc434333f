import { today } from '../../domain/dates';
import { isolate } from '../../domain/bidi';
import type {
  Actor,
  AssessmentDraft,
  Confidence,
  Cost,
  Kind,
  RedLine,
  Signal,
  SignalDraft,
} from '../../domain/types';
import { formatTags } from '../../domain/rules';
import { formatSources, type SignalInput } from '../../domain/validate';

/**
 * What the signal form edits: every field as the control holds it. Scores stay
 * the text typed, so that `4.5` or `150` reaches the validator as written and is
 * refused there, with the message the form shows.
 */
export interface FormValues {
  date: string;
  senderId: string;
  receiverId: string;
  title: string;
  kind: Kind;
  intended: string;
  /** Optional: empty is no displayed resolve. */
  displayed: string;
  perceived: string;
  rationale: string;
  confidence: Confidence;
  cost: Cost;
  capped: boolean;
  redLineId: string;
  sources: string;
  tags: string;
  notes: string;
}

export type FieldName = keyof FormValues;

/** The fields in the order the form shows them: the first invalid one gets focus. */
export const FIELD_ORDER: readonly FieldName[] = [
  'date',
  'senderId',
  'receiverId',
  'title',
  'kind',
  'intended',
  'displayed',
  'perceived',
  'rationale',
  'confidence',
  'cost',
  'capped',
  'redLineId',
  'sources',
  'tags',
  'notes',
];

/**
 * The values a new signal starts from (with the dialog's defaults) or an
 * existing one's: its facts, and the current analyst's own scores of it
 * (`own`). A signal the analyst has not scored starts with empty scores: the
 * team's consensus is not theirs to copy, and other analysts' scores are shown
 * beside the form instead.
 */
export function initialValues(
  signal: Signal | null,
  defaults: Partial<SignalDraft> = {},
  own: AssessmentDraft | null = null,
): FormValues {
  const from: Partial<SignalDraft> = signal ?? defaults;
  const scores: Partial<AssessmentDraft> = signal ? (own ?? {}) : { ...defaults, ...own };
  const text = (score: number | null | undefined) =>
    score === undefined || score === null ? '' : String(score);
  return {
    date: from.date ?? today(),
    senderId: from.senderId ?? '',
    receiverId: from.receiverId ?? '',
    title: from.title ?? '',
    kind: from.kind ?? 'statement',
    intended: text(scores.intended),
    displayed: text(scores.displayed),
    perceived: text(scores.perceived),
    rationale: scores.rationale ?? '',
    confidence: scores.confidence ?? 'moderate',
    cost: from.cost ?? 'cheap talk',
    capped: from.capped ?? false,
    redLineId: from.redLineId ?? '',
    sources: formatSources(from.sources ?? []),
    tags: formatTags(from.tags ?? [], ', '),
    notes: from.notes ?? '',
  };
}

/** The analyst's scores as the form holds them: all empty means they scored nothing. */
export function scoresBlank(values: FormValues): boolean {
  return (
    values.intended.trim() === '' &&
    values.displayed.trim() === '' &&
    values.perceived.trim() === '' &&
    values.rationale.trim() === ''
  );
}

/** The raw values for `saveSignal`: the validator parses scores, sources and tags itself. */
export function toInput(values: FormValues): SignalInput {
  return { ...values };
}

export interface RedLineOption {
  id: string;
  label: string;
}

/**
 * Red lines as the select lists them, `text (drawn by X against Y)`. The lines the
 * receiver drew against the sender come first: those are the ones a signal from
 * this sender can cross.
 */
export function redLineOptions(
  redLines: readonly RedLine[],
  actorsById: ReadonlyMap<string, Actor>,
  senderId: string,
  receiverId: string,
): RedLineOption[] {
  const name = (id: string) => isolate(actorsById.get(id)?.name ?? 'an unknown actor');
  const relevant = (r: RedLine) => r.actorId === receiverId && r.targetId === senderId;
  return [...redLines.filter(relevant), ...redLines.filter((r) => !relevant(r))].map((r) => ({
    id: r.id,
    label: `${isolate(r.text)} (drawn by ${name(r.actorId)} against ${name(r.targetId)})`,
  }));
}

export interface VersionRow {
  field: string;
  stored: string;
  edit: string;
  differs: boolean;
}

/**
 * The two versions of a signal side by side, field by field in the form's
 * order and under the form's labels, for the analyst to choose between: the
 * one stored now (none when it was deleted) and their own edit.
 */
export function versionRows(
  stored: SignalDraft | null,
  edit: SignalDraft,
  names: { actor: (id: string) => string; redLine: (id: string) => string },
): VersionRow[] {
  const shown = (s: SignalDraft): Record<string, string> => ({
    Date: s.date,
    Sender: names.actor(s.senderId),
    Receiver: names.actor(s.receiverId),
    Title: s.title,
    Kind: s.kind,
    'Intended resolve': String(s.intended),
    'Perceived resolve': String(s.perceived),
    Confidence: s.confidence,
    'Signal cost': s.cost,
    'Crosses red line': s.redLineId ? names.redLine(s.redLineId) : 'None',
    Capped: s.capped ? 'yes' : 'no',
    Sources: formatSources(s.sources),
    Tags: s.tags.join(', '),
    Notes: s.notes,
  });
  const mine = shown(edit);
  const theirs = stored ? shown(stored) : null;
  return Object.keys(mine).map((field) => ({
    field,
    stored: theirs ? theirs[field] : '',
    edit: mine[field],
    differs: !theirs || theirs[field] !== mine[field],
  }));
}
