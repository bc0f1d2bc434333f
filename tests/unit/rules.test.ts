/**
 * The one set of rules (src/lib/domain/rules.ts), seen from every path that
 * uses it: the forms (validate.ts), the JSON backup check and the CSV import.
 * A value one path accepts, every path accepts, and it comes back unchanged.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { importData, readAll } from '../../src/lib/db/backup';
import { db } from '../../src/lib/db/database';
import { ANA, scored } from './scored';
import { checkBackup, NO_RECORDS, parseJson, serializeBackup } from '../../src/lib/domain/backup';
import { guessMapping, parseSourcesCell } from '../../src/lib/domain/csv';
import { checkCsv, readCsv } from '../../src/lib/domain/csv-import';
import { dateToTime, dayNumber, dayNumberToDate, isCalendarDate } from '../../src/lib/domain/dates';
import { formatTags, isTimestamp, parseTags, suggestCode } from '../../src/lib/domain/rules';
import { validateActor, validateRedLine, validateSignal } from '../../src/lib/domain/validate';
import { describeError } from '../../src/lib/services/errors';
import { decodeCsv } from '../../src/lib/workers/import-handler';
import { IRAN, US } from './factories';
import {
  accepted,
  ACTORS,
  counter,
  FORM_CONTEXT,
  IRAN_ACTOR,
  IRAN_LINE,
  NOW,
  refusal,
  saved,
  throughCsv,
  throughJson,
  typed,
  US_ACTOR,
} from './round-trips';

describe('one rule set for the form, the backup and the spreadsheet', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it('takes back, from a backup it wrote, notes as long as the form accepts (20,000 characters)', () => {
    const signal = saved(typed({ notes: 'n'.repeat(20_000) }));
    expect(throughJson(signal)).toEqual(signal);
    expect(throughCsv(signal)).toEqual(signal);
  });

  it('refuses in the form the notes a backup would refuse, naming the field and the limit', () => {
    const result = validateSignal(typed({ notes: 'n'.repeat(20_001) }), FORM_CONTEXT);
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'notes', message: 'Notes must be at most 20,000 characters (it has 20,001).' },
    ]);
  });

  it('brings back every field of a signal from the form, through JSON and through CSV, into an empty profile', async () => {
    const signal = saved(
      typed({
        title: '  =Strike | "called off"; minutes, before  ',
        redLineId: IRAN_LINE.id,
        capped: true,
        sources:
          'Reuters | wire https://www.reuters.com/a?x=1|2\nField notes <kept> \\ here\nhttps://b.example/c',
        tags: 'gulf, proxy\\, war, a\\;b, back\\\\slash, gulf',
        notes: 'He said "no".\r\nSecond line; third, fourth\n\'=1+1',
      }),
    );
    // The values as the analyst meant them, worked out by hand from what was typed.
    expect(signal).toMatchObject({
      title: '=Strike | "called off"; minutes, before',
      sources: [
        { label: 'Reuters | wire', url: 'https://www.reuters.com/a?x=1|2' },
        { label: 'Field notes <kept> \\ here', url: '' },
        { label: 'b.example', url: 'https://b.example/c' },
      ],
      tags: ['gulf', 'proxy, war', 'a;b', 'back\\slash'],
    });
    expect(throughJson(signal)).toEqual(signal);
    expect(throughCsv(signal)).toEqual(signal);

    // And through the database, as the Data view imports a backup into an empty profile.
    const data = { actors: ACTORS, redLines: [IRAN_LINE], signals: [signal] };
    const parsed = parseJson(serializeBackup(scored(data), NOW));
    const checked = checkBackup(parsed.ok ? parsed.value : null);
    if (!checked.ok) throw new Error('refused');
    await importData(checked.data);
    // Stored with its consensus: the one assessment's scores, its weight and whose they are.
    expect((await readAll()).signals).toEqual([
      {
        ...signal,
        displayed: null,
        weight: 3,
        scores: [{ analystId: ANA.id, intended: 85, displayed: null, perceived: 80, confidence: 'high' }],
      },
    ]);
  });
});

describe('lists in one cell', () => {
  it('keeps a `|` in a source label and `;` or `,` in a tag (they used to split)', () => {
    const signal = saved(typed({ sources: 'Reuters | wire https://r.example/a', tags: '' }));
    const withTags = { ...signal, tags: ['a;b', 'c,d'] };
    expect(throughCsv(withTags)).toEqual(withTags);
  });

  it('writes a source without address whose label looks like one with `<>`, so it stays a label', () => {
    const signal = {
      ...saved(typed()),
      sources: [
        { label: 'Interview https://x.example/a', url: '' },
        { label: 'https://y.example', url: '' },
      ],
    };
    expect(throughCsv(signal)).toEqual(signal);
  });

  it('reads a backslash before an ordinary character as itself (a path typed by hand)', () => {
    expect(parseSourcesCell('C:\\docs\\note.txt')).toEqual([{ label: 'C:\\docs\\note.txt', url: '' }]);
    expect(parseTags('C:\\docs; a\\;b')).toEqual(['C:\\docs', 'a;b']);
    expect(formatTags(['a;b', 'c,d', 'e\\f'], '; ')).toBe('a\\;b; c\\,d; e\\\\f');
  });
});

describe('oversized values', () => {
  it('refuses a 5,000,000-character title in the form, naming the field and the limit', () => {
    const result = validateSignal(typed({ title: 'x'.repeat(5_000_000) }), FORM_CONTEXT);
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'title', message: 'Title must be at most 200 characters (it has 5,000,000).' },
    ]);
  });

  it('refuses a 300,000-character title in a CSV row with its line, field and limit', () => {
    const text = `date,sender,receiver,title,intended,perceived\n2019-06-20,Iran,United States,${'t'.repeat(300_000)},70,45\n`;
    const table = readCsv(text);
    const result = checkCsv(table, guessMapping(table.headers), {
      known: NO_RECORDS,
      now: NOW,
      newId: counter(),
    });
    expect(refusal(result)).toEqual(['line 2, title: must be at most 200 characters (it has 300,000)']);
  });

  it('suggests a code for a 5 MB name without exhausting the stack', () => {
    expect(suggestCode('中'.repeat(5_000_000))).toBe('中中中');
    expect(suggestCode('Ab '.repeat(1_700_000))).toBe('AAAAAA');
  });

  it('refuses a 5 MB actor name in a backup with its place, field and limit', () => {
    const result = checkBackup(
      JSON.parse(
        serializeBackup(
          scored({ actors: [{ ...US_ACTOR, name: '中'.repeat(5_000_000) }], redLines: [], signals: [] }),
          NOW,
        ),
      ),
    );
    expect(refusal(result)).toEqual(['actors[0].name: must be at most 80 characters (it has 5,000,000)']);
  });
});

describe('failures told in sentences', () => {
  it.each([
    ['a DOMException from the worker', new DOMException('', 'UnknownError')],
    ['the same error sent as data by the worker', { name: 'UnknownError', message: '' }],
    [
      'an error wrapped by Dexie',
      { name: 'AbortError', message: '', inner: { name: 'UnknownError', message: '' } },
    ],
  ])('says what happened with %s, never [object Object]', (_, error) => {
    const message = describeError(error, 'import backup.json');
    expect(message).toBe(
      'Could not import backup.json: the browser reported UnknownError. Nothing was written.',
    );
  });

  it('keeps the words of an error sent as data', () => {
    expect(describeError({ name: 'UnknownError', message: 'Internal error.' }, 'import a.json')).toBe(
      'Could not import a.json: Internal error. Nothing was written.',
    );
  });
});

describe('a CSV file in another encoding', () => {
  it("reads Windows-1252 bytes as Windows-1252 and says so: Côte d'Ivoire stays whole", () => {
    // `Côte d'Ivoire` as Excel writes it on Western Windows: ô is the one byte 0xF4.
    const bytes = Uint8Array.from([
      0x43, 0xf4, 0x74, 0x65, 0x20, 0x64, 0x27, 0x49, 0x76, 0x6f, 0x69, 0x72, 0x65,
    ]);
    expect(decodeCsv(bytes)).toEqual({ text: "Côte d'Ivoire", encoding: 'windows-1252' });
  });

  it('reads UTF-8 strictly, with or without BOM, and UTF-16 by its BOM', () => {
    expect(decodeCsv(Uint8Array.from([0xef, 0xbb, 0xbf, 0x43, 0xc3, 0xb4]))).toEqual({
      text: 'Cô',
      encoding: 'utf-8',
    });
    expect(decodeCsv(Uint8Array.from([0xff, 0xfe, 0x43, 0x00, 0xf4, 0x00]))).toEqual({
      text: 'Cô',
      encoding: 'utf-16le',
    });
  });
});

describe('years 0000–0099', () => {
  it('reads 0050-01-01 as the year 50, not 1950', () => {
    // 1950-01-01 is day −7305 since 1970. From the year 50 to 1950 lie 1,900 years of
    // 365 days and 460 leap days (475 years 52, 56, … 1948, less the 15 centuries of
    // them not divisible by 400): 693,960 days.
    expect(dayNumber('1950-01-01')).toBe(-7305);
    expect(dayNumber('0050-01-01')).toBe(-7305 - 693_960);
    expect(dayNumberToDate(dayNumber('0050-01-01'))).toBe('0050-01-01');
    // The instant the chart plots for it lies in the year 50 too.
    expect(new Date(dateToTime('0050-01-01')).getUTCFullYear()).toBe(50);
  });

  it('knows the leap years of the first century: 0000 and 0004 are, 0100 and 1900 are not', () => {
    expect(isCalendarDate('0000-02-29')).toBe(true);
    expect(isCalendarDate('0004-02-29')).toBe(true);
    expect(isCalendarDate('0100-02-29')).toBe(false);
    expect(isCalendarDate('0001-02-29')).toBe(false);
  });
});

describe('instants', () => {
  it.each([
    '2020-02-31T10:00:00.000Z',
    '2020-01-01T24:00:00.000Z',
    '2020-01-01T24:00Z',
    '2021-02-29T00:00:00Z',
    '2020-01-01T10:60:00Z',
  ])('refuses the impossible %s', (value) => expect(isTimestamp(value)).toBe(false));

  it.each(['2020-02-29T23:59:59.999Z', '2020-01-01T10:00+03:30', '0050-01-01T00:00:00.000Z'])(
    'accepts %s',
    (value) => expect(isTimestamp(value)).toBe(true),
  );

  it('refuses in a backup an edit dated more than a day ahead of the clock', () => {
    const now = Date.parse(NOW);
    const future = { ...US_ACTOR, updatedAt: '9999-12-31T00:00:00.000Z' };
    const result = checkBackup(
      JSON.parse(serializeBackup(scored({ actors: [future], redLines: [], signals: [] }), NOW)),
      {
        ...NO_RECORDS,
        now,
      },
    );
    expect(refusal(result)).toEqual([
      "actors[0].updatedAt: lies in the future (9999-12-31T00:00:00.000Z); this computer's clock says 2026-11-23T10:00:00.000Z",
    ]);
    // Within a day of the clock, clocks merely drift.
    const close = { ...US_ACTOR, updatedAt: '2026-11-24T09:00:00.000Z' };
    expect(
      checkBackup(JSON.parse(serializeBackup(scored({ actors: [close], redLines: [], signals: [] }), NOW)), {
        ...NO_RECORDS,
        now,
      }).ok,
    ).toBe(true);
  });

  it('refuses in a CSV row an updated_at from the future', () => {
    const text =
      'date,sender,receiver,title,intended,perceived,updated_at\n2019-06-20,Iran,United States,T,70,45,9999-12-31T00:00:00.000Z\n';
    const table = readCsv(text);
    expect(
      refusal(
        checkCsv(table, guessMapping(table.headers), { known: NO_RECORDS, now: NOW, newId: counter() }),
      ),
    ).toEqual([
      "line 2, updated_at: lies in the future (9999-12-31T00:00:00.000Z); this computer's clock says 2026-11-23T10:00:00.000Z",
    ]);
  });
});

describe('names', () => {
  const INVISIBLE = [' \u200B ', '\u202E\u202C', '\u2066\u2069\u200F', '\u00A0\u3000', '\uFEFF'];

  it.each(INVISIBLE)('refuses a name made only of invisible characters (%j) in the actor form', (name) => {
    const result = validateActor({ name, code: 'X', color: '#112233' });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['name']);
  });

  it.each(INVISIBLE)('refuses such a name (%j) in a backup and in a CSV file', (name) => {
    const backup = checkBackup(
      JSON.parse(
        serializeBackup(scored({ actors: [{ ...US_ACTOR, name }], redLines: [], signals: [] }), NOW),
      ),
    );
    expect(refusal(backup)[0]).toMatch(/^actors\[0\]\.name: /);
    const table = readCsv(
      `date,sender,receiver,title,intended,perceived\n2019-06-20,"${name}",Iran,T,70,45\n`,
    );
    const csv = checkCsv(table, guessMapping(table.headers), {
      known: NO_RECORDS,
      now: NOW,
      newId: counter(),
    });
    expect(refusal(csv)[0]).toMatch(/^line 2, sender: /);
  });

  it('trims outer spaces, and takes a name that differs only by case or invisible characters as the same', () => {
    expect(accepted(validateActor({ name: '  Iraq  ', code: ' IRQ ', color: '#AABBCC' }))).toEqual({
      name: 'Iraq',
      code: 'IRQ',
      color: '#aabbcc',
    });
    const taken = validateActor({ name: 'I\u200Bran', code: 'IR', color: '#112233' }, [IRAN_ACTOR]);
    expect(taken.ok).toBe(false);
    const backup = checkBackup(
      JSON.parse(
        serializeBackup(
          scored({
            actors: [US_ACTOR, { ...IRAN_ACTOR }, { ...IRAN_ACTOR, id: 'other', name: ' IRAN\u200D ' }],
            redLines: [],
            signals: [],
          }),
          NOW,
        ),
      ),
    );
    expect(refusal(backup)).toEqual(['actors[2].name: repeats the name of actors[1]']);
    // A CSV row naming a known actor with a zero-width space inside creates no second one.
    const table = readCsv(
      'date,sender,receiver,title,intended,perceived\n2019-06-20,I\u200Bran,United States,T,70,45\n',
    );
    const csv = checkCsv(table, guessMapping(table.headers), {
      known: { actors: ACTORS, redLines: [] },
      now: NOW,
      newId: counter(),
    });
    expect(csv.ok && csv.newActors).toEqual([]);
  });
});

describe('loose records', () => {
  it('refuses a crossing whose receiver is not the actor who drew the line, in form, backup and CSV', () => {
    // The line Iran drew against the US, marked as crossed by a signal to the US.
    const form = validateSignal(
      typed({ senderId: IRAN, receiverId: US, redLineId: IRAN_LINE.id }),
      FORM_CONTEXT,
    );
    expect(form.ok ? [] : form.errors).toEqual([
      {
        field: 'redLineId',
        message: 'Crosses red line names a red line drawn by another actor than the receiver.',
      },
    ]);
    const signal = { ...saved(typed({ redLineId: IRAN_LINE.id })), senderId: IRAN, receiverId: US };
    const backup = checkBackup(
      JSON.parse(serializeBackup(scored({ actors: ACTORS, redLines: [IRAN_LINE], signals: [signal] }), NOW)),
    );
    expect(refusal(backup)).toEqual([
      'signals[0].redLineId: names a red line drawn by another actor than the receiver',
    ]);
    const table = readCsv(
      `date,sender,receiver,title,intended,perceived,red_line\n2019-06-20,Iran,United States,T,70,45,${IRAN_LINE.id}\n`,
    );
    const csv = checkCsv(table, guessMapping(table.headers), {
      known: { actors: ACTORS, redLines: [IRAN_LINE] },
      now: NOW,
      newId: counter(),
    });
    expect(refusal(csv)).toEqual([
      'line 2, red_line: names a red line drawn by another actor than the receiver',
    ]);
  });

  it('reads a red line named by text in a CSV file among the lines its receiver drew', () => {
    // Both sides drew a line with the same words; each crossing finds its own.
    const usLine = { ...IRAN_LINE, id: 'line-us', actorId: US, targetId: IRAN };
    const rows = `2019-06-20,Iran,United States,A,70,45,${IRAN_LINE.text}\n2019-06-21,United States,Iran,B,70,45,${IRAN_LINE.text}\n`;
    const table = readCsv(`date,sender,receiver,title,intended,perceived,red_line\n${rows}`);
    const csv = checkCsv(table, guessMapping(table.headers), {
      known: { actors: ACTORS, redLines: [IRAN_LINE, usLine] },
      now: NOW,
      newId: counter(),
    });
    expect(csv.ok && csv.data.signals.map((s) => s.redLineId)).toEqual(['line-us', 'line-iran']);
  });

  it('keeps a tag a backup repeats once', () => {
    const signal = { ...saved(typed()), tags: ['gulf', 'gulf', ' gulf ', 'proxy'] };
    expect(throughJson(signal).tags).toEqual(['gulf', 'proxy']);
  });

  it('refuses a signal whose id is the id of an actor or a red line in the file', () => {
    const signal = { ...saved(typed()), id: IRAN };
    const backup = checkBackup(
      JSON.parse(
        serializeBackup(
          scored({
            actors: ACTORS,
            redLines: [IRAN_LINE],
            signals: [signal, { ...signal, id: IRAN_LINE.id }],
          }),
          NOW,
        ),
      ),
    );
    expect(refusal(backup)).toEqual([
      'signals[0].id: repeats the id of actors[1]',
      'signals[1].id: repeats the id of redLines[0]',
    ]);
  });

  it('refuses a red line with no visible text, and one that warns the actor who drew it', () => {
    const result = validateRedLine(
      { actorId: US, targetId: US, text: '\u200B', declared: '2019-01-01' },
      new Set([US]),
    );
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['targetId', 'text']);
  });
});

describe('CSV rows', () => {
  it('refuses a row with fewer cells than the header (a file cut short), with its line, and imports nothing', () => {
    const text =
      'date,sender,receiver,title,intended,perceived,notes,tags\n' +
      '2019-06-20,Iran,United States,Drone shot down,70,45,Whole,gulf\n' +
      // Cut inside the notes: every required cell is there, the last ones are not.
      '2019-06-20,Iran,United States,Drone shot down,70,45,Who';
    const table = readCsv(text);
    const result = checkCsv(table, guessMapping(table.headers), {
      known: NO_RECORDS,
      now: NOW,
      newId: counter(),
    });
    expect(refusal(result)).toEqual(['line 3: has 7 fields where the header has 8 (a truncated row?)']);
  });
});
