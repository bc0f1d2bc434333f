import { describe, expect, it } from 'vitest';
import type { KnownRecords } from '../../src/lib/domain/backup';
import {
  CSV_COLUMNS,
  formatSourcesCell,
  guessMapping,
  mappingIsComplete,
  matchHeader,
  neutralise,
  parseSourcesCell,
  restoreCell,
  signalsToCsv,
} from '../../src/lib/domain/csv';
import {
  checkCsv,
  detectDelimiter,
  previewRows,
  readCsv,
  type CsvCheck,
  type CsvContext,
} from '../../src/lib/domain/csv-import';
import { formatIssue } from '../../src/lib/domain/issues';
import { compareSignals } from '../../src/lib/domain/window';
import type { SignalFacts } from '../../src/lib/domain/consensus';
import type { Signal } from '../../src/lib/domain/types';
import { IRAN, KATAIB_HEZBOLLAH, US, redLine, signal } from './factories';
import { ANA, BEN, assessmentOf, facts } from './scored';

const NOW = '2026-11-23T10:00:00.000Z';
const EMBASSY = redLine({ actorId: US, targetId: KATAIB_HEZBOLLAH, text: 'An attack on the embassy' });
const KNOWN: KnownRecords = {
  actors: [
    { id: US, name: 'United States' },
    { id: IRAN, name: 'Iran' },
    { id: KATAIB_HEZBOLLAH, name: "Kata'ib Hezbollah" },
  ],
  redLines: [EMBASSY],
  analysts: [ANA, BEN],
};
const NAMES = {
  actorName: (id: string) => KNOWN.actors.find((a) => a.id === id)?.name,
  redLineText: (id: string) => KNOWN.redLines.find((r) => r.id === id)?.text,
  analystName: (id: string) => [ANA, BEN].find((a) => a.id === id)?.name,
};

/** Signals as the app writes them, each scored by Ana alone (the scores the factories give). */
const toCsv = (list: readonly Signal[]) =>
  signalsToCsv(list, NAMES, (id) => list.filter((s) => s.id === id).map((s) => assessmentOf(s, ANA)));

function context(known: KnownRecords = KNOWN): CsvContext {
  let n = 0;
  return { known, now: NOW, newId: () => `new-${++n}` };
}

/** Reads and checks CSV text with the mapping its header names give. */
function importCsv(text: string, known: KnownRecords = KNOWN): CsvCheck {
  const table = readCsv(text);
  return checkCsv(table, guessMapping(table.headers), context(known));
}

function accepted(result: CsvCheck) {
  if (!result.ok)
    throw new Error(
      `expected the file to be accepted: ${result.summary} ${result.issues.map(formatIssue).join('; ')}`,
    );
  return result;
}

function refused(result: CsvCheck) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result;
}

describe('writing signals as CSV', () => {
  it('writes a BOM, the documented header and CRLF line ends', () => {
    const text = toCsv([]);
    expect(text).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
    expect(CSV_COLUMNS.join(',')).toBe(
      'date,sender,receiver,title,kind,analyst,intended,displayed,perceived,confidence,rationale,' +
        'cost,capped,red_line,sources,tags,notes,id,created_at,updated_at',
    );
  });

  it('writes actors by name, sources and tags in one cell each, and quotes what needs it', () => {
    const s = signal({
      id: 'sig-1',
      date: '2019-12-31',
      senderId: KATAIB_HEZBOLLAH,
      receiverId: US,
      title: 'Embassy compound breached; set on fire',
      kind: 'force',
      intended: 60,
      perceived: 55,
      confidence: 'high',
      cost: 'sunk cost',
      capped: false,
      redLineId: EMBASSY.id,
      sources: [
        { label: 'Reuters', url: 'https://www.reuters.com/a' },
        { label: 'Field notes', url: '' },
      ],
      tags: ['embassy', 'Baghdad'],
      notes: 'He said "no".\nSecond line.',
      createdAt: '2026-01-15T09:00:00.000Z',
      updatedAt: '2026-01-16T09:00:00.000Z',
    });
    const [, row] = toCsv([s]).slice(1).split('\r\n');
    expect(row).toBe(
      '2019-12-31,Kata\'ib Hezbollah,United States,"Embassy compound breached; set on fire",force,Ana,60,,55,high,,sunk cost,false,' +
        'An attack on the embassy,Reuters <https://www.reuters.com/a> | Field notes,"embassy; Baghdad",' +
        '"He said ""no"".\nSecond line.",sig-1,2026-01-15T09:00:00.000Z,2026-01-16T09:00:00.000Z',
    );
  });

  it('writes signals in date order, then in the order they were logged', () => {
    const late = signal({ date: '2020-01-03', title: 'late' });
    const first = signal({ date: '2019-06-20', title: 'first' });
    const second = signal({ date: '2019-06-20', title: 'second' });
    const titles = toCsv([late, second, first])
      .trim()
      .split('\r\n')
      .slice(1)
      .map((row) => row.split(',')[3]);
    expect(titles).toEqual(['first', 'second', 'late']);
  });
});

describe('formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'],
    ['+1 escalation', "'+1 escalation"],
    ['-5 dB drop in rhetoric', "'-5 dB drop in rhetoric"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindented', "'\tindented"],
    ['\rcarriage', "'\rcarriage"],
    ['\nline', "'\nline"],
    ["'quoted already", "''quoted already"],
    ['Plain title', 'Plain title'],
    ["Tehran's reply", "Tehran's reply"],
  ])('writes %j as %j and reads it back', (cell, written) => {
    expect(neutralise(cell)).toBe(written);
    expect(restoreCell(written)).toBe(cell);
  });

  it('keeps a quote a spreadsheet user typed before ordinary text', () => {
    expect(restoreCell("'Twas a warning")).toBe("'Twas a warning");
  });

  it('round-trips titles that start like formulas through a whole file', () => {
    const titles = ['=1+2', '-3 points', '+ve signal', '@channel', "'=already"];
    const list = titles.map((title) => signal({ title }));
    const result = accepted(importCsv(toCsv(list)));
    expect(result.data.signals.map((s) => s.title).sort()).toEqual([...titles].sort());
  });
});

describe('reading what spreadsheets write', () => {
  const SPREADSHEET =
    '\uFEFFDate;Sender;Receiver;Title;Intended resolve;Perceived resolve;Kind;Confidence;Signal cost\r\n' +
    '2019-06-20;Iran;United States;"Drone shot down; near Hormuz";70;45;force;high;sunk cost\r\n' +
    '2019-06-21;United States;Iran;"Strike called off\r\nminutes before launch";35;20;restraint;moderate;cheap talk\r\n' +
    '\r\n' +
    '2019-09-14;Iran;Saudi Arabia;"Abqaiq ""attack""";75;60;Force;Moderate;Sunk-cost\r\n';

  it('reads a BOM, CRLF, semicolons, quoted delimiters and line breaks', () => {
    const table = readCsv(SPREADSHEET);
    expect(table.delimiter).toBe(';');
    expect(table.headers[0]).toBe('Date');
    expect(table.rows.map((r) => r[3])).toEqual([
      'Drone shot down; near Hormuz',
      'Strike called off\r\nminutes before launch',
      'Abqaiq "attack"',
    ]);
    // The header is line 1; the second row spans lines 3–4; line 5 is blank.
    expect(table.lines).toEqual([2, 3, 6]);
  });

  it('matches header names whatever their case, and common synonyms', () => {
    expect(matchHeader('Intended resolve')).toBe('intended');
    expect(matchHeader('SENDER')).toBe('sender');
    expect(matchHeader('red_line')).toBe('red_line');
    expect(matchHeader('Crosses red line')).toBe('red_line');
    expect(matchHeader('Signal cost')).toBe('cost');
    expect(matchHeader('From')).toBe('sender');
    expect(matchHeader('Updated at')).toBe('updated_at');
    expect(matchHeader('Mood')).toBeNull();
  });

  it('imports the spreadsheet, creating the actor it does not know by name', () => {
    const result = accepted(importCsv(SPREADSHEET));
    expect(result.newActors.map((a) => a.name)).toEqual(['Saudi Arabia']);
    const saudi = result.newActors[0];
    expect(saudi).toMatchObject({ code: 'SA', createdAt: NOW, updatedAt: NOW });
    expect(result.data.actors).toEqual(result.newActors);
    expect(
      result.data.signals.map((s, i) => [
        s.date,
        s.senderId,
        s.receiverId,
        s.kind,
        result.data.assessments[i].intended,
        result.data.assessments[i].perceived,
        s.cost,
      ]),
    ).toEqual([
      ['2019-06-20', IRAN, US, 'force', 70, 45, 'sunk cost'],
      ['2019-06-21', US, IRAN, 'restraint', 35, 20, 'cheap talk'],
      ['2019-09-14', IRAN, saudi.id, 'force', 75, 60, 'sunk cost'],
    ]);
    expect(result.data.assessments[2]).toMatchObject({
      confidence: 'moderate',
      displayed: null,
      rationale: '',
    });
    expect(result.data.signals[2]).toMatchObject({
      capped: false,
      redLineId: null,
      notes: '',
    });
    expect(result.data.signals[0]).toMatchObject({ id: 'new-1' });
  });

  it('keeps the rows in file order: each is created a millisecond after the row above, the last now', () => {
    const result = accepted(importCsv(SPREADSHEET));
    expect(result.data.signals.map((s) => [s.title.slice(0, 6), s.createdAt, s.updatedAt])).toEqual([
      ['Drone ', '2026-11-23T09:59:59.998Z', '2026-11-23T09:59:59.998Z'],
      ['Strike', '2026-11-23T09:59:59.999Z', '2026-11-23T09:59:59.999Z'],
      ['Abqaiq', '2026-11-23T10:00:00.000Z', '2026-11-23T10:00:00.000Z'],
    ]);
  });

  it('keeps five signals of one day in file order, whatever their new ids', () => {
    const rows = [5, 2, 4, 3, 1].map((n) => `2020-01-08,Iran,United States,Strike ${n},70,45`);
    const table = readCsv(`date,sender,receiver,title,intended,perceived\n${rows.join('\n')}\n`);
    // Ids that sort against the file's order, as random ones may.
    let n = 1000;
    const result = accepted(
      checkCsv(table, guessMapping(table.headers), { ...context(), newId: () => `id-${--n}` }),
    );
    const sorted = [...result.data.signals].sort(compareSignals);
    expect(sorted.map((s) => s.title)).toEqual(['Strike 5', 'Strike 2', 'Strike 4', 'Strike 3', 'Strike 1']);
  });

  it('reads commas and tabs too', () => {
    expect(detectDelimiter('date,sender,"a;b"\n')).toBe(',');
    expect(detectDelimiter('date\tsender\ttitle\n')).toBe('\t');
    expect(detectDelimiter('"date;x",sender\n')).toBe(',');
  });

  it('needs no mapping step when every header is known', () => {
    const table = readCsv(SPREADSHEET);
    expect(mappingIsComplete(table.headers, guessMapping(table.headers))).toBe(true);
    const odd = readCsv('When it happened,Sender,Receiver,Title,Intended,Perceived\n');
    expect(mappingIsComplete(odd.headers, guessMapping(odd.headers))).toBe(false);
  });

  it('asks for the columns it cannot find, and imports once they are chosen', () => {
    const text =
      'When it happened,Who,Whom,Title,Intended,Perceived\n2019-06-20,Iran,United States,Drone,70,45\n';
    const table = readCsv(text);
    const guessed = guessMapping(table.headers);
    const refusal = refused(checkCsv(table, guessed, context()));
    expect(refusal.summary).toBe(
      'The file has no column for Date, Sender, Receiver. Choose which column holds each, or add them to the file.',
    );
    const chosen = { ...guessed, date: 0, sender: 1, receiver: 2 };
    const result = accepted(checkCsv(table, chosen, context()));
    expect(result.data.signals[0]).toMatchObject({ senderId: IRAN, receiverId: US, title: 'Drone' });
    expect(previewRows(table, chosen)[0]).toMatchObject({
      line: 2,
      cells: { date: '2019-06-20', sender: 'Iran' },
    });
  });
});

describe('bad rows', () => {
  it('reports every bad row with its line, field and reason, and imports nothing', () => {
    const text =
      'date,sender,receiver,title,kind,intended,perceived,confidence,cost\n' +
      '2019-06-20,Iran,United States,Good row,force,70,45,high,sunk cost\n' +
      '2019-06-21,United States,Iran,"Two-line\ntitle",restraint,150,20,moderate,cheap talk\n' +
      '2019-02-30,Iran,Iran,,bluff,-5,,sure,free\n';
    const result = refused(importCsv(text));
    expect(result.issues.map(formatIssue)).toEqual([
      'line 3, intended: must be a whole number from 0 to 100 (found “150”)',
      'line 5, date: must be a real calendar date, YYYY-MM-DD (found “2019-02-30”)',
      'line 5, receiver: must differ from the sender (found “Iran”)',
      'line 5, title: is required',
      'line 5, kind: must be one of: statement, threat, restraint, deployment, sanction, force, diplomacy, other (found “bluff”)',
      'line 5, intended: must be a whole number from 0 to 100 (found “-5”)',
      'line 5, perceived: must be a whole number from 0 to 100',
      'line 5, confidence: must be one of: low, moderate, high (found “sure”)',
      'line 5, cost: must be one of: cheap talk, tied hands, sunk cost (found “free”)',
    ]);
    expect(result.issueCount).toBe(9);
    expect(result.summary).toBe(
      '9 problems were found in the file. Nothing was imported: fix the file and import it again.',
    );
  });

  it('names the field as the file does', () => {
    const text =
      'Date,Sender,Receiver,Title,Intended resolve,Perceived resolve\n2019-06-20,Iran,United States,T,70,x\n';
    expect(refused(importCsv(text)).issues.map(formatIssue)).toEqual([
      'line 2, Perceived resolve: must be a whole number from 0 to 100 (found “x”)',
    ]);
  });

  it('says where a quoted field is never closed (a truncated file)', () => {
    const text =
      'date,sender,receiver,title,intended,perceived\n2019-06-20,Iran,United States,"Cut off here,70,45\n';
    const result = refused(importCsv(text));
    expect(result.issues.map(formatIssue)[0]).toBe(
      'line 2: a quoted field starts here and is never closed (a missing " or a truncated file)',
    );
  });

  it('refuses a row with more fields than the header', () => {
    const text =
      'date,sender,receiver,title,intended,perceived\n2019-06-20,Iran,United States,Drone, shot down,70,45\n';
    expect(refused(importCsv(text)).issues.map(formatIssue)).toEqual([
      'line 2: has 7 fields where the header has 6 (a delimiter inside an unquoted field?)',
    ]);
  });

  it('refuses an id the file repeats with other values, and a timestamp that is not one', () => {
    const text =
      'date,sender,receiver,title,intended,perceived,id,updated_at\n' +
      '2019-06-20,Iran,United States,A,70,45,same,2026-01-01T00:00:00.000Z\n' +
      '2019-06-21,Iran,United States,B,70,45,same,2026-01-01T00:00:00.000Z\n' +
      '2019-06-21,Iran,United States,C,70,45,other,yesterday\n';
    expect(refused(importCsv(text)).issues.map(formatIssue)).toEqual([
      "line 3, id: repeats the id of line 2 with other values in the signal's columns",
      'line 4, updated_at: must be an ISO timestamp such as 2026-01-15T09:00:00.000Z (found “yesterday”)',
    ]);
  });

  it('says a file with a header and no rows has nothing to import', () => {
    expect(refused(importCsv('date,sender,receiver,title,intended,perceived\r\n')).summary).toBe(
      'The file has a header but no rows of signals. Nothing was imported.',
    );
  });
});

describe("the app's own CSV, imported again", () => {
  const list: Signal[] = [
    signal({
      senderId: KATAIB_HEZBOLLAH,
      receiverId: US,
      title: 'Embassy compound breached',
      kind: 'force',
      redLineId: EMBASSY.id,
      sources: [
        { label: 'Reuters', url: 'https://www.reuters.com/world/x?a=1&b=2' },
        { label: '', url: 'https://example.com/no-label' },
        { label: 'Interview notes', url: '' },
      ],
      tags: ['embassy', 'Baghdad'],
      notes: 'Multi\r\nline; with, delimiters and "quotes"',
      capped: true,
      confidence: 'low',
      cost: 'tied hands',
    }),
    signal({ title: '<script>alert(1)</script>', notes: '=HYPERLINK("http://evil.example","click")' }),
  ];

  it('gives the same signals, field for field, ids and times included, and each its assessment', () => {
    const result = accepted(importCsv(toCsv(list)));
    expect(result.newActors).toEqual([]);
    expect(result.newRedLines).toEqual([]);
    expect(result.newAnalysts).toEqual([]);
    expect(result.data.signals).toEqual(list.map(facts));
    // The file gives no id or time for an assessment: it is dated as its signal was made.
    expect(result.data.assessments).toEqual(
      list.map((s) => ({ ...assessmentOf(s, ANA), id: expect.any(String), updatedAt: s.createdAt })),
    );
  });

  it('in a fresh profile, creates the actors and red lines it names', () => {
    const result = accepted(importCsv(toCsv(list), { actors: [], redLines: [] }));
    expect(result.newActors.map((a) => a.name)).toEqual(["Kata'ib Hezbollah", 'United States', 'Iran']);
    expect(result.newRedLines).toEqual([
      {
        id: expect.any(String),
        actorId: result.newActors[1].id,
        targetId: result.newActors[0].id,
        text: 'An attack on the embassy',
        declared: list[0].date,
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]);
    const names = new Map(result.newActors.map((a) => [a.id, a.name]));
    const byName = (s: SignalFacts) => ({
      ...s,
      senderId: names.get(s.senderId),
      receiverId: names.get(s.receiverId),
      redLineId: s.redLineId ? 'line' : null,
    });
    expect(result.data.signals.map(byName)).toEqual(
      list.map(facts).map((s) => ({
        ...s,
        senderId: NAMES.actorName(s.senderId),
        receiverId: NAMES.actorName(s.receiverId),
        redLineId: s.redLineId ? 'line' : null,
      })),
    );
  });

  it('keeps hostile text as text', () => {
    const result = accepted(importCsv(toCsv(list)));
    expect(result.data.signals[1].title).toBe('<script>alert(1)</script>');
    expect(result.data.signals[1].notes).toBe('=HYPERLINK("http://evil.example","click")');
  });
});

describe('cell conventions', () => {
  it('writes sources as `label <url>` joined by ` | ` and reads them back', () => {
    const sources = [
      { label: 'Reuters', url: 'https://www.reuters.com/a' },
      { label: '', url: 'https://example.com/b' },
      { label: 'Notes', url: '' },
    ];
    expect(formatSourcesCell(sources)).toBe(
      'Reuters <https://www.reuters.com/a> | <https://example.com/b> | Notes',
    );
    expect(parseSourcesCell(formatSourcesCell(sources))).toEqual(sources);
  });

  it('reads sources typed by hand: a bare address, or one a line', () => {
    expect(parseSourcesCell('https://www.bbc.co.uk/news')).toEqual([
      { label: 'www.bbc.co.uk', url: 'https://www.bbc.co.uk/news' },
    ]);
    expect(parseSourcesCell('Reuters https://r.example/a\nAP')).toEqual([
      { label: 'Reuters', url: 'https://r.example/a' },
      { label: 'AP', url: '' },
    ]);
  });

  it('refuses a source address that is not a web address', () => {
    const text =
      'date,sender,receiver,title,intended,perceived,sources\n2019-06-20,Iran,United States,T,70,45,click <javascript:alert(1)>\n';
    expect(refused(importCsv(text)).issues.map(formatIssue)).toEqual([
      'line 2, sources: item 1: must be an http:// or https:// address (found “click <javascript:alert(1)>”)',
    ]);
  });

  it('reads capped as true/false, yes/no, 1/0 or x', () => {
    const text =
      'date,sender,receiver,title,intended,perceived,capped\n' +
      ['TRUE', 'no', '1', 'x', '', 'maybe']
        .map((c, i) => `2019-06-2${i},Iran,United States,T${i},70,45,${c}`)
        .join('\n');
    const result = refused(importCsv(text));
    expect(result.issues.map(formatIssue)).toEqual([
      'line 7, capped: must be true or false (or yes/no, 1/0) (found “maybe”)',
    ]);
    const ok = accepted(importCsv(text.split('\n').slice(0, 6).join('\n')));
    expect(ok.data.signals.map((s) => s.capped)).toEqual([true, false, true, true, false]);
  });
});

describe('a long file', () => {
  // Speed at 100,000 rows is measured by `npm run bench`; a test only checks that every row is read.
  it('reads and checks every one of 2,000 rows', () => {
    const list = Array.from({ length: 2_000 }, (_, i) =>
      signal({ id: `id-${i}`, title: `Signal ${i}`, intended: i % 101, tags: i % 2 ? ['a', 'b'] : [] }),
    );
    const table = readCsv(toCsv(list));
    const result = checkCsv(table, guessMapping(table.headers), context());
    const { signals, assessments } = accepted(result).data;
    expect(signals).toHaveLength(2_000);
    expect(signals[1_999]).toMatchObject({ id: 'id-1999', title: 'Signal 1999' });
    expect(assessments[1_999]).toMatchObject({ signalId: 'id-1999', intended: 1_999 % 101 });
  });
});

describe('one row per assessment', () => {
  const CAROL = { id: 'carol', name: 'Carol', createdAt: NOW, updatedAt: NOW };
  const names = { ...NAMES, analystName: (id: string) => [ANA, BEN, CAROL].find((a) => a.id === id)?.name };
  const s = signal({
    id: 'sig-3',
    date: '2020-01-08',
    senderId: IRAN,
    receiverId: US,
    title: 'Ain al-Asad struck',
    kind: 'force',
    createdAt: '2026-01-15T09:00:00.000Z',
    updatedAt: '2026-01-15T09:00:00.000Z',
  });
  const by = (
    analystId: string,
    intended: number,
    displayed: number | null,
    perceived: number,
    rationale = '',
  ) => ({
    id: `${analystId}-sig-3`,
    signalId: 'sig-3',
    analystId,
    intended,
    displayed,
    perceived,
    confidence: 'high' as const,
    rationale,
    createdAt: s.createdAt,
    updatedAt: s.createdAt,
  });
  // Written in the order of the analysts' names whatever order they come in.
  const three = [
    by(CAROL.id, 40, 85, 70, 'Capped; warned in advance'),
    by(ANA.id, 35, 80, 75),
    by(BEN.id, 30, null, 65),
  ];

  it('writes a signal three analysts scored as three rows with one signal id', () => {
    const rows = signalsToCsv([s], names, () => three)
      .trim()
      .split('\r\n')
      .slice(1);
    expect(rows).toEqual([
      '2020-01-08,Iran,United States,Ain al-Asad struck,force,Ana,35,80,75,high,,cheap talk,false,,,,,sig-3,2026-01-15T09:00:00.000Z,2026-01-15T09:00:00.000Z',
      '2020-01-08,Iran,United States,Ain al-Asad struck,force,Ben,30,,65,high,,cheap talk,false,,,,,sig-3,2026-01-15T09:00:00.000Z,2026-01-15T09:00:00.000Z',
      '2020-01-08,Iran,United States,Ain al-Asad struck,force,Carol,40,85,70,high,"Capped; warned in advance",cheap talk,false,,,,,sig-3,2026-01-15T09:00:00.000Z,2026-01-15T09:00:00.000Z',
    ]);
  });

  it('reads them back as one signal and three assessments, an analyst it does not know created by name', () => {
    const result = accepted(importCsv(signalsToCsv([s], names, () => three)));
    expect(result.data.signals).toEqual([facts(s)]);
    expect(result.newAnalysts).toEqual([{ id: 'new-3', name: 'Carol', createdAt: NOW, updatedAt: NOW }]);
    expect(result.data.assessments.map(({ id: _id, ...a }) => a)).toEqual(
      [
        by(ANA.id, 35, 80, 75),
        by(BEN.id, 30, null, 65),
        by('new-3', 40, 85, 70, 'Capped; warned in advance'),
      ].map(({ id: _id, ...a }) => a),
    );
  });

  it('gives the scores of a file without analysts to the analyst who imports it', () => {
    const table = readCsv(
      'date,sender,receiver,title,intended,perceived\n2019-06-20,Iran,United States,Drone,70,45\n',
    );
    const result = accepted(checkCsv(table, guessMapping(table.headers), { ...context(), analyst: BEN }));
    expect(result.newAnalysts).toEqual([]);
    expect(result.data.assessments).toMatchObject([
      { analystId: BEN.id, intended: 70, displayed: null, perceived: 45 },
    ]);
  });

  it('refuses a second assessment by one analyst of one signal, and a displayed of 101, with line and field', () => {
    const text =
      'date,sender,receiver,title,analyst,intended,displayed,perceived,id\n' +
      '2019-06-20,Iran,United States,Drone,Ana,70,,45,sig-x\n' +
      '2019-06-20,Iran,United States,Drone,ana,60,,40,sig-x\n' +
      '2019-06-21,Iran,United States,Tanker,Ben,70,101,45,sig-y\n';
    expect(refused(importCsv(text)).issues.map(formatIssue)).toEqual([
      'line 3, analyst: scores the signal of line 2 a second time: one assessment per analyst and signal',
      'line 4, displayed: must be a whole number from 0 to 100 (found “101”)',
    ]);
  });
});
