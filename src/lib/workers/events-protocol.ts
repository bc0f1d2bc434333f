/**
 * Messages between the Inbox and the events worker. An event file is read
 * twice, as a stream, never whole: once to count its actors and find its bad
 * rows, once to add the events between the actors the analyst keeps.
 */
import type { ActorMapping, FileActorCount, InboxOutcome } from '../domain/events/candidates';
import type { Actor } from '../domain/types';
import type { ImportIssue } from '../domain/issues';
import type { ErrorData } from './protocol';

export type EventsStep = 'reading' | 'adding' | 'writing';

export type EventsRequest =
  /** Read the file through: its format, its actors with their counts, its unreadable rows. */
  | { type: 'scan'; file: Blob; name: string }
  /** Read it again, keep the events between mapped actors, and add them to the inbox. */
  | {
      type: 'add';
      file: Blob;
      name: string;
      mapping: Record<string, string | null>;
      /** Actors the analyst chose to add, written with the events. */
      newActors: Actor[];
      /** The mapping choices to remember for the next file. */
      remember: ActorMapping[];
      /** The first reading found no unreadable row: rows need no checking again. */
      checked: boolean;
      now: string;
    };

export type EventsReply =
  | { type: 'progress'; step: EventsStep; done: number; total: number }
  | {
      type: 'scanned';
      format: string;
      /** Rows read without a problem. */
      rows: number;
      actors: FileActorCount[];
      issues: ImportIssue[];
      /** Unreadable rows in all; `issues` lists the first of them. */
      issueCount: number;
    }
  | { type: 'added'; outcome: InboxOutcome }
  /** The file as a whole cannot be read: the summary names the file, the line and the problem. */
  | { type: 'rejected'; summary: string }
  | { type: 'failed'; error: ErrorData };
