/**
 * Data in and out: backups, spreadsheets, storage. Each action checks first,
 * writes in one transaction, then says what happened; a failure leaves the
 * database as it was and is told in words (PRODUCT.md §6, §7).
 */
import { listActors, listRedLines } from '../db/actors';
import { downloadBlob } from './download';
import { clearAll, ImportCancelledError, readAll, readAssessments } from '../db/backup';
import { setMeta } from '../db/meta';
import { allSignals } from '../db/signal-reads';
import { signalsToCsv, type CsvMapping } from '../domain/csv';
import { today } from '../domain/dates';
import { isolate } from '../domain/bidi';
import { isEventFileStart } from '../domain/events/formats';
import { describeOutcome } from '../domain/merge';
import type { Signal } from '../domain/types';
import { notices } from '../state/notices.svelte';
import { route } from '../state/route.svelte';
import { storage } from '../state/storage.svelte';
import { transfer } from '../state/transfer.svelte';
import { ImportWorker, type Answer } from '../workers/client';
import type { ImportStep } from '../workers/protocol';
import { describeError } from './errors';
import { importEvents } from './inbox';
import { requestPersistence } from './storage';
import { countOf } from '../domain/format';

let worker: ImportWorker | null = null;

// ---------------------------------------------------------------- export

function download(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** Downloads everything as a JSON backup and remembers when. */
export async function exportJson(): Promise<boolean> {
  try {
    // The backup format comes with its checks (valibot); it loads when first needed.
    const [data, { serializeBackup }] = await Promise.all([readAll(), import('../domain/backup')]);
    const at = new Date().toISOString();
    const fileName = `parallax-${today()}.json`;
    download(serializeBackup(data, at), fileName, 'application/json');
    await setMeta('lastBackupAt', at);
    storage.noteBackup(at);
    notices.info(
      `Exported ${countOf(data.signals.length, 'signal')}, ${countOf(data.actors.length, 'actor')} and ${countOf(data.redLines.length, 'red line')} to ${fileName}.`,
    );
    return true;
  } catch (error) {
    notices.error(describeError(error, 'export the backup'));
    return false;
  }
}

/**
 * Downloads signals as CSV: the ones given (the Signals view passes its
 * filtered list), or all of them.
 */
export async function exportCsv(signals?: readonly Signal[]): Promise<boolean> {
  try {
    const [list, actors, redLines, scores] = await Promise.all([
      signals ?? allSignals(),
      listActors(),
      listRedLines(),
      readAssessments(signals?.map((s) => s.id)),
    ]);
    const actorNames = new Map(actors.map((a) => [a.id, a.name]));
    const redLineTexts = new Map(redLines.map((r) => [r.id, r.text]));
    const analystNames = new Map(scores.analysts.map((a) => [a.id, a.name]));
    const fileName = `parallax-${signals ? 'signals-' : ''}${today()}.csv`;
    const text = signalsToCsv(
      list,
      {
        actorName: (id) => actorNames.get(id),
        redLineText: (id) => redLineTexts.get(id),
        analystName: (id) => analystNames.get(id),
      },
      (id) => scores.bySignal.get(id) ?? [],
    );
    download(text, fileName, 'text/csv;charset=utf-8');
    notices.info(`Exported ${countOf(list.length, 'signal')} to ${fileName}.`);
    return true;
  } catch (error) {
    notices.error(describeError(error, 'export the CSV file'));
    return false;
  }
}

// ---------------------------------------------------------------- import

/** JSON or CSV, by the name, else by the first character. */
async function isJson(file: File): Promise<boolean> {
  if (/\.json$/i.test(file.name)) return true;
  if (/\.(csv|tsv|txt)$/i.test(file.name)) return false;
  return (await file.slice(0, 64).text()).trimStart().startsWith('{');
}

/** A zip archive (GDELT's), or text that starts as one of the event formats. */
async function isEventFile(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return true;
  return isEventFileStart(await file.slice(0, 65_536).text());
}

function onProgress(step: ImportStep, done: number, total: number): void {
  transfer.step(step, done, total);
}

function newWorker(): ImportWorker {
  worker?.dispose();
  worker = new ImportWorker();
  return worker;
}

function endWorker(): void {
  worker?.dispose();
  worker = null;
}

/** Ends an import that did not write: a file refused, a failure, a cancel. The database is as it was. */
function settle(answer: Answer, fileName: string): void {
  endWorker();
  performance.mark('import-done');
  if (answer.type === 'imported')
    transfer.succeed(describeOutcome(fileName, answer.outcome), answer.outcome.conflicts);
  else if (answer.type === 'rejected') transfer.fail(answer.summary, answer.issues, answer.issueCount);
  else if (answer.type === 'failed') fail(answer.error, fileName);
  else transfer.fail(`Could not import ${fileName}: the import stopped unexpectedly. Nothing was written.`);
}

function fail(error: unknown, fileName: string): void {
  endWorker();
  if (
    error instanceof ImportCancelledError ||
    (error as { name?: unknown })?.name === 'ImportCancelledError'
  ) {
    transfer.cancelled(`Import of ${fileName} cancelled. Nothing was written.`);
  } else {
    transfer.fail(describeError(error, `import ${fileName}`));
  }
}

/**
 * Imports a file the analyst chose. An event file goes to the inbox. A JSON
 * backup is checked in full and, if clean, previewed; the analyst confirms
 * (`confirmBackupImport`) before it is merged. A CSV file is read and its columns matched; the
 * analyst confirms the mapping and the preview (`confirmCsvImport`) before
 * anything is written.
 */
export async function importFile(file: File): Promise<void> {
  // One import at a time: the view disables its file input while one runs.
  if (transfer.busy) return;
  // Event data goes to the inbox, which reads it and asks for the actors' mapping there.
  if (await isEventFile(file)) {
    route.go('inbox');
    await importEvents(file);
    return;
  }
  endWorker();
  // Marks for the benchmark: from the file chosen to the outcome announced.
  performance.mark('import-start');
  // The name is the analyst's disk's, shown inside sentences: isolated so that it cannot reorder them.
  const name = isolate(file.name);
  transfer.start(name);
  try {
    const job = newWorker();
    if (await isJson(file)) {
      const answer = await job.request({ type: 'backup', file }, onProgress);
      if (answer.type !== 'backup-checked') return settle(answer, name);
      const { actors, redLines, signals } = answer.preview;
      transfer.readyBackup(
        answer.preview,
        `${name}: ${countOf(signals, 'signal')}, ${countOf(actors, 'actor')} and ${countOf(redLines, 'red line')} ready to import. Check the preview, then confirm.`,
      );
      return;
    }
    const answer = await job.request({ type: 'csv-read', file }, onProgress);
    if (answer.type !== 'csv-table') return settle(answer, name);
    const { type: _type, complete, ...review } = answer;
    transfer.reviewCsv(
      review,
      `${file.name}: ${countOf(review.rowCount, 'row')} read${encodingNote(review.encoding)}. Match each field of a signal to a column, then choose Check rows. Nothing is imported until you confirm.`,
    );
    // Headers Parallax knows by name need no mapping step: check the rows at once.
    if (complete) await checkCsvRows(review.mapping);
  } catch (error) {
    fail(error, name);
  }
}

/** What the preview says of a file that was not UTF-8. */
function encodingNote(encoding: string): string {
  if (encoding === 'windows-1252')
    return ' as Windows-1252 (Western European), because it is not UTF-8; check that names with accents read right';
  if (encoding !== 'utf-8') return ` as ${encoding.toUpperCase()}`;
  return '';
}

/** Checks every row of the CSV file read last, under `mapping`; a clean file then waits for confirmation. */
export async function checkCsvRows(mapping: CsvMapping): Promise<void> {
  const fileName = transfer.fileName;
  if (!worker || !transfer.csv) return;
  transfer.setMapping(mapping);
  transfer.step('checking', 0, transfer.csv.rowCount);
  try {
    const answer = await worker.request(
      { type: 'csv-check', mapping, now: new Date().toISOString() },
      onProgress,
    );
    // A refused file keeps its review open, so the analyst can choose other columns.
    if (answer.type === 'rejected') return transfer.fail(answer.summary, answer.issues, answer.issueCount);
    if (answer.type !== 'csv-checked') return settle(answer, fileName);
    const { count, newActors, newRedLines } = answer;
    transfer.readyCsv(
      { count, newActors, newRedLines },
      `${fileName}: ${countOf(count, 'signal')} ready to import${transfer.csv && transfer.csv.encoding !== 'utf-8' ? ` (read${encodingNote(transfer.csv.encoding)})` : ''}. Check the preview, then confirm.`,
    );
  } catch (error) {
    fail(error, fileName);
  }
}

/** Writes the checked CSV file, with any actors and red lines it introduces, in one transaction. */
export async function confirmCsvImport(): Promise<void> {
  const fileName = transfer.fileName;
  const ready = transfer.ready;
  if (!worker || !ready) return;
  transfer.step('writing', 0, ready.count);
  try {
    settle(await worker.request({ type: 'csv-write' }, onProgress), fileName);
  } catch (error) {
    fail(error, fileName);
  }
}

/** Merges the checked JSON backup, in one transaction. */
export async function confirmBackupImport(): Promise<void> {
  const fileName = transfer.fileName;
  if (!worker || !transfer.backup) return;
  transfer.step('writing', 0, transfer.backup.signals);
  try {
    settle(await worker.request({ type: 'backup-write' }, onProgress), fileName);
  } catch (error) {
    fail(error, fileName);
  }
}

/** Stops the import running now; a write under way rolls back whole. */
export function cancelImport(): void {
  worker?.cancel(transfer.progress?.step === 'writing');
}

/** Forgets a file waiting for review (a CSV mapping or a backup's preview). */
export function discardImport(): void {
  endWorker();
  transfer.cancelled(`Import of ${transfer.fileName} cancelled. Nothing was written.`);
}

// ---------------------------------------------------------------- storage

/**
 * Asks the browser, once a session, to keep Parallax's data under storage
 * pressure, then reads the storage status.
 */
export async function checkStorage(): Promise<void> {
  await requestPersistence();
  await storage.refresh();
}

/** Deletes every actor, red line and signal. The caller has offered a backup and had it confirmed. */
export async function deleteAllData(): Promise<boolean> {
  try {
    await clearAll();
    transfer.reset();
    notices.info('Deleted all actors, red lines and signals.');
    await storage.refresh();
    return true;
  } catch (error) {
    notices.error(describeError(error, 'delete the data'));
    return false;
  }
}
