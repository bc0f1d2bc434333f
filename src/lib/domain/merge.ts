/**
 * Merging imported records into those already held (PRODUCT.md §6): matched by
 * id, each incoming copy is placed against the local one by its version stamps
 * (`versions.ts`), deletions travel, and the outcome names what happened to each.
 */
import { CONSENSUS_FIELDS, type SignalFacts } from './consensus';
import { nameKey } from './names';
import { SIGNAL_LABELS } from './validate';
import type {
  Actor,
  Analyst,
  Assessment,
  DeletableTable,
  Deletion,
  RedLine,
  Signal,
  Timestamp,
} from './types';
import { ANCESTORS_MAX, nextVersion, type Versioned } from './versions';
import { countOf, formatCount } from './format';

// ---------------------------------------------------------------- lineage

export type Lineage = 'same' | 'incoming-newer' | 'local-newer' | 'diverged';

/**
 * How an incoming copy of a record relates to the local one, by their stamps alone:
 * `same` version; the incoming one descends from the local one (`incoming-newer`),
 * or the other way round; or both were edited since they last agreed (`diverged`).
 * A copy with no ancestry (a version 1 backup, a spreadsheet) descends from
 * nothing it can prove, so callers decide what an unprovable newer copy means.
 */
export function lineage(local: Versioned, incoming: Versioned): Lineage {
  const l = Date.parse(local.updatedAt);
  const i = Date.parse(incoming.updatedAt);
  if (l === i) return 'same';
  if ((incoming.ancestors ?? []).some((t) => Date.parse(t) === l)) return 'incoming-newer';
  if ((local.ancestors ?? []).some((t) => Date.parse(t) === i)) return 'local-newer';
  return 'diverged';
}

/**
 * The stamp of a version that settles a conflict: it descends from both sides,
 * so each side, meeting it in the other's next backup, sees a newer descendant
 * of its own version (and takes it) instead of the same conflict again.
 */
export function joinVersions(
  local: Versioned,
  incoming: Versioned,
  at: Timestamp,
): { updatedAt: Timestamp; ancestors: Timestamp[] } {
  const newest = Date.parse(local.updatedAt) >= Date.parse(incoming.updatedAt) ? local : incoming;
  const { updatedAt } = nextVersion(newest, at);
  const seen = new Set<number>();
  const ancestors = [
    local.updatedAt,
    incoming.updatedAt,
    ...(local.ancestors ?? []),
    ...(incoming.ancestors ?? []),
  ]
    .filter((t) => {
      const ms = Date.parse(t);
      if (seen.has(ms)) return false;
      seen.add(ms);
      return true;
    })
    .sort((a, b) => Date.parse(b) - Date.parse(a))
    .slice(0, ANCESTORS_MAX);
  return { updatedAt, ancestors };
}

// ---------------------------------------------------------------- decisions

/**
 * What to do with an incoming record:
 * - `add`: not held here;
 * - `update`: a newer version that descends from the local one;
 * - `edited`: the local version, changed outside Parallax (a spreadsheet, an
 *   editor): written with a new stamp that descends from the local one;
 * - `unchanged`: the same record;
 * - `stale`: an older version the local record has moved on from: left alone;
 * - `deleted-here`: a copy no newer than this database's deletion of it: left alone;
 * - `conflict`: both sides changed it since they last agreed: the analyst chooses.
 */
export type MergeDecision = 'add' | 'update' | 'edited' | 'unchanged' | 'stale' | 'deleted-here' | 'conflict';

interface Stamped extends Versioned {
  createdAt: Timestamp;
}

/** Version metadata, not content: two copies that differ only here hold the same record. */
const STAMP_FIELDS: ReadonlySet<string> = new Set(['updatedAt', 'ancestors']);

/**
 * The same for a signal, whose consensus is derived from its assessments (a
 * backup carries its facts only): it is no part of the signal's content. An
 * assessment's scores of the same names are its content.
 */
export const SIGNAL_STAMP_FIELDS: ReadonlySet<string> = new Set([...STAMP_FIELDS, ...CONSENSUS_FIELDS]);

/** The fields a person edits: everything but the id and the stamps. */
const METADATA: ReadonlySet<string> = new Set(['id', 'createdAt', 'updatedAt', 'ancestors']);
const SIGNAL_METADATA: ReadonlySet<string> = new Set([...METADATA, ...CONSENSUS_FIELDS]);

const ms = (t: Timestamp) => Date.parse(t);

/** A record's first version: never edited since it was created. */
const isFirstVersion = (r: Stamped) => ms(r.updatedAt) === ms(r.createdAt);

/**
 * What to do with `incoming`, given the record held under its id (if any) and
 * this database's deletion of that id (if any).
 *
 * Ancestry decides where both copies carry it. A copy without it (a version 1
 * backup, a CSV row) proves no descent, so it is read conservatively: it
 * replaces the local record only when the local one is the record's first
 * version (every later version descends from that), it is stale only when it
 * is itself the first version and older, and anything else that differs is a
 * conflict for the analyst: an edit is never dropped on a guess.
 */
export function decide<T extends Stamped>(
  incoming: T,
  local: T | undefined,
  deletion?: Pick<Deletion, 'deletedAt'>,
  stamps: ReadonlySet<string> = STAMP_FIELDS,
): MergeDecision {
  if (!local) {
    // A deletion is undone only by a copy edited after it.
    if (deletion && ms(incoming.updatedAt) <= ms(deletion.deletedAt)) return 'deleted-here';
    return 'add';
  }
  const relation = lineage(local, incoming);
  if (relation === 'same') return sameContent(incoming, local, stamps) ? 'unchanged' : 'edited';
  if (relation === 'incoming-newer') return 'update';
  if (relation === 'local-newer') return 'stale';
  if (sameContent(incoming, local, stamps)) return 'unchanged';
  const sameRecord = ms(incoming.createdAt) === ms(local.createdAt);
  if (sameRecord && isFirstVersion(local) && ms(incoming.updatedAt) > ms(local.updatedAt)) return 'update';
  if (sameRecord && isFirstVersion(incoming) && ms(incoming.updatedAt) < ms(local.updatedAt)) return 'stale';
  return 'conflict';
}

/**
 * What an incoming deletion does to the record held under its id: `delete`
 * when the deletion is newer than the local version, else `keep` (the record
 * was edited here after the other side deleted it, and that edit is not dropped).
 */
export function decideDeletion(
  deletion: Deletion,
  local: Versioned | undefined,
): 'delete' | 'keep' | 'absent' {
  if (!local) return 'absent';
  return ms(deletion.deletedAt) > ms(local.updatedAt) ? 'delete' : 'keep';
}

/** Deep equality of JSON-like records (plain objects, arrays, primitives), apart from the top-level keys in `ignore`. */
export function sameContent(a: unknown, b: unknown, ignore?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as { [key: string]: unknown };
  const rb = b as { [key: string]: unknown };
  // A key holding `undefined` is no key: IndexedDB and JSON both drop it.
  const keys = (r: { [key: string]: unknown }) =>
    Object.keys(r).filter((k) => r[k] !== undefined && !ignore?.has(k));
  const ka = keys(ra);
  if (ka.length !== keys(rb).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(rb, k) || !sameContent(ra[k], rb[k])) return false;
  }
  return true;
}

/** The fields a person edited in which two copies of a record differ, in the record's own order. */
export function differingFields<T extends object>(
  local: T,
  incoming: T,
  metadata: ReadonlySet<string> = METADATA,
): (keyof T & string)[] {
  const keys = new Set([...Object.keys(local), ...Object.keys(incoming)]);
  return [...keys].filter(
    (k) =>
      !metadata.has(k) &&
      !sameContent((local as { [key: string]: unknown })[k], (incoming as { [key: string]: unknown })[k]),
  ) as (keyof T & string)[];
}

/**
 * Incoming actors (or analysts) that a colleague created separately under a
 * name already in use here: the same one under another id. Maps the incoming
 * id to the local record, so their signals join the local actor's dyads (and
 * an analyst's assessments stay that analyst's).
 */
export function matchActorsByName<T extends { id: string; name: string }>(
  incoming: readonly T[],
  local: readonly T[],
): Map<string, T> {
  const localIds = new Set(local.map((a) => a.id));
  const byName = new Map(local.map((a) => [nameKey(a.name), a]));
  const matches = new Map<string, T>();
  for (const actor of incoming) {
    if (localIds.has(actor.id)) continue;
    const same = byName.get(nameKey(actor.name));
    if (same) matches.set(actor.id, same);
  }
  return matches;
}

// ---------------------------------------------------------------- conflicts

/**
 * Both versions of a record changed on both sides since they last agreed,
 * waiting for the analyst's choice. `labels` names the actors and red lines
 * the two versions refer to (id → name or text), so the conflict shows as it
 * was found, without reading the database again.
 */
export type Conflict = { name: string; labels: { [id: string]: string } } & (
  | { table: 'actors'; local: Actor; incoming: Actor }
  | { table: 'redLines'; local: RedLine; incoming: RedLine }
  | { table: 'signals'; local: Signal | SignalFacts; incoming: SignalFacts }
  | { table: 'analysts'; local: Analyst; incoming: Analyst }
  | { table: 'assessments'; local: Assessment; incoming: Assessment }
);

/** The tables a merge places records in. */
export type MergedTable = Conflict['table'];

/** The ids of actors and red lines a version refers to. */
export function referencedIds(record: Actor | RedLine | SignalFacts | Analyst | Assessment): string[] {
  if ('signalId' in record) return [];
  if ('senderId' in record)
    return [record.senderId, record.receiverId, ...(record.redLineId ? [record.redLineId] : [])];
  if ('targetId' in record) return [record.actorId, record.targetId];
  return [];
}

// ---------------------------------------------------------------- outcome

/** How many names each list of an outcome keeps: enough to find them, never 100,000 strings. */
export const NAMES_KEPT = 20;

/** A count, and the names of the first records counted (with a reason where one helps). */
export interface NamedCount {
  count: number;
  names: string[];
}

/** What a merge did to one kind of record. */
export interface TableOutcome {
  added: NamedCount;
  updated: NamedCount;
  deleted: NamedCount;
  /** Identical records: nothing to say about them by name. */
  unchanged: number;
  /** Stale copies, copies of records deleted here, deletions of records edited here since. */
  leftAlone: NamedCount;
  conflicts: NamedCount;
}

export interface MergeOutcome {
  actors: TableOutcome;
  redLines: TableOutcome;
  signals: TableOutcome;
  analysts: TableOutcome;
  /** Each analyst's scores of a signal: what two analysts exchange. */
  assessments: TableOutcome;
  /** Incoming actors matched to a local actor of the same name. */
  matchedByName: string[];
  /** Changes the merge refused, each in a sentence (a rename to a name already taken). */
  refused: string[];
  /** Every conflict, with both versions, for the analyst to settle one by one. */
  conflicts: Conflict[];
}

const named = (): NamedCount => ({ count: 0, names: [] });

export function emptyTableOutcome(): TableOutcome {
  return {
    added: named(),
    updated: named(),
    deleted: named(),
    unchanged: 0,
    leftAlone: named(),
    conflicts: named(),
  };
}

export function emptyOutcome(): MergeOutcome {
  return {
    actors: emptyTableOutcome(),
    redLines: emptyTableOutcome(),
    signals: emptyTableOutcome(),
    analysts: emptyTableOutcome(),
    assessments: emptyTableOutcome(),
    matchedByName: [],
    refused: [],
    conflicts: [],
  };
}

/**
 * Counts one record in `list`, keeping its name while fewer than NAMES_KEPT
 * are kept. A name may be given as a function, so that 100,000 records do not
 * each put one together only for the first twenty to be kept.
 */
export function note(list: NamedCount, name: string | (() => string), why?: string): void {
  list.count++;
  if (list.names.length >= NAMES_KEPT) return;
  const text = typeof name === 'string' ? name : name();
  list.names.push(why ? `“${text}” (${why})` : `“${text}”`);
}

/** Why a record was left alone, in the outcome's words. */
export const LEFT_ALONE_WHY = {
  stale: 'yours is newer',
  'deleted-here': 'deleted here',
  'signal-deleted': 'its signal is deleted',
  kept: 'deleted in the file, edited here since',
  used: 'deleted in the file, still used here',
} as const;

/** Counts a decision about one record in the outcome of its table. */
export function tally(outcome: TableOutcome, decision: MergeDecision, name: string | (() => string)): void {
  if (decision === 'add') note(outcome.added, name);
  else if (decision === 'update') note(outcome.updated, name);
  else if (decision === 'edited') note(outcome.updated, name, 'edited outside Parallax');
  else if (decision === 'conflict') note(outcome.conflicts, name);
  else if (decision === 'unchanged') outcome.unchanged++;
  else note(outcome.leftAlone, name, LEFT_ALONE_WHY[decision]);
}

/** The name a record goes by in an outcome: an actor's name, a red line's text, a signal's title. */
export function recordName(table: DeletableTable, record: Actor | RedLine | SignalFacts): string {
  if (table === 'actors') return (record as Actor).name;
  if (table === 'redLines') return (record as RedLine).text;
  return (record as SignalFacts).title;
}

/** An assessment as an outcome names it (inside its quotes): `Ana's scores of ‘Drone shot down’`. */
export function assessmentName(analyst: string, signalTitle: string): string {
  return `${analyst}'s scores of ‘${signalTitle}’`;
}

function nameList(list: NamedCount): string {
  const more = list.count - list.names.length;
  if (more <= 0) return list.names.join(', ');
  return `${list.names.join(', ')} and ${formatCount(more)} more`;
}

const LISTS = [
  ['added', 'Added'],
  ['updated', 'Updated'],
  ['deleted', 'Deleted'],
  ['leftAlone', 'Left alone'],
  ['conflicts', 'In conflict'],
] as const;

/** `Added: “A”, “B”. Updated: “C” (edited outside Parallax).`: the records a table's outcome names. */
function namesOf(t: TableOutcome): string[] {
  return LISTS.filter(([key]) => t[key].count > 0).map(([key, label]) => `${label}: ${nameList(t[key])}.`);
}

/**
 * The sentences an import ends with: the signals' counts first, then by name
 * what was added, updated, deleted, left alone and in conflict; then actors and
 * red lines when anything happened to them; refusals; and, when conflicts
 * wait, that they wait.
 *
 * `Imported backup.json: 12 signals added, 1 updated, 0 deleted, 40 unchanged, 0 left alone, 0 conflicts. Added: …`
 */
export function describeOutcome(fileName: string, outcome: MergeOutcome): string {
  const s = outcome.signals;
  const parts = [
    `Imported ${fileName}: ${countOf(s.added.count, 'signal')} added, ${formatCount(s.updated.count)} updated, ` +
      `${formatCount(s.deleted.count)} deleted, ${formatCount(s.unchanged)} unchanged, ` +
      `${formatCount(s.leftAlone.count)} left alone, ${countOf(s.conflicts.count, 'conflict')}.`,
    ...namesOf(s),
  ];
  const other = (label: string, t: TableOutcome) => {
    const moved = t.added.count + t.updated.count + t.deleted.count + t.leftAlone.count + t.conflicts.count;
    if (moved === 0) return;
    const bits = [`${t.added.count} added`, `${t.updated.count} updated`];
    if (t.deleted.count) bits.push(`${t.deleted.count} deleted`);
    if (t.leftAlone.count) bits.push(`${t.leftAlone.count} left alone`);
    if (t.conflicts.count) bits.push(countOf(t.conflicts.count, 'conflict'));
    parts.push(
      `${label}: ${bits.join(', ')}.`,
      ...namesOf(t).map((n) => `${label} ${n.charAt(0).toLowerCase()}${n.slice(1)}`),
    );
  };
  other('Assessments', outcome.assessments);
  other('Analysts', outcome.analysts);
  other('Actors', outcome.actors);
  other('Red lines', outcome.redLines);
  if (outcome.matchedByName.length) {
    parts.push(
      `Matched by name to actors already here: ${outcome.matchedByName.map((n) => `“${n}”`).join(', ')}.`,
    );
  }
  parts.push(...outcome.refused);
  const waiting = outcome.conflicts.length;
  if (waiting) {
    parts.push(
      `${waiting === 1 ? 'One record was' : `${formatCount(waiting)} records were`} changed both here and in the file: ` +
        `yours ${waiting === 1 ? 'stays' : 'stay'} until you choose, below, which version to keep.`,
    );
  }
  return parts.join(' ');
}

/** `today`, `yesterday`, `3 days ago`: how old the last backup is, in whole local days. */
export function backupAge(lastBackupAt: Timestamp | undefined | null, now: Date = new Date()): string {
  if (!lastBackupAt) return 'never';
  const then = new Date(lastBackupAt);
  if (Number.isNaN(then.getTime())) return 'never';
  const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
  const days = day(now) - day(then);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** How the Data view names each field a person edits, in the form's words. */
const FIELD_LABELS: Readonly<{ [field: string]: string }> = {
  name: 'Name',
  code: 'Code',
  color: 'Colour',
  actorId: 'Drawn by',
  targetId: 'Warns',
  text: 'Text',
  declared: 'Declared',
  // A signal's fields (and an assessment's scores) in the signal form's own words, from the one table the form's messages use.
  ...SIGNAL_LABELS,
};

const ACTOR_FIELDS = new Set(['actorId', 'targetId', 'senderId', 'receiverId']);

/** One differing field of a conflict, both values as the analyst reads them. */
export interface ConflictField {
  field: string;
  label: string;
  mine: string;
  theirs: string;
}

/**
 * A field's value as the analyst reads it: actors by name and a red line by
 * its text (from `labels`, by id), lists and flags in words, `–` for none.
 */
export function fieldText(field: string, value: unknown, labels: { readonly [id: string]: string }): string {
  if (value === null || value === undefined || value === '') return '–';
  if (ACTOR_FIELDS.has(field) || field === 'redLineId') return labels[String(value)] ?? String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'sources') {
    const list = value as { label: string; url: string }[];
    return list.length ? list.map((s) => (s.url ? `${s.label} ${s.url}`.trim() : s.label)).join('\n') : '–';
  }
  if (Array.isArray(value)) return value.length ? value.join(', ') : '–';
  return String(value);
}

/** A field as the forms label it (`Intended resolve`), or its own name when no form shows it. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/**
 * The fields in which the two versions of a conflict differ, side by side:
 * actors by name, a red line by its text, lists and flags in words.
 */
export function conflictFields(conflict: Conflict): ConflictField[] {
  const local = conflict.local as unknown as { [field: string]: unknown };
  const incoming = conflict.incoming as unknown as { [field: string]: unknown };
  const metadata = conflict.table === 'signals' ? SIGNAL_METADATA : METADATA;
  return differingFields(local, incoming, metadata).map((field) => ({
    field,
    label: fieldLabel(field),
    mine: fieldText(field, local[field], conflict.labels),
    theirs: fieldText(field, incoming[field], conflict.labels),
  }));
}
