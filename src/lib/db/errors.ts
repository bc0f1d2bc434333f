/**
 * Why a write was refused. Apart from the repositories, so that a page that
 * only reads (the first page: its catalog of actors) does not load the writes.
 */
import type { Signal } from '../domain/types';

export class MissingRecordError extends Error {
  constructor(what: string) {
    super(`${what} no longer exists: it may have been deleted in another tab.`);
    this.name = 'MissingRecordError';
  }
}

/**
 * The record changed after the analyst opened it (another tab saved it, or an
 * import brought a colleague's newer version): an edit made from the older
 * version would silently undo that change, so nothing is written. Carries the
 * version the database holds now, for the analyst to compare.
 */
export class StaleRecordError<T = Signal> extends Error {
  constructor(
    what: string,
    readonly current: T,
  ) {
    super(
      `${what} was changed elsewhere (in another tab, or by an import) after you opened it. Nothing was written.`,
    );
    this.name = 'StaleRecordError';
  }
}

/** A record names an actor or red line that no longer exists (deleted in another tab): nothing is written. */
export class MissingReferenceError extends Error {
  constructor(missing: string) {
    super(`${missing} no longer exists: it may have been deleted in another tab. Nothing was written.`);
    this.name = 'MissingReferenceError';
  }
}
