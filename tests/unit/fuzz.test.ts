/**
 * Hostile files through the importers' own functions: 5,000 mutations of a
 * good backup and a good spreadsheet (cut short, wrong types, NaN and 1e309,
 * 5 MB strings, deep nesting, `__proto__` keys, repeated ids, references to
 * nothing, BOMs and other encodings, binary junk). No exception may escape,
 * and every file gets an outcome: accepted, or refused in sentences. A fixed
 * seed makes every failure reproduce; the count of files, not a clock, bounds
 * the work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/db/database';
import { checkBackup, NO_RECORDS, parseJson, serializeBackup } from '../../src/lib/domain/backup';
import type { ImportIssue } from '../../src/lib/domain/issues';
import { createImportHandler } from '../../src/lib/workers/import-handler';
import type { WorkerReply } from '../../src/lib/workers/protocol';
import { encode, FIVE_MB, generator, GOOD_CSV, GOOD_JSON, mutateBackup, mutateText, NOW } from './hostile';

const JSON_FILES = 2_600;
const CSV_FILES = 2_600;

/**
 * What is wrong with an outcome's words, or '': a sentence (words ending with a
 * full stop), issues with a place and a message, never `[object Object]`.
 * Plain checks rather than `expect`, which costs too much 100,000 times over.
 */
function faultOf(summary: unknown, issues: readonly ImportIssue[] = []): string {
  if (typeof summary !== 'string' || !/^[A-Z“"'\w].*[.)]$/s.test(summary) || summary.includes('[object'))
    return `not a sentence: ${String(summary).slice(0, 200)}`;
  for (const issue of issues) {
    if (typeof issue.place !== 'string' || typeof issue.field !== 'string' || !/\S/.test(issue.message))
      return `a malformed issue: ${JSON.stringify(issue).slice(0, 200)}`;
    if (issue.message.includes('[object')) return `an issue that prints an object: ${issue.message}`;
  }
  return '';
}

describe('hostile files through the importers', () => {
  beforeAll(async () => {
    await db.delete();
    await db.open();
  });

  // The count of files bounds the work; the time limit only guards against a hang on a busy machine.
  it(
    `gives each of ${JSON_FILES.toLocaleString('en-US')} mutated backups an outcome, and no exception escapes`,
    { timeout: 300_000 },
    () => {
      const random = generator(0x5eed_0001);
      const tally = { accepted: 0, refused: 0 };
      const faults: string[] = [];
      for (let n = 0; n < JSON_FILES; n++) {
        // Every 200th file carries a 5 MB string.
        const huge = n % 200 === 0;
        const source =
          !huge && random.int(3) === 0 ? mutateText(GOOD_JSON, random) : mutateBackup(random, huge);
        // A backup is read as UTF-8, as the worker's File.text() reads it.
        const text = new TextDecoder().decode(encode(source, random));
        const parsed = parseJson(text);
        if (!parsed.ok) {
          faults.push(faultOf(parsed.message));
          tally.refused++;
          continue;
        }
        const result = checkBackup(parsed.value, { ...NO_RECORDS, now: Date.parse(NOW) });
        if (result.ok) {
          tally.accepted++;
          // What was accepted is clean: written again, it is accepted again, unchanged.
          const again = checkBackup(JSON.parse(serializeBackup(result.data, NOW)), {
            ...NO_RECORDS,
            now: Date.parse(NOW),
          });
          if (!again.ok || JSON.stringify(again.data) !== JSON.stringify(result.data))
            faults.push(`file ${n}: accepted, but not unchanged once written and read again`);
        } else {
          tally.refused++;
          faults.push(faultOf(result.summary, result.issues));
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(faults.filter(Boolean)).toEqual([]);
      expect(tally.accepted + tally.refused).toBe(JSON_FILES);
      // The mutations mostly break the file, but not all of them.
      expect(tally.refused).toBeGreaterThan(JSON_FILES / 2);
    },
  );

  it(
    `gives each of ${CSV_FILES.toLocaleString('en-US')} mutated spreadsheets an outcome through the import worker's steps`,
    { timeout: 300_000 },
    async () => {
      const random = generator(0x5eed_0002);
      const replies: WorkerReply[] = [];
      const handle = createImportHandler((reply) => {
        if (reply.type !== 'progress') replies.push(reply);
      });
      const tally = { ready: 0, refused: 0 };
      const faults: string[] = [];
      for (let n = 0; n < CSV_FILES; n++) {
        let text = mutateText(GOOD_CSV, random);
        if (random.int(3) === 0) text = mutateText(text, random);
        // Every 200th file carries a 5 MB cell.
        if (n % 200 === 0) text = GOOD_CSV.replace(/\r\n(\d{4})/, `\r\n${FIVE_MB}$1`);
        replies.length = 0;
        await handle({ type: 'csv-read', file: new Blob([encode(text, random)]) });
        let answer = replies[0];
        if (answer.type === 'csv-table') {
          // The guessed columns, or columns chosen at random (some beyond the file's).
          const mapping = { ...answer.mapping };
          if (random.int(4) === 0)
            for (const key of Object.keys(mapping) as (keyof typeof mapping)[])
              mapping[key] = random.int(25) - 2;
          replies.length = 0;
          await handle({ type: 'csv-check', mapping, now: NOW });
          answer = replies[0];
        }
        if (replies.length !== 1) faults.push(`file ${n}: ${replies.length} answers to one request`);
        if (answer.type === 'csv-checked') tally.ready++;
        else if (answer.type === 'rejected') {
          tally.refused++;
          faults.push(faultOf(answer.summary, answer.issues));
        } else faults.push(`file ${n}: an unexpected answer, ${JSON.stringify(answer).slice(0, 300)}`);
      }
      expect(faults.filter(Boolean)).toEqual([]);
      expect(tally.ready + tally.refused).toBe(CSV_FILES);
      expect(tally.refused).toBeGreaterThan(CSV_FILES / 4);
      expect(tally.ready).toBeGreaterThan(0);
    },
  );
});
