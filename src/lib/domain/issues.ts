/**
 * Problems found in an imported file, told in the analyst's terms: where
 * (`signals[17]`, `line 18`), which field, and why.
 */

/**
 * One problem in a file. `place` says where in the analyst's terms:
 * `signals[17]` in a backup, `line 18` in a CSV file.
 */
export interface ImportIssue {
  place: string;
  /** The field as the file names it; empty when the whole record is at fault. */
  field: string;
  message: string;
  /** The line of the file where the record starts (in a CSV file the header is line 1). */
  line?: number;
}

/** How many problems a report lists; the rest are counted. */
export const ISSUE_CAP = 200;

/** Problems found in a file: the first ISSUE_CAP of them, and how many there were in all. */
export class IssueList {
  readonly items: ImportIssue[] = [];
  count = 0;
  readonly #listed = new Set<string>();

  /** Adds a problem; the same message for the same field and place counts once. */
  add(place: string, field: string, message: string, line?: number): void {
    const key = issueKey({ place, field, message });
    if (this.#listed.has(key)) return;
    this.#listed.add(key);
    this.count++;
    if (this.items.length < ISSUE_CAP)
      this.items.push(line === undefined ? { place, field, message } : { place, field, message, line });
  }

  /** Takes over problems found earlier: `items` as listed, `count` in all. */
  absorb(items: readonly ImportIssue[], count: number): void {
    for (const issue of items) this.add(issue.place, issue.field, issue.message, issue.line);
    this.count += count - items.length;
  }
}

/** What tells one problem from another: its place, field and message. */
export function issueKey(issue: ImportIssue): string {
  return `${issue.place}\u0000${issue.field}\u0000${issue.message}`;
}

/** `signals[17].intended: must be a whole number from 0 to 100` */
export function formatIssue(issue: ImportIssue): string {
  const row = isRow(issue);
  const where = issue.field
    ? row
      ? `${issue.place}, ${issue.field}`
      : `${issue.place}.${issue.field}`
    : issue.place;
  // A backup's record, found on a line of the file too.
  const line = !row && issue.line !== undefined ? ` (line ${issue.line})` : '';
  return `${where}${line}: ${issue.message}`;
}

/** A problem of a CSV row (`line 18`), rather than of a backup's record (`signals[17]`). */
export function isRow(issue: ImportIssue): boolean {
  return issue.line !== undefined && issue.place.startsWith('line ');
}

/** How often long loops report progress. */
export const PROGRESS_EVERY = 5000;

export function rejectionSummary(count: number): string {
  return `${count === 1 ? 'One problem was' : `${count.toLocaleString('en-US')} problems were`} found in the file. Nothing was imported: fix the file and import it again.`;
}
