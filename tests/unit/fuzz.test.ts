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
import { EXAMPLE } from '../../src/lib/db/example';
import { checkBackup, NO_RECORDS, parseJson, serializeBackup } from '../../src/lib/domain/backup';
import { signalsToCsv } from '../../src/lib/domain/csv';
import type { ImportIssue } from '../../src/lib/domain/issues';
import { createImportHandler } from '../../src/lib/workers/import-handler';
import type { WorkerReply } from '../../src/lib/workers/protocol';

const JSON_FILES = 2_600;
const CSV_FILES = 2_600;
const NOW = '2026-11-23T10:00:00.000Z';

/** mulberry32: a small seeded generator, so the same files are made on every run. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

/** A good backup and a good spreadsheet to start from: part of the example data set. */
const data = {
  actors: EXAMPLE.actors,
  redLines: EXAMPLE.redLines,
  signals: EXAMPLE.signals.slice(0, 12),
};
const GOOD_JSON = serializeBackup(data, NOW);
const names = {
  actorName: (id: string) => data.actors.find((a) => a.id === id)?.name,
  redLineText: (id: string) => data.redLines.find((r) => r.id === id)?.text,
};
const GOOD_CSV = signalsToCsv(data.signals, names);

const FIVE_MB = 'x'.repeat(5_000_000);
const WRONG_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  101,
  4.5,
  Number.POSITIVE_INFINITY, // what 1e309 in a file parses to
  Number.NEGATIVE_INFINITY,
  '',
  ' ',
  '\u200B',
  'NaN',
  '1e309',
  '9999-12-31T00:00:00.000Z',
  '2020-02-31',
  '2020-02-31T10:00:00.000Z',
  '2020-01-01T24:00:00Z',
  'javascript:alert(1)',
  '<img src=x onerror=alert(1)>',
  '\uD800',
  [],
  [null],
  {},
  { __proto__: { polluted: true } },
  [[[[[[[[[[]]]]]]]]]],
];

function encode(text: string, random: Random): Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  // A 5 MB file is hostile enough as it is: its other encodings would only cost time.
  if (text.length > 1_000_000) return utf8;
  switch (random.int(6)) {
    case 0: {
      // UTF-16 LE with its BOM
      const bytes = new Uint8Array(2 + text.length * 2);
      bytes.set([0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) {
        bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
        bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
      }
      return bytes;
    }
    case 1: {
      // Windows-1252-ish: every character cut to one byte
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
      return bytes;
    }
    case 2: {
      // a BOM, maybe twice
      const bom = random.int(2) ? 6 : 3;
      const bytes = new Uint8Array(bom + utf8.length);
      bytes.set([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf].slice(0, bom));
      bytes.set(utf8, bom);
      return bytes;
    }
    default:
      return utf8;
  }
}

/** One hostile variant of a text file. */
function mutateText(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  switch (random.int(12)) {
    case 0:
      return text.slice(0, at); // cut short
    case 1:
      return text.slice(0, at) + String.fromCharCode(random.int(0x10000)) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + random.int(50));
    case 3:
      return text.slice(0, at) + text.slice(random.int(text.length)); // a slice repeated or lost
    case 4:
      return Array.from({ length: random.int(2_000) }, () => String.fromCharCode(random.int(256))).join(''); // binary junk
    case 5:
      return text.slice(0, at) + '"' + text.slice(at);
    case 6:
      return text.replace(/\d+/, random.pick(['NaN', '1e309', '-0', 'Infinity', '0x10', '1_000']));
    case 7:
      return text.replace(/,/g, () => (random.int(20) === 0 ? ';' : ','));
    case 8:
      return text.replace(/\r?\n/g, () => random.pick(['\n', '\r\n', '\r', '\n\n']));
    case 9:
      return text.slice(0, at) + '\u0000\uFFFF\uD800' + text.slice(at);
    case 10:
      return '\uFEFF' + text;
    default:
      return text.toUpperCase();
  }
}

/** One hostile variant of a backup, by changing its records. */
function mutateBackup(random: Random, huge: boolean): string {
  const raw = JSON.parse(GOOD_JSON) as Record<string, unknown> &
    Record<'actors' | 'redLines' | 'signals', Record<string, unknown>[]>;
  const table = random.pick(['actors', 'redLines', 'signals'] as const);
  const list = raw[table];
  const record = list[random.int(list.length)];
  const keys = Object.keys(record);
  if (huge) {
    record[random.pick(keys)] = FIVE_MB;
    return JSON.stringify(raw);
  }
  switch (random.int(10)) {
    case 0:
      record[random.pick(keys)] = random.pick(WRONG_VALUES);
      break;
    case 1:
      delete record[random.pick(keys)];
      break;
    case 2:
      list.push({ ...record }); // a repeated id
      break;
    case 3:
      for (const key of ['senderId', 'receiverId', 'actorId', 'targetId', 'redLineId'])
        if (key in record && random.int(2)) record[key] = `ghost-${random.int(5)}`;
      break;
    case 4:
      record.id = random.pick(raw.actors).id; // an id another table uses
      break;
    case 5:
      record[random.pick(keys)] = 'y'.repeat(random.int(30_000));
      break;
    case 6: {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 2_000; i++) deep = [deep];
      record[random.pick(keys)] = deep;
      break;
    }
    case 7:
      raw[random.pick(['format', 'version', 'actors', 'redLines', 'signals', 'exportedAt'])] =
        random.pick(WRONG_VALUES);
      break;
    case 8:
      return JSON.stringify(raw).replace(
        '"id":',
        '"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"id":',
      );
    default:
      raw.version = random.pick([0, 1, 2, 99, '1', 1.5]);
  }
  return JSON.stringify(raw);
}

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
