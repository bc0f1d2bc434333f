import { describe, expect, it } from 'vitest';
import {
  ACLED_TYPES,
  CAMEO_ROOTS,
  PLOVER_TYPES,
  kindFor,
  resolveForIntensity,
  suggestedResolve,
} from '../../src/lib/domain/events/crosswalk';
import {
  ACLED_COLUMNS,
  GDELT1_COLUMNS,
  GDELT2_COLUMNS,
  ICEWS_COLUMNS,
  POLECAT_COLUMNS,
  detectFormat,
  isEventFileStart,
  parseEventDate,
  type EventRow,
} from '../../src/lib/domain/events/formats';
import { EventFileError, EventStream, readCsvRecord } from '../../src/lib/domain/events/stream';
import { ActorCounter, CandidateFilter } from '../../src/lib/domain/events/candidates';
import { glanceGdelt, type GdeltGlance } from '../../src/lib/domain/events/formats';
import {
  ACLED_HEADER,
  GDELT2,
  GDELT_EXPECTED,
  ICEWS_HEADER,
  IRN,
  POLECAT_HEADER,
  USA,
  acledRow,
  gdeltExport,
  gdeltRow,
  icewsRow,
  polecatRow,
} from './event-files';

interface Read {
  rows: Array<EventRow & { line: number }>;
  issues: string[];
}

/** Reads `text` through an EventStream, cut into chunks of `size` characters. */
function read(text: string, size = text.length, name = 'events.csv'): Read {
  const out: Read = { rows: [], issues: [] };
  const stream = new EventStream(name, {
    row: (row, line) => out.rows.push({ ...row, line }),
    issue: (place, _line, field, problem) =>
      out.issues.push(`${place}${field ? `, ${field}` : ''}: ${problem}`),
  });
  for (let i = 0; i < text.length; i += size) stream.push(text.slice(i, i + size));
  stream.end();
  return out;
}

const event = { date: '20200103', code: '190', goldstein: -10, mentions: 12, url: 'https://news.example/a' };

describe('the published column lists', () => {
  it('GDELT 2.0 has the 61 columns of its codebook, in order', () => {
    expect(GDELT2_COLUMNS).toEqual(GDELT2);
    expect(GDELT2_COLUMNS).toHaveLength(61);
    // Positions the reader relies on, counted from 0 in the codebook.
    expect([5, 15, 26, 30, 31, 59, 60].map((i) => GDELT2_COLUMNS[i])).toEqual([
      'Actor1Code',
      'Actor2Code',
      'EventCode',
      'GoldsteinScale',
      'NumMentions',
      'DATEADDED',
      'SOURCEURL',
    ]);
  });

  it('GDELT 1.0 daily files have 58 columns: geography without ADM2 codes', () => {
    expect(GDELT1_COLUMNS).toHaveLength(58);
    expect(GDELT1_COLUMNS.some((c) => c.includes('ADM2'))).toBe(false);
  });

  it('ICEWS, POLECAT and ACLED headers are the ones their files carry', () => {
    expect(ICEWS_COLUMNS).toEqual(ICEWS_HEADER);
    expect(POLECAT_COLUMNS).toEqual(POLECAT_HEADER);
    expect(ACLED_COLUMNS).toEqual(ACLED_HEADER);
  });
});

describe('recognising a file by its shape', () => {
  it.each([
    ['a GDELT 2.0 row', gdeltRow({ id: 1, actor1: USA, actor2: IRN, ...event }), 'gdelt2'],
    ['a GDELT 1.0 row of 58 columns', ['1', ...Array(57).fill('')].join('\t'), 'gdelt1'],
    ['a GDELT 1.0 row of 57 columns', ['1', ...Array(56).fill('')].join('\t'), 'gdelt1'],
    ['an ICEWS header', ICEWS_HEADER.join('\t'), 'icews'],
    ['a POLECAT header with stray tabs', `${POLECAT_HEADER.join('\t')}\t\t`, 'polecat'],
    ['an ACLED header', ACLED_HEADER.join(','), 'acled'],
    ['a JSON array', '[{"id":"a"}', 'plover'],
    ['a JSON Lines record', '{"id":"a","date":"2020-01-03","event":"ASSAULT"}', 'plover'],
  ])('%s', (_what, line, id) => {
    const found = detectFormat(line);
    expect(found.ok && found.format.id).toBe(id);
  });

  it('refuses a tab-separated row of the wrong width, naming the widths it knows', () => {
    const found = detectFormat(['1', ...Array(59).fill('x')].join('\t'));
    expect(found).toEqual({
      ok: false,
      problem:
        'line 1 has 60 tab-separated columns and no header; a GDELT 2.0 export has 61, a GDELT 1.0 file 57 or 58',
    });
  });

  it('refuses a header that lacks a column it needs', () => {
    const found = detectFormat(ICEWS_HEADER.filter((h) => h !== 'Target Name').join('\t'));
    expect(found).toEqual({
      ok: false,
      problem: 'line 1 looks like a header of ICEWS events but lacks the column “Target Name”',
    });
  });

  it('tells event files from Parallax backups and spreadsheets', () => {
    expect(isEventFileStart(gdeltRow({ id: 1, actor1: USA, actor2: IRN, ...event }))).toBe(true);
    expect(isEventFileStart('\uFEFFevent_id_cnty,event_date,event_type,actor1,actor2\n')).toBe(true);
    expect(isEventFileStart('{\n  "format": "parallax",\n  "version": 1,')).toBe(false);
    expect(isEventFileStart('{"id":"p1","actor":"Iran","recipient":"United States","event":"ASSAULT"}')).toBe(
      true,
    );
    expect(isEventFileStart('date,sender,receiver,title\n2020-01-03,Iran,United States,x')).toBe(false);
  });
});

describe('event dates', () => {
  it.each([
    ['20200103', '2020-01-03'],
    ['2020-01-03', '2020-01-03'],
    ['2020-01-03T14:00:00Z', '2020-01-03'],
    ['3 January 2020', '2020-01-03'],
    ['16 May 2025', '2025-05-16'],
    ['20201399', null],
    ['20200230', null],
    ['yesterday', null],
  ])('%s reads as %s', (text, date) => {
    expect(parseEventDate(text)).toBe(date);
  });
});

describe('reading a GDELT 2.0 export as a stream', () => {
  const file = gdeltExport();

  it('reads every good line and names each bad one by line, field and problem', () => {
    const { rows, issues } = read(file);
    expect(rows).toHaveLength(GDELT_EXPECTED.lines - GDELT_EXPECTED.bad);
    const first = GDELT_EXPECTED.firstBadLine;
    expect(issues).toEqual([
      ...[0, 1, 2, 3, 4, 5].map((i) => `line ${first + i}: expected 61 tab-separated columns, found 60`),
      `line ${first + 6}, SQLDATE: “20201399” is not a calendar date (YYYYMMDD)`,
      `line ${first + 7}, SQLDATE: “20200230” is not a calendar date (YYYYMMDD)`,
    ]);
  });

  it('reads the same rows whatever the chunks it arrives in', () => {
    const whole = read(file);
    for (const size of [1, 7, 4096]) {
      const chunked = read(file, size);
      expect(chunked.rows).toEqual(whole.rows);
      expect(chunked.issues).toEqual(whole.issues);
    }
  });

  it('takes the event, its actors, code, score, mentions and address from their columns', () => {
    const { rows } = read(gdeltRow({ id: 884_000_001, actor1: USA, actor2: IRN, ...event }) + '\r\n');
    expect(rows).toEqual([
      {
        dataset: 'gdelt',
        eventId: '884000001',
        date: '2020-01-03',
        senders: [{ key: 'USA', name: 'UNITED STATES' }],
        receivers: [{ key: 'IRN', name: 'IRAN' }],
        code: '190',
        what: '',
        url: 'https://news.example/a',
        score: -10,
        mentions: 12,
        directed: true,
        line: 1,
      },
    ]);
  });

  it('refuses a file of no known shape, naming the file and the line', () => {
    expect(() => read('hello\tworld\n', undefined, 'notes.txt')).toThrow(EventFileError);
    expect(() => read('hello\tworld\n', undefined, 'notes.txt')).toThrow(
      /^notes\.txt, line 1 is not the start of any event format Parallax reads/,
    );
    expect(() => read('', undefined, 'empty.csv')).toThrow('empty.csv is empty: it holds no events.');
  });
});

describe('filtering GDELT rows at a glance', () => {
  const empty = (): GdeltGlance => ({
    columns: 0,
    eventId: '',
    date: '',
    actor1: '',
    actor1Name: '',
    actor2: '',
    actor2Name: '',
    code: '',
  });

  it('finds the cells it needs without cutting the row', () => {
    expect(glanceGdelt(gdeltRow({ id: 7, actor1: USA, actor2: IRN, ...event }), empty())).toEqual({
      columns: 61,
      eventId: '7',
      date: '20200103',
      actor1: 'USA',
      actor1Name: 'UNITED STATES',
      actor2: 'IRN',
      actor2Name: 'IRAN',
      code: '190',
    });
  });

  /** Streams the export into a filter and a counter, with or without the glance. */
  function run(withGlance: boolean) {
    const filter = new CandidateFilter(
      { USA: 'us', USAGOV: 'us', IRN: 'iran', CHN: null },
      { file: 'f', addedAt: 't' },
    );
    const counter = new ActorCounter();
    const issues: string[] = [];
    const stream = new EventStream('f', {
      row(row) {
        filter.add(row);
        counter.add(row);
      },
      issue: (place, _line, _field, problem) => issues.push(`${place}: ${problem}`),
      ...(withGlance
        ? {
            glance(g: GdeltGlance) {
              // A row settled here is counted here; one read whole is counted by `row`.
              const settled = filter.settleAtGlance(g.actor1, g.actor2);
              if (settled) counter.addPair(g.actor1, g.actor1Name, g.actor2, g.actor2Name);
              return settled;
            },
          }
        : {}),
    });
    stream.push(gdeltExport());
    stream.end();
    return { tally: filter.tally, candidates: filter.take(), actors: counter.list(), issues };
  }

  it('keeps, leaves out and counts exactly what reading every row whole does', () => {
    const whole = run(false);
    expect(run(true)).toEqual(whole);
    expect(whole.tally).toEqual({ read: 292, leftOut: 77, sameActor: 10, duplicates: 45 });
    expect(whole.candidates).toHaveLength(160);
  });

  it('settles the rows of a file read through before by their two actor codes, with the same outcome', () => {
    // The export without its 8 unreadable lines, as a first reading would have found it.
    const clean = gdeltExport()
      .split('\n')
      .filter((line) => line.split('\t').length === 61 && !/^\d+\t(20201399|20200230)\t/.test(line))
      .join('\n');
    const filterOf = () =>
      new CandidateFilter({ USA: 'us', USAGOV: 'us', IRN: 'iran', CHN: null }, { file: 'f', addedAt: 't' });
    const whole = filterOf();
    let issues = 0;
    const reading = new EventStream('f', { row: (row) => whole.add(row), issue: () => void issues++ });
    reading.push(clean);
    reading.end();
    expect(issues).toBe(0);

    const paired = filterOf();
    let settled = 0;
    const checked = new EventStream(
      'f',
      {
        row: (row) => paired.add(row),
        issue: () => void issues++,
        pair(actor1, actor2) {
          const done = paired.settleAtGlance(actor1, actor2);
          if (done) settled++;
          return done;
        },
      },
      true,
    );
    checked.push(clean);
    checked.end();
    expect(issues).toBe(0);
    // 77 rows with a side left out and 10 with both sides on one actor are settled by their codes.
    expect(settled).toBe(87);
    expect(paired.tally).toEqual({ read: 292, leftOut: 77, sameActor: 10, duplicates: 45 });
    expect(paired.take()).toEqual(whole.take());
  });
});

describe('the headed formats', () => {
  it('reads ICEWS rows by their header', () => {
    const text = [
      ICEWS_HEADER.join('\t'),
      icewsRow({
        id: '926685',
        date: '2020-01-08',
        source: 'Iran',
        target: 'United States',
        text: 'Fire artillery and missiles',
        cameo: '195',
        intensity: -10,
      }),
    ].join('\n');
    const { rows, issues } = read(text);
    expect(issues).toEqual([]);
    expect(rows[0]).toMatchObject({
      dataset: 'icews',
      eventId: '926685',
      date: '2020-01-08',
      senders: [{ key: 'Iran', name: 'Iran' }],
      receivers: [{ key: 'United States', name: 'United States' }],
      code: '195',
      what: 'Fire artillery and missiles',
      score: -10,
      line: 2,
    });
  });

  it('reads POLECAT rows with stray trailing tabs and multi-valued actors', () => {
    const text = [
      `${POLECAT_HEADER.join('\t')}\t`,
      polecatRow({
        id: 'p-1',
        date: '2020-01-08',
        type: 'ASSAULT',
        mode: 'aerial',
        intensity: -9,
        actor: 'Iran;Islamic Revolutionary Guard Corps',
        recipient: 'United States',
      }),
      // A row one cell short is bad, stray tabs or not.
      polecatRow({
        id: 'p-2',
        date: '2020-01-09',
        type: 'ACCUSE',
        mode: '',
        intensity: -2,
        actor: 'A',
        recipient: 'B',
      })
        .replace(/\t+$/, '')
        .split('\t')
        .slice(0, -1)
        .join('\t'),
    ].join('\n');
    const { rows, issues } = read(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dataset: 'polecat',
      eventId: 'p-1',
      senders: [
        { key: 'Iran', name: 'Iran' },
        { key: 'Islamic Revolutionary Guard Corps', name: 'Islamic Revolutionary Guard Corps' },
      ],
      receivers: [{ key: 'United States', name: 'United States' }],
      code: 'ASSAULT',
      what: 'ASSAULT (aerial)',
      score: -9,
    });
    expect(issues).toEqual(['line 3: expected 39 columns as in the header, found 38']);
  });

  it('reads ACLED rows with quoted notes spanning lines, without a direction', () => {
    const text = [
      ACLED_HEADER.join(','),
      acledRow({
        id: 'IRQ1',
        date: '2020-01-08',
        type: 'Explosions/Remote violence',
        sub: 'Shelling/artillery/missile attack',
        actor1: 'Military Forces of Iran (1989-)',
        actor2: 'Military Forces of the United States (2017-2021)',
        notes: 'Missiles struck "Ain al-Asad",\nno casualties.',
      }),
      acledRow({
        id: 'IRQ2',
        date: '3 January 2020',
        type: 'Battles',
        sub: 'Armed clash',
        actor1: 'A',
        actor2: 'B',
        notes: '',
      }),
    ].join('\r\n');
    const { rows, issues } = read(text, 5);
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.eventId, r.date, r.line, r.directed])).toEqual([
      ['IRQ1', '2020-01-08', 2, false],
      ['IRQ2', '2020-01-03', 4, false],
    ]);
    expect(rows[0].what).toBe(
      'Explosions/Remote violence: Shelling/artillery/missile attack — Missiles struck "Ain al-Asad",\nno casualties.',
    );
  });

  it('reads PLOVER as JSON Lines and as a JSON array', () => {
    const record = {
      id: 'pl-1',
      date: '2020-01-03',
      actor: { name: 'United States', code: 'USA' },
      recipient: 'Iran',
      event: 'ASSAULT',
      mode: 'aerial',
      context: ['military'],
      intensity: -9,
    };
    const lines = read(
      `${JSON.stringify(record)}\n{"id":"pl-2","date":"2020-13-01","event":"ACCUSE"}\nnot json\n`,
    );
    expect(lines.rows).toHaveLength(1);
    expect(lines.rows[0]).toMatchObject({
      dataset: 'plover',
      senders: [{ key: 'USA', name: 'United States' }],
      receivers: [{ key: 'Iran', name: 'Iran' }],
      code: 'ASSAULT',
      score: -9,
    });
    expect(lines.issues).toEqual([
      'line 2, date: “2020-13-01” is not a calendar date',
      'line 3: is not a JSON object',
    ]);
    const array = read(JSON.stringify([record, { ...record, id: 'pl-3' }], null, 2));
    expect(array.rows.map((r) => [r.eventId, r.line])).toEqual([
      ['pl-1', 1],
      ['pl-3', 2],
    ]);
  });
});

describe('cutting comma-separated records', () => {
  it('waits for the rest of a record that may go on in the next chunk', () => {
    expect(readCsvRecord('a,"b', 0, false)).toBeNull();
    expect(readCsvRecord('a,"b"', 0, false)).toBeNull();
    expect(readCsvRecord('a,"b""c",d\ne', 0, false)).toEqual({
      cells: ['a', 'b"c', 'd'],
      next: 11,
      newlines: 1,
    });
    expect(readCsvRecord('a,"b', 0, true)).toMatchObject({ unterminated: true });
  });
});

describe('the crosswalks', () => {
  it('covers all twenty CAMEO roots and sixteen PLOVER types', () => {
    expect(Object.keys(CAMEO_ROOTS)).toHaveLength(20);
    expect(Object.keys(PLOVER_TYPES)).toHaveLength(16);
    expect(Object.keys(ACLED_TYPES)).toHaveLength(6);
  });

  it.each([
    ['gdelt', '0251', 'statement'],
    ['gdelt', '138', 'threat'],
    ['gdelt', '1512', 'deployment'],
    ['gdelt', '163', 'sanction'],
    ['gdelt', '190', 'force'],
    ['gdelt', '0871', 'restraint'],
    ['gdelt', '042', 'diplomacy'],
    ['gdelt', '99', 'other'],
    ['polecat', 'MOBILIZE', 'deployment'],
    ['plover', 'threaten', 'threat'],
    ['acled', 'Battles', 'force'],
    ['acled', 'Protests', 'statement'],
  ])('%s %s is a %s', (dataset, code, kind) => {
    expect(kindFor(dataset, code)).toBe(kind);
  });

  it.each([
    [10, 0],
    [0.1, 0],
    [0, 20],
    [-1.9, 20],
    [-2, 40],
    [-4.4, 40],
    [-5, 60],
    [-7.2, 60],
    [-8, 80],
    [-10, 80],
  ])('a Goldstein score of %s suggests %s', (score, resolve) => {
    expect(resolveForIntensity(score)).toBe(resolve);
  });

  it('suggests nothing without a score, and ACLED by its event type', () => {
    expect(resolveForIntensity(null)).toBeNull();
    expect(suggestedResolve('acled', 'Battles', null)).toBe(80);
    expect(suggestedResolve('acled', 'Strategic developments', null)).toBeNull();
  });
});
