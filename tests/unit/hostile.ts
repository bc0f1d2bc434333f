/**
 * Hostile files, made from a good backup and a good spreadsheet by seeded
 * mutations, for the fuzz tests of the importers (tests/unit/fuzz.test.ts,
 * tests/e2e/import-fuzz.e2e.ts). The same seed makes the same files.
 */
import { EXAMPLE } from '../../src/lib/db/example';
import { serializeBackup } from '../../src/lib/domain/backup';
import { signalsToCsv } from '../../src/lib/domain/csv';
import { ANA, assessmentOf, scored } from './scored';

export const NOW = '2026-11-23T10:00:00.000Z';

/** mulberry32: a small seeded generator, so the same files are made on every run. */
export function generator(seed: number) {
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
export type Random = ReturnType<typeof generator>;

/** A good backup and a good spreadsheet to start from: part of the example data set. */
const data = {
  actors: EXAMPLE.actors,
  redLines: EXAMPLE.redLines,
  signals: EXAMPLE.signals.slice(0, 12),
};
export const GOOD_JSON = serializeBackup(scored(data), NOW);
const names = {
  actorName: (id: string) => data.actors.find((a) => a.id === id)?.name,
  redLineText: (id: string) => data.redLines.find((r) => r.id === id)?.text,
  analystName: (id: string) => (id === ANA.id ? ANA.name : undefined),
};
const byId = new Map(data.signals.map((s) => [s.id, s]));
export const GOOD_CSV = signalsToCsv(data.signals, names, (id) => [assessmentOf(byId.get(id)!, ANA)]);

export const FIVE_MB = 'x'.repeat(5_000_000);
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

export function encode(text: string, random: Random): Uint8Array<ArrayBuffer> {
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
export function mutateText(text: string, random: Random): string {
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
export function mutateBackup(random: Random, huge: boolean): string {
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
