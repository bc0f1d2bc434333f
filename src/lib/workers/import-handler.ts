import { listActors, listRedLines } from '../db/actors';
import { importData } from '../db/backup';
import { db } from '../db/database';
import { newId } from '../db/ids';
import { getMeta } from '../db/meta';
import { consensus } from '../domain/consensus';
import type { Assessment } from '../domain/types';
import { checkBackup, parseJson, withLines, type BackupData, type KnownRecords } from '../domain/backup';
import { guessMapping, mappingIsComplete } from '../domain/csv';
import { checkCsv, readCsv, type CsvTable } from '../domain/csv-import';
import { errorData } from './error-data';
import type { BackupPreview, WorkerReply, WorkerRequest } from './protocol';

export type Post = (reply: WorkerReply) => void;

/** How many rows the mapping step shows. */
export const SAMPLE_ROWS = 5;

/**
 * How much of a cell or header the mapping step shows. The page lays out
 * what it is sent: a 300,000-character cell once held it for a minute and a
 * half, so the worker sends the start of each and the page never sees more.
 */
export const SHOWN_CELL_MAX = 200;

/** A header names a column in a few words; one longer than this is not a header row. */
export const HEADER_MAX = 200;

function shown(cell: string): string {
  return cell.length > SHOWN_CELL_MAX ? `${cell.slice(0, SHOWN_CELL_MAX)}…` : cell;
}

/** The encodings a CSV file is read in: UTF-8 when its bytes are UTF-8, else what its BOM says, else Windows-1252. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Decodes a CSV file strictly: UTF-8 unless a UTF-16 BOM says otherwise; bytes
 * that are not UTF-8 are read as Windows-1252 (what Excel writes on Western
 * Windows), and the preview says so, rather than turning `ô` into `\uFFFD`.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

async function knownRecords(): Promise<KnownRecords> {
  const [actors, redLines, analysts, signalIds] = await Promise.all([
    listActors(),
    listRedLines(),
    db.analysts.toArray(),
    // Keys only: an assessment in a file may score a signal held here and not in the file.
    db.signals.toCollection().primaryKeys(),
  ]);
  const held = new Set(signalIds);
  return { actors, redLines, analysts, hasSignal: (id) => held.has(id), newId };
}

/** The analyst this browser scores as, if named: a CSV file without analysts' names is theirs. */
async function currentAnalyst(): Promise<{ id: string; name: string } | null> {
  const id = await getMeta('currentAnalyst');
  return (id && (await db.analysts.get(id))) || null;
}

/** What the preview of a backup shows: counts, the span of dates, the first rows with actors by name. */
export function previewOf(data: BackupData, known: KnownRecords): BackupPreview {
  const names = new Map(known.actors.map((a) => [a.id, a.name]));
  for (const a of data.actors) names.set(a.id, a.name);
  const name = (id: string) => names.get(id) ?? id;
  let from: string | null = null;
  let until: string | null = null;
  for (const s of data.signals) {
    if (from === null || s.date < from) from = s.date;
    if (until === null || s.date > until) until = s.date;
  }
  const sample = data.signals.slice(0, SAMPLE_ROWS);
  const scores = new Map<string, Assessment[]>(sample.map((s) => [s.id, []]));
  const scorers = new Set<string>();
  for (const a of data.assessments) {
    scores.get(a.signalId)?.push(a);
    scorers.add(a.analystId);
  }
  return {
    actors: data.actors.length,
    redLines: data.redLines.length,
    signals: data.signals.length,
    // Who scored the file's signals (an older file's analyst may already be here).
    analysts: scorers.size,
    assessments: data.assessments.length,
    from,
    until,
    sample: sample.map((s) => {
      const team = consensus(scores.get(s.id) ?? []);
      return {
        date: s.date,
        sender: name(s.senderId),
        receiver: name(s.receiverId),
        title: s.title,
        intended: team?.intended ?? null,
        perceived: team?.perceived ?? null,
      };
    }),
  };
}

/**
 * The import worker's work, apart from the worker itself so that it also runs
 * in-thread where no worker is available (Node under test). Keeps the rows of
 * the last CSV file read, and its checked records, between requests.
 */
export function createImportHandler(post: Post): (request: WorkerRequest) => Promise<void> {
  let table: CsvTable | null = null;
  let checked: BackupData | null = null;
  let stop = false;

  const progress = (step: 'reading' | 'parsing' | 'checking' | 'writing') => (done: number, total: number) =>
    post({ type: 'progress', step, done, total });

  async function write(data: BackupData): Promise<void> {
    stop = false;
    post({ type: 'progress', step: 'writing', done: 0, total: data.signals.length });
    const outcome = await importData(data, { onProgress: progress('writing'), shouldStop: () => stop });
    post({ type: 'imported', outcome });
  }

  return async (request) => {
    try {
      switch (request.type) {
        case 'cancel': {
          stop = true;
          return;
        }
        case 'backup': {
          post({ type: 'progress', step: 'reading', done: 0, total: request.file.size });
          const [text, known] = await Promise.all([request.file.text(), knownRecords()]);
          post({ type: 'progress', step: 'parsing', done: 0, total: text.length });
          const parsed = parseJson(text);
          if (!parsed.ok)
            return post({ type: 'rejected', summary: parsed.message, issues: [], issueCount: 0 });
          const result = checkBackup(parsed.value, known, progress('checking'));
          if (!result.ok)
            return post({ type: 'rejected', ...result, issues: withLines(text, result.issues) });
          // Like a CSV file, a clean backup waits for the analyst to see what it holds.
          checked = result.data;
          table = null;
          return post({ type: 'backup-checked', preview: previewOf(result.data, known) });
        }
        case 'backup-write': {
          if (!checked) throw new Error('the checked backup is no longer in memory: choose the file again');
          const data = checked;
          checked = null;
          return await write(data);
        }
        case 'csv-read': {
          checked = null;
          post({ type: 'progress', step: 'reading', done: 0, total: request.file.size });
          const { text, encoding } = decodeCsv(new Uint8Array(await request.file.arrayBuffer()));
          table = readCsv(text, progress('parsing'));
          if (table.headers.length === 0) {
            return post({
              type: 'rejected',
              summary: 'The file is empty: no header row, no signals. Nothing was imported.',
              issues: [],
              issueCount: 0,
            });
          }
          const long = table.headers.findIndex((h) => h.length > HEADER_MAX);
          if (long >= 0) {
            const length = table.headers[long].length.toLocaleString('en-US');
            table = null;
            return post({
              type: 'rejected',
              summary: `The header of column ${long + 1} is ${length} characters long, where a header is at most ${HEADER_MAX}: the first row of the file must name the columns. Nothing was imported.`,
              issues: [],
              issueCount: 0,
            });
          }
          const mapping = guessMapping(table.headers);
          return post({
            type: 'csv-table',
            headers: table.headers,
            mapping,
            complete: mappingIsComplete(table.headers, mapping),
            rowCount: table.rows.length,
            delimiter: table.delimiter,
            encoding,
            sample: table.rows.slice(0, SAMPLE_ROWS).map((row) => row.map(shown)),
            sampleLines: table.lines.slice(0, SAMPLE_ROWS),
          });
        }
        case 'csv-check': {
          checked = null;
          if (!table)
            throw new Error('the rows of the CSV file are no longer in memory: choose the file again');
          const [known, analyst] = await Promise.all([knownRecords(), currentAnalyst()]);
          const context = { known, analyst, now: request.now, newId };
          const result = checkCsv(table, request.mapping, context, progress('checking'));
          if (!result.ok) return post({ type: 'rejected', ...result });
          checked = result.data;
          return post({
            type: 'csv-checked',
            count: result.data.signals.length,
            newActors: result.newActors,
            newRedLines: result.newRedLines,
          });
        }
        case 'csv-write': {
          if (!checked) throw new Error('the checked rows are no longer in memory: choose the file again');
          const data = checked;
          checked = null;
          table = null;
          return await write(data);
        }
      }
    } catch (error) {
      // The error crosses to the page as data; the service there puts it into words.
      post({ type: 'failed', error: errorData(error) });
    }
  };
}
