/** How a refusal that wrote nothing ends its own message. */
const NOTHING_WRITTEN = /Nothing was written$/;

/**
 * Turns a failure from the database or the browser into words an analyst can
 * act on. Dexie wraps the browser's error as `inner`; a full disk can surface
 * as an AbortError whose inner error is the QuotaExceededError.
 */
export function describeError(error: unknown, doing: string): string {
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) {
    return `Could not ${doing}: the disk is full or the browser's storage quota is used up. Nothing was written. Free some space, or export a backup and delete old data, then try again.`;
  }
  if (names.includes('NewerDatabaseError') || names.includes('DanglingReferenceError')) {
    return `Could not ${doing}: ${messageOf(error)}`;
  }
  if (names.includes('DatabaseClosedError')) {
    return `Could not ${doing}: the database was closed (the browser may have cleared this site's data, or another tab upgraded Parallax). Nothing was written. Reload the page.`;
  }
  if (names.includes('VersionError') || names.includes('UpgradeError')) {
    return `Could not ${doing}: this tab runs an older Parallax than the data. Reload the page.`;
  }
  if (
    names.includes('MissingRecordError') ||
    names.includes('MissingReferenceError') ||
    names.includes('StaleRecordError') ||
    names.includes('RestoreRefusedError') ||
    names.includes('ActorInUseError') ||
    names.includes('SelfMergeError')
  ) {
    return `Could not ${doing}: ${messageOf(error)}`;
  }
  if (names.includes('ConstraintError')) {
    return `Could not ${doing}: a record with the same id already exists. Nothing was written.`;
  }
  // The message becomes part of this sentence: its own full stop goes, and a
  // refusal that already says nothing was written does not say it twice.
  const words = messageOf(error).replace(/\.$/, '') || 'an unexpected error occurred';
  if (NOTHING_WRITTEN.test(words)) return `Could not ${doing}: ${words}.`;
  return `Could not ${doing}: ${words}. Nothing was written.`;
}

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
    if (typeof e.name === 'string') names.push(e.name);
    // A failed bulkAdd or bulkPut is a BulkError listing each request's own error.
    const firstFailure = Array.isArray(e.failures) ? e.failures[0] : undefined;
    current = e.inner ?? e.cause ?? firstFailure;
  }
  return names;
}

/**
 * The words of an error, whatever it is: an Error, a DOMException (from the
 * worker, an `UnknownError` of the disk), an error sent as plain data from the
 * worker, or anything thrown. Never `[object Object]`.
 */
export function messageOf(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown; inner?: unknown } | null | undefined;
  const message = typeof e?.message === 'string' ? e.message.trim() : '';
  const name = typeof e?.name === 'string' && e.name !== 'Error' ? e.name : '';
  if (message) return message;
  if (e?.inner) return messageOf(e.inner);
  if (name) return `the browser reported ${name}`;
  if (typeof error === 'string') return error;
  return '';
}

/**
 * A failed read, in words an analyst can act on. Unlike a write, nothing can
 * have been lost: the page shows less than is stored until a reload reads again.
 */
export function describeReadError(error: unknown, what: string): string {
  const names = errorNames(error);
  if (names.includes('DatabaseClosedError')) {
    return `Could not read ${what}: the database was closed (another tab may have upgraded Parallax, or the browser cleared its data). Reload the page.`;
  }
  if (names.includes('VersionError') || names.includes('UpgradeError')) {
    return `Could not read ${what}: this tab runs an older Parallax than the data. Reload the page.`;
  }
  const reason = (messageOf(error) || 'an unexpected error occurred').replace(/[.!?]+$/, '');
  return `Could not read ${what}: ${reason}. Nothing stored is lost: reload the page to read it again, and if this keeps happening, export a backup from the Data view.`;
}
