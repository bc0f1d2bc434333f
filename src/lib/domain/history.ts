/**
 * A signal's history as its form lists it (issue 9, item 6): each change to
 * the signal's facts or to one of its assessments, newest first, with who made
 * it, when, which fields it changed and what they held before, and whether
 * `Restore` can bring that earlier version back.
 */
import { fieldLabel, fieldText } from './merge';
import { NO_ANALYST_YET } from './names';
import { UNKNOWN_ANALYST } from './others';
import type { Analyst, Assessment, Revision, Timestamp } from './types';

/** Who made a change recorded before this browser's analyst gave a name (an import into a fresh browser). */
export const UNNAMED_ANALYST = 'An analyst not yet named';

export interface HistoryEntry {
  revisionId: string;
  at: Timestamp;
  /** Who made the change, by name. */
  who: string;
  /** What the change did, in a sentence. */
  what: string;
  /** Each changed field as the form labels it, with the value it held before the change. */
  before: { label: string; value: string }[];
  /**
   * True when `Restore` can bring back the version before this change: one
   * existed, and it is the signal's facts or the current analyst's own scores
   * (another analyst's scores are theirs to change).
   */
  restorable: boolean;
}

/**
 * The entries of a signal's revisions, newest first (on the same instant, the
 * one recorded later first). `labels` names actors and red lines by id; `me`
 * is the current analyst's id (null before they have a name).
 */
export function historyEntries(
  revisions: readonly Revision[],
  analystsById: ReadonlyMap<string, Analyst>,
  labels: { readonly [id: string]: string },
  me: string | null,
): HistoryEntry[] {
  const name = (id: string) =>
    analystsById.get(id)?.name ?? (id === NO_ANALYST_YET ? UNNAMED_ANALYST : UNKNOWN_ANALYST);
  const entries = revisions.map((revision, order) => {
    const previous = revision.previous as { [field: string]: unknown } | null;
    const changed = revision.fields.map(fieldLabel);
    const list = changed.length ? `: ${changed.join(', ')}.` : '.';
    let what: string;
    let restorable = previous !== null && revision.change !== 'create';
    const imported = revision.origin === 'import';
    if (revision.table === 'signals') {
      what = imported
        ? {
            create: 'Imported the signal.',
            edit: `Imported changes to the signal${list}`,
            restore: `Imported an earlier version of the signal${list}`,
            delete: 'Imported the deletion of the signal.',
          }[revision.change]
        : {
            create: 'Logged the signal.',
            edit: `Edited the signal${list}`,
            restore: `Restored an earlier version of the signal${list}`,
            delete: 'Deleted the signal.',
          }[revision.change];
    } else {
      // An assessment is created by its own analyst; after that, the version it replaced says whose it is.
      const owner = previous ? (previous as unknown as Assessment).analystId : revision.analystId;
      const whose = owner === revision.analystId ? 'their' : `${name(owner)}'s`;
      // Imported scores are recorded as their own analyst's: made elsewhere, brought here by a file.
      const from = imported ? ' (imported)' : '';
      what = {
        create: `Scored the signal${from}.`,
        edit: `Changed ${whose} scores${from}${list}`,
        restore: `Restored an earlier version of ${whose} scores${from}${list}`,
        delete: `Removed ${whose} scores${from}.`,
      }[revision.change];
      restorable &&= owner === me;
    }
    return {
      order,
      entry: {
        revisionId: revision.id,
        at: revision.at,
        who: name(revision.analystId),
        what,
        before: previous
          ? revision.fields.map((field) => ({
              label: fieldLabel(field),
              value: fieldText(field, previous[field], labels),
            }))
          : [],
        restorable,
      },
    };
  });
  entries.sort((a, b) =>
    a.entry.at !== b.entry.at ? (a.entry.at < b.entry.at ? 1 : -1) : b.order - a.order,
  );
  return entries.map((e) => e.entry);
}
