/**
 * Messages between the Data view and the import worker. A file is read,
 * parsed, checked and written in the worker: a 100,000-row file never freezes
 * the page, and its records never cross between threads (PRODUCT.md §9).
 */
import type { ImportIssue } from '../domain/issues';
import type { MergeOutcome } from '../domain/merge';
import type { CsvMapping } from '../domain/csv';
import type { Actor, RedLine } from '../domain/types';

export type ImportStep = 'reading' | 'parsing' | 'checking' | 'writing';

/** One signal of a backup as its preview shows it, actors by name. */
export interface PreviewRow {
  date: string;
  sender: string;
  receiver: string;
  title: string;
  /** The consensus of the file's assessments of the signal; null when the file scores it nowhere. */
  intended: number | null;
  perceived: number | null;
}

/** What a checked JSON backup holds, shown before anything is written. */
export interface BackupPreview {
  actors: number;
  redLines: number;
  signals: number;
  analysts: number;
  assessments: number;
  /** The first and last signal dates, or null for a file with no signals. */
  from: string | null;
  until: string | null;
  /** The file's first signals, in its order. */
  sample: PreviewRow[];
}

export type WorkerRequest =
  /** Read, parse and check a JSON backup; the worker keeps the clean records for `backup-write`. */
  | { type: 'backup'; file: Blob }
  /** Merge the backup checked last into the database. */
  | { type: 'backup-write' }
  /** Read and split a CSV file; the worker keeps the rows for `csv-check`. */
  | { type: 'csv-read'; file: Blob }
  /** Check the rows read last under a mapping; the worker keeps the clean records for `csv-write`. */
  | { type: 'csv-check'; mapping: CsvMapping; now: string }
  /** Write the records checked last. */
  | { type: 'csv-write' }
  /** Stop the write under way; it rolls back whole. */
  | { type: 'cancel' };

/** An error as plain data: its name, message and the error it wraps (Dexie's `inner`). */
export interface ErrorData {
  name: string;
  message: string;
  inner?: ErrorData;
}

export type WorkerReply =
  | { type: 'progress'; step: ImportStep; done: number; total: number }
  | {
      type: 'csv-table';
      headers: string[];
      mapping: CsvMapping;
      /** Every header was recognised and every required column found: no mapping step is needed. */
      complete: boolean;
      rowCount: number;
      delimiter: string;
      /** How the bytes were read: UTF-8, or Windows-1252 when they are not UTF-8 (the preview says so). */
      encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
      /** The first rows, each cell cut to its first 200 characters: for the mapping step and the preview. */
      sample: string[][];
      sampleLines: number[];
    }
  | { type: 'csv-checked'; count: number; newActors: Actor[]; newRedLines: RedLine[] }
  | { type: 'backup-checked'; preview: BackupPreview }
  | { type: 'imported'; outcome: MergeOutcome }
  | {
      type: 'rejected';
      /** One sentence on what is wrong with the file as a whole. */
      summary: string;
      issues: ImportIssue[];
      issueCount: number;
    }
  | { type: 'failed'; error: ErrorData };
