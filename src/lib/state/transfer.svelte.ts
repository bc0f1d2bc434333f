import type { ImportIssue } from '../domain/issues';
import type { Conflict } from '../domain/merge';
import type { CsvMapping } from '../domain/csv';
import type { Actor, RedLine } from '../domain/types';
import type { BackupPreview, ImportStep } from '../workers/protocol';

/** A CSV file read and waiting for its columns to be confirmed. */
export interface CsvReview {
  headers: string[];
  mapping: CsvMapping;
  rowCount: number;
  delimiter: string;
  /** How the file's bytes were read (see decodeCsv). */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  sample: string[][];
  sampleLines: number[];
}

/** A CSV file checked clean, waiting for the analyst's go-ahead (the records wait in the worker). */
export interface CsvReady {
  count: number;
  newActors: Actor[];
  newRedLines: RedLine[];
}

export interface Progress {
  step: ImportStep;
  done: number;
  total: number;
}

/**
 * The import in progress and the outcome of the last one, as the Data view
 * shows them. The service drives it; components only read it.
 */
class Transfer {
  #fileName = $state('');
  #progress = $state.raw<Progress | null>(null);
  #csv = $state.raw<CsvReview | null>(null);
  #ready = $state.raw<CsvReady | null>(null);
  #backup = $state.raw<BackupPreview | null>(null);
  #status = $state('');
  #alert = $state('');
  #issues = $state.raw<ImportIssue[]>([]);
  #issueCount = $state(0);
  #conflicts = $state.raw<Conflict[]>([]);

  get fileName() {
    return this.#fileName;
  }
  /** The step running now, or null when nothing runs. */
  get progress() {
    return this.#progress;
  }
  get busy() {
    return this.#progress !== null;
  }
  get csv() {
    return this.#csv;
  }
  get ready() {
    return this.#ready;
  }
  /** A JSON backup checked clean, waiting for the analyst's go-ahead. */
  get backup() {
    return this.#backup;
  }
  /** The last success, for `role="status"`. */
  get status() {
    return this.#status;
  }
  /** The last failure, for `role="alert"`. */
  get alert() {
    return this.#alert;
  }
  get issues(): readonly ImportIssue[] {
    return this.#issues;
  }
  get issueCount() {
    return this.#issueCount;
  }
  /** Records changed both here and in the last file merged, waiting for the analyst's choice. */
  get conflicts(): readonly Conflict[] {
    return this.#conflicts;
  }
  /** The status is a step that waits for the analyst, not a success. */
  get waiting() {
    return this.#conflicts.length > 0 || this.#ready !== null;
  }

  start(fileName: string): void {
    this.reset();
    this.#fileName = fileName;
    this.#progress = { step: 'reading', done: 0, total: 0 };
  }

  step(step: ImportStep, done: number, total: number): void {
    this.#progress = { step, done, total };
  }

  /** A file read and waiting for its columns: `message` says what the analyst is to do (role="status"). */
  reviewCsv(review: CsvReview, message: string): void {
    this.#progress = null;
    this.#csv = review;
    this.#ready = null;
    this.#status = message;
    this.#alert = '';
    this.#issues = [];
    this.#issueCount = 0;
  }

  setMapping(mapping: CsvMapping): void {
    if (this.#csv) this.#csv = { ...this.#csv, mapping };
    this.#ready = null;
  }

  readyCsv(ready: CsvReady, message: string): void {
    this.#progress = null;
    this.#ready = ready;
    this.#status = message;
  }

  readyBackup(preview: BackupPreview, message: string): void {
    this.#progress = null;
    this.#backup = preview;
    this.#status = message;
  }

  succeed(message: string, conflicts: readonly Conflict[] = []): void {
    this.#progress = null;
    this.#csv = null;
    this.#ready = null;
    this.#backup = null;
    this.#status = message;
    this.#alert = '';
    this.#conflicts = [...conflicts];
  }

  /** One conflict settled: it leaves the list; the last one says all are settled. */
  settled(conflict: Conflict): void {
    this.#conflicts = this.#conflicts.filter((c) => c !== conflict);
    if (this.#conflicts.length === 0) this.#status = `Every conflict from ${this.#fileName} is settled.`;
  }

  /** A file refused, or a write that failed: nothing was written. The CSV review stays, to fix the mapping. */
  fail(message: string, issues: readonly ImportIssue[] = [], issueCount = 0): void {
    this.#progress = null;
    this.#ready = null;
    this.#backup = null;
    // A review still open waits for the analyst, and says so.
    this.#status = this.#csv
      ? `${this.#fileName}: choose other columns and check the rows again, or fix the file and choose it again, or cancel.`
      : '';
    this.#alert = message;
    this.#issues = [...issues];
    this.#issueCount = issueCount;
  }

  cancelled(message: string): void {
    this.succeed(message);
  }

  reset(): void {
    this.#fileName = '';
    this.#progress = null;
    this.#csv = null;
    this.#ready = null;
    this.#backup = null;
    this.#status = '';
    this.#alert = '';
    this.#issues = [];
    this.#issueCount = 0;
    this.#conflicts = [];
  }
}

export const transfer = new Transfer();
