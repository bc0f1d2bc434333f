import { describe, expect, it } from 'vitest';
import {
  BACKUP_VERSION,
  checkBackup,
  parseJson,
  serializeBackup,
  withLines,
  type BackupData,
  type CheckResult,
} from '../../src/lib/domain/backup';
import { formatIssue, ISSUE_CAP } from '../../src/lib/domain/issues';
import { backupAge } from '../../src/lib/domain/merge';
import type { Signal } from '../../src/lib/domain/types';
import { IRAN, US, actor, redLine, signal } from './factories';
import { ANA, BEN, scored } from './scored';

const EXPORTED_AT = '2026-11-23T10:00:00.000Z';

function sampleData(): BackupData {
  const us = actor({ id: US, name: 'United States', code: 'USA', color: '#1d4ed8' });
  const iran = actor({ id: IRAN, name: 'Iran', code: 'IRN', color: '#b91c1c' });
  const line = redLine({ actorId: US, targetId: IRAN });
  return scored({
    actors: [us, iran],
    redLines: [line],
    signals: [
      // Ids of their own: the factories' running ids would one day meet the fixed actor ids.
      signal({
        id: 'signal-drone',
        title: 'Drone shot down',
        kind: 'force',
        intended: 70,
        perceived: 40,
        tags: ['Hormuz', 'drones'],
      }),
      signal({
        id: 'signal-embassy',
        title: 'Embassy breached',
        // A crossing goes to the actor who drew the line.
        senderId: IRAN,
        receiverId: US,
        redLineId: line.id,
        sources: [{ label: 'Reuters', url: 'https://www.reuters.com/x' }],
        notes: 'Line one\nline two',
        capped: true,
      }),
    ],
  });
}

/** A backup's text, through a JSON round trip, with a change applied to its parsed form. */
function backupWith(
  change: (
    raw: {
      actors: unknown[];
      redLines: unknown[];
      signals: Record<string, unknown>[];
      assessments: Record<string, unknown>[];
      analysts: Record<string, unknown>[];
    } & Record<string, unknown>,
  ) => void,
) {
  const raw = JSON.parse(serializeBackup(sampleData(), EXPORTED_AT));
  change(raw);
  return raw as unknown;
}

function rejected(result: CheckResult) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result;
}

describe('writing and reading a backup', () => {
  it('reads back exactly what it wrote, field for field', () => {
    const data = sampleData();
    const text = serializeBackup(data, EXPORTED_AT);
    const parsed = parseJson(text);
    expect(parsed.ok).toBe(true);
    const result = checkBackup(parsed.ok ? parsed.value : null);
    expect(result).toEqual({ ok: true, data: { ...data, deletions: [] }, exportedAt: EXPORTED_AT });
  });

  it('writes the documented envelope, one record a line', () => {
    const text = serializeBackup(sampleData(), EXPORTED_AT);
    const raw = JSON.parse(text);
    expect(Object.keys(raw)).toEqual([
      'format',
      'version',
      'exportedAt',
      'actors',
      'redLines',
      'analysts',
      'signals',
      'assessments',
      'deletions',
    ]);
    expect(raw.format).toBe('parallax');
    expect(raw.version).toBe(3);
    expect(BACKUP_VERSION).toBe(3);
    // Envelope (3) + actors (2 + brackets) + red lines (1 + brackets) + analysts (1 + brackets)
    // + signals (2 + brackets) + assessments (2 + brackets) + deletions (1) + braces.
    expect(text.trimEnd().split('\n')).toHaveLength(24);
    // Signals carry their facts only: the scores are the assessments'.
    expect(Object.keys(raw.signals[0])).not.toContain('intended');
    expect(raw.assessments[0]).toMatchObject({ analystId: ANA.id, intended: 70, perceived: 40 });
  });

  it('writes an empty database as empty lists', () => {
    const result = checkBackup(
      JSON.parse(
        serializeBackup(
          { actors: [], redLines: [], signals: [], analysts: [], assessments: [] },
          EXPORTED_AT,
        ),
      ),
    );
    expect(result).toEqual({
      ok: true,
      data: { actors: [], redLines: [], signals: [], analysts: [], assessments: [], deletions: [] },
      exportedAt: EXPORTED_AT,
    });
  });
});

describe('a file that is not a readable backup', () => {
  it('says a truncated file ends early, and where', () => {
    const text = serializeBackup(sampleData(), EXPORTED_AT);
    const cut = text.slice(0, text.indexOf('"Embassy breached"') + 10);
    const parsed = parseJson(cut);
    expect(parsed.ok).toBe(false);
    // Lines 1–4 the envelope, 5–8 two actors, 9–11 one red line, 12–14 one analyst,
    // 15 "signals": [, 16 the first signal: the cut falls on line 17, after the characters of it kept.
    const column = cut.length - cut.lastIndexOf('\n');
    expect(parsed.ok ? '' : parsed.message).toMatch(
      new RegExp(
        `^The file is not complete JSON: it ends at line 17, column ${column} before the data does \\(was it truncated\\?\\)`,
      ),
    );
  });

  it('points at the character where the JSON goes wrong', () => {
    const parsed = parseJson('{\n  "format": "parallax",\n  "version": 1,,\n}');
    expect(parsed.ok ? '' : parsed.message).toBe(
      'The file is not valid JSON at line 3, column 16: expected double-quoted property name. Nothing was imported.',
    );
  });

  it('says an empty file is empty', () => {
    expect(parseJson('  \n')).toEqual({ ok: false, message: 'The file is empty.' });
  });

  it.each([
    [
      'a list',
      [],
      'This is not a Parallax backup: the file must hold one JSON object. Nothing was imported.',
    ],
    [
      'another format',
      { format: 'budget', version: 1 },
      'This is not a Parallax backup: it has "format": "budget", where a backup has "format": "parallax". Nothing was imported.',
    ],
    [
      'no format',
      { version: 1 },
      'This is not a Parallax backup: it has no "format" field, where a backup has "format": "parallax". Nothing was imported.',
    ],
    [
      'a newer version',
      { format: 'parallax', version: 4, actors: [], redLines: [], signals: [] },
      'This backup was written by a newer Parallax (format version 4); this one reads versions up to 3. Update Parallax, then import it again. Nothing was imported.',
    ],
    [
      'a version 3 file without assessments',
      { format: 'parallax', version: 3, actors: [], redLines: [], analysts: [], signals: [] },
      'This backup is malformed: "assessments" is missing (a backup of version 3 lists analysts and assessments). Nothing was imported.',
    ],
    [
      'a version that is not a whole number',
      { format: 'parallax', version: '1' },
      'This backup has no valid "version" (a whole number from 1). Nothing was imported.',
    ],
    [
      'no list of signals',
      { format: 'parallax', version: 1, actors: [], redLines: [] },
      'This backup is malformed: "signals" is missing. Nothing was imported.',
    ],
  ])('refuses %s as a whole', (_what, input, summary) => {
    expect(rejected(checkBackup(input))).toEqual({ ok: false, summary, issues: [], issueCount: 0 });
  });
});

describe('checking every record', () => {
  it('names the record and field of an out-of-range score', () => {
    const result = rejected(
      checkBackup(
        backupWith((raw) => {
          raw.assessments[1].intended = 101;
          raw.assessments[1].perceived = 12.5;
        }),
      ),
    );
    expect(result.issues.map(formatIssue)).toEqual([
      'assessments[1].intended: must be a whole number from 0 to 100',
      'assessments[1].perceived: must be a whole number from 0 to 100',
    ]);
    expect(result.summary).toBe(
      '2 problems were found in the file. Nothing was imported: fix the file and import it again.',
    );
  });

  it('refuses references to actors and red lines that exist nowhere', () => {
    const result = rejected(
      checkBackup(
        backupWith((raw) => {
          raw.signals[0].senderId = 'nobody';
          raw.signals[1].redLineId = 'no-such-line';
          (raw.redLines[0] as Record<string, unknown>).targetId = 'ghost';
        }),
      ),
    );
    expect(result.issues.map(formatIssue)).toEqual([
      'redLines[0].targetId: names no known actor',
      'signals[0].senderId: names no known actor',
      'signals[1].redLineId: names no known red line',
    ]);
  });

  it('accepts references to actors and red lines already in the database', () => {
    const input = backupWith((raw) => {
      raw.actors = [];
      raw.redLines = [];
    });
    const known = {
      actors: [
        { id: US, name: 'United States' },
        { id: IRAN, name: 'Iran' },
      ],
      redLines: [{ ...sampleData().redLines[0] }],
    };
    // The red line's id is random per sample; point the signal at the known one.
    (input as { signals: Record<string, unknown>[] }).signals[1].redLineId = known.redLines[0].id;
    expect(checkBackup(input, known).ok).toBe(true);
  });

  it('reports every bad record, listing the first 200 and counting the rest', () => {
    const input = backupWith((raw) => {
      const template = raw.signals[0];
      raw.signals = Array.from({ length: 250 }, (_, i) => ({ ...template, id: `s${i}`, date: '2019-02-30' }));
      raw.assessments = [];
    });
    const result = rejected(checkBackup(input));
    expect(result.issueCount).toBe(250);
    expect(result.issues).toHaveLength(ISSUE_CAP);
    expect(formatIssue(result.issues[199])).toBe(
      'signals[199].date: must be a real calendar date, YYYY-MM-DD',
    );
  });

  it('refuses a signal id that the file repeats', () => {
    const result = rejected(
      checkBackup(
        backupWith((raw) => {
          raw.signals[1].id = raw.signals[0].id;
        }),
      ),
    );
    expect(result.issues.map(formatIssue)).toEqual([
      'signals[1].id: repeats the id of another signal in the file',
      // The file's second assessment scores the signal whose id was changed away.
      'assessments[1].signalId: names no signal in the file or here',
    ]);
  });

  it('checks actors and red lines with their own rules', () => {
    const result = rejected(
      checkBackup(
        backupWith((raw) => {
          (raw.actors[0] as Record<string, unknown>).color = 'blue';
          delete (raw.actors[1] as Record<string, unknown>).code;
          (raw.redLines[0] as Record<string, unknown>).declared = '2019-13-01';
        }),
      ),
    );
    expect(result.issues.map(formatIssue)).toEqual([
      'actors[0].color: must be a colour written #rrggbb',
      'actors[1].code: is missing',
      'redLines[0].declared: must be a real calendar date, YYYY-MM-DD',
    ]);
  });

  it('refuses a link that is not a web address', () => {
    const result = rejected(
      checkBackup(
        backupWith((raw) => {
          raw.signals[1].sources = [{ label: 'click', url: 'javascript:alert(1)' }];
        }),
      ),
    );
    expect(result.issues.map(formatIssue)).toEqual([
      'signals[1].sources[0].url: must be an http:// or https:// address',
    ]);
  });

  it('keeps hostile text as text, unchanged', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '=HYPERLINK("http://evil.example","click")',
      '<img src=x onerror=alert(1)>',
    ];
    const result = checkBackup(
      backupWith((raw) => {
        raw.signals[0].title = hostile[0];
        raw.signals[0].notes = hostile[1];
        raw.signals[1].tags = [hostile[2]];
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.signals[0].title).toBe(hostile[0]);
    expect(result.data.signals[0].notes).toBe(hostile[1]);
    expect(result.data.signals[1].tags).toEqual([hostile[2]]);
  });

  it('stores only the documented fields of a signal', () => {
    const text = serializeBackup(sampleData(), EXPORTED_AT).replace(
      '"title":"Drone shot down"',
      '"title":"Drone shot down","__proto__":{"polluted":true},"futureField":1',
    );
    const parsed = parseJson(text);
    const result = checkBackup(parsed.ok ? parsed.value : null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stored = result.data.signals[0] as Signal & Record<string, unknown>;
    expect(Object.keys(stored)).not.toContain('futureField');
    expect(Object.hasOwn(stored, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks every signal and assessment of a backup of a thousand, the last ones too', () => {
    const data = sampleData();
    const template = signal({ title: 'Drone shot down' });
    const signals = Array.from({ length: 1_000 }, (_, i) => ({
      ...template,
      id: `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      intended: i % 101,
      sources: i % 3 ? [] : [{ label: 'Reuters', url: `https://example.com/${i}` }],
    }));
    // One bad score deep in the file is still found: every record is checked. (Speed at
    // 100,000 signals is measured by `npm run bench`, never by a test.)
    signals[998] = { ...signals[998], intended: 101 };
    const many = scored({ actors: data.actors, redLines: data.redLines, signals });
    const parsed = parseJson(serializeBackup(many, EXPORTED_AT));
    const result = checkBackup(parsed.ok ? parsed.value : null);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({
      ok: false,
      issues: [
        { place: 'assessments[998]', field: 'intended', message: 'must be a whole number from 0 to 100' },
      ],
    });
    signals[998] = { ...signals[998], intended: 50 };
    const fixed = parseJson(
      serializeBackup(scored({ actors: data.actors, redLines: data.redLines, signals }), EXPORTED_AT),
    );
    expect(checkBackup(fixed.ok ? fixed.value : null).ok).toBe(true);
  });
});

describe('the age of the last backup', () => {
  const now = new Date(2026, 10, 23, 9, 0);
  it.each([
    [undefined, 'never'],
    [new Date(2026, 10, 23, 1, 0).toISOString(), 'today'],
    [new Date(2026, 10, 22, 23, 0).toISOString(), 'yesterday'],
    [new Date(2026, 10, 20, 12, 0).toISOString(), '3 days ago'],
  ])('%s reads as %s', (at, expected) => {
    expect(backupAge(at, now)).toBe(expected);
  });
});

describe('format version 2, by the same rules', () => {
  // A clock fixed for the test: instants more than a day after it lie in the future.
  const NOW = Date.parse('2026-11-23T12:00:00.000Z');
  const known = { actors: [], redLines: [], now: NOW };

  it('keeps each record’s ancestry and the deletions, and still reads a version 1 file', () => {
    const raw = backupWith((r) => {
      (r.actors[0] as Record<string, unknown>).ancestors = ['2020-01-02T00:00:00.000Z'];
      (r.redLines[0] as Record<string, unknown>).ancestors = ['2020-01-03T00:00:00+01:00'];
      r.signals[0].ancestors = ['2020-01-04T00:00:00.000Z', '2020-01-01T00:00:00.000Z'];
      r.deletions = [{ table: 'actors', id: 'gone', deletedAt: '2026-11-01T00:00:00.000Z' }];
    });
    const result = checkBackup(raw, known);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.actors[0].ancestors).toEqual(['2020-01-02T00:00:00.000Z']);
    expect(result.data.redLines[0].ancestors).toEqual(['2020-01-03T00:00:00+01:00']);
    expect(result.data.signals[0].ancestors).toEqual([
      '2020-01-04T00:00:00.000Z',
      '2020-01-01T00:00:00.000Z',
    ]);
    expect('ancestors' in result.data.signals[1]).toBe(false);
    expect(result.data.deletions).toEqual([
      { table: 'actors', id: 'gone', deletedAt: '2026-11-01T00:00:00.000Z' },
    ]);

    const v1 = backupWith((r) => {
      r.version = 1;
      delete r.deletions;
      // A version 1 signal carries its scores.
      r.signals.forEach((s, i) => Object.assign(s, { intended: 50, perceived: 40 + i, confidence: 'low' }));
    });
    const old = checkBackup(v1, known);
    expect(old.ok).toBe(true);
    if (old.ok) expect(old.data.deletions).toEqual([]);
  });

  it('refuses ancestry and deletions the record rules refuse elsewhere: future instants, loose ids', () => {
    const raw = backupWith((r) => {
      (r.actors[1] as Record<string, unknown>).ancestors = [
        '2020-01-01T00:00:00.000Z',
        '2026-12-01T00:00:00.000Z',
      ];
      (r.redLines[0] as Record<string, unknown>).ancestors = '2020-01-01T00:00:00.000Z';
      r.signals[1].ancestors = ['2020-02-30T00:00:00.000Z'];
      r.deletions = [
        { table: 'signals', id: 'two\nlines', deletedAt: '2026-11-01T00:00:00.000Z' },
        { table: 'signals', id: 'later', deletedAt: '9999-01-01T00:00:00.000Z' },
        'signals/x',
        { table: 'signals', deletedAt: '2026-11-01T00:00:00.000Z' },
      ];
    });
    const result = rejected(checkBackup(raw, known));
    expect(result.issues.map((i) => `${i.place}.${i.field}: ${i.message}`)).toEqual([
      "actors[1].ancestors[1]: lies in the future (2026-12-01T00:00:00.000Z); this computer's clock says 2026-11-23T12:00:00.000Z",
      'redLines[0].ancestors: must be a list of ISO timestamps',
      'signals[1].ancestors[0]: must be an ISO timestamp such as 2026-01-15T09:00:00.000Z',
      'deletions[0].id: must have no outer spaces, line breaks or control characters',
      "deletions[1].deletedAt: lies in the future (9999-01-01T00:00:00.000Z); this computer's clock says 2026-11-23T12:00:00.000Z",
      'deletions[2].: must be an object',
      'deletions[3].id: is missing',
    ]);
  });
});

describe('format version 3: analysts and their assessments', () => {
  const NOW = Date.parse('2026-11-23T12:00:00.000Z');
  const T = '2026-02-01T10:00:00.000Z';
  const known = { actors: [], redLines: [], now: NOW };

  /** A second analyst's scores of the first signal. */
  const bens = {
    id: 'assessment-ben',
    signalId: 'signal-drone',
    analystId: BEN.id,
    intended: 60,
    displayed: 80,
    perceived: 30,
    confidence: 'low',
    rationale: 'Words louder than deeds',
    createdAt: T,
    updatedAt: T,
  };

  it('reads two analysts’ scores of one signal as two assessments, field for field', () => {
    const raw = backupWith((r) => {
      r.analysts.push({ ...BEN });
      r.assessments.push({ ...bens });
    });
    const result = checkBackup(raw, known);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.analysts).toEqual([ANA, BEN]);
    expect(result.data.assessments).toHaveLength(3);
    expect(result.data.assessments[2]).toEqual(bens);
    expect(result.data.assessments.filter((a) => a.signalId === 'signal-drone')).toHaveLength(2);
  });

  it('refuses an assessment of a missing signal or by a missing analyst, a second one by the same analyst, a displayed of 101', () => {
    const raw = backupWith((r) => {
      r.analysts.push({ ...BEN });
      r.assessments.push(
        { ...bens, id: 'a-ghost-signal', signalId: 'no-such-signal' },
        { ...bens, id: 'a-ghost-analyst', analystId: 'no-such-analyst' },
        { ...bens, id: 'a-second', analystId: ANA.id },
        { ...bens, id: 'a-displayed', signalId: 'signal-embassy', displayed: 101 },
      );
    });
    const result = rejected(checkBackup(raw, known));
    expect(result.issues.map(formatIssue)).toEqual([
      'assessments[2].signalId: names no signal in the file or here',
      'assessments[3].analystId: names no analyst in the file or here',
      'assessments[4].analystId: is a second assessment of the same signal by the same analyst (the first is assessments[0])',
      'assessments[5].displayed: must be a whole number from 0 to 100',
    ]);
  });

  it('accepts an assessment of a signal the database holds, and refuses a new signal nobody scored', () => {
    const holds = backupWith((r) => {
      r.analysts.push({ ...BEN });
      r.assessments.push({ ...bens, signalId: 'held-here' });
    });
    const withHeld = { ...known, hasSignal: (id: string) => id === 'held-here' };
    expect(checkBackup(holds, withHeld).ok).toBe(true);
    expect(rejected(checkBackup(holds, known)).issues.map(formatIssue)).toEqual([
      'assessments[2].signalId: names no signal in the file or here',
    ]);

    const unscored = backupWith((r) => {
      r.assessments = [r.assessments[0]];
    });
    expect(rejected(checkBackup(unscored, known)).issues.map(formatIssue)).toEqual([
      'signals[1]: has no assessment: every signal is scored by at least one analyst',
    ]);
    // A signal held here has its assessments here.
    expect(checkBackup(unscored, { ...known, hasSignal: (id) => id === 'signal-embassy' }).ok).toBe(true);
  });

  it('refuses two analysts of one name, as with actors', () => {
    const raw = backupWith((r) => {
      r.analysts.push({ ...BEN, name: ' ana ' });
    });
    expect(rejected(checkBackup(raw, known)).issues.map(formatIssue)).toEqual([
      'analysts[1].name: repeats the name of analysts[0]',
    ]);
  });
});

describe('files of versions 1 and 2: their scores become assessments', () => {
  const NOW = Date.parse('2026-11-23T12:00:00.000Z');
  const S1 = '2020-01-03T10:00:00.000Z';
  const S2 = '2020-01-09T10:00:00.000Z';
  const us = { id: US, name: 'United States', code: 'USA', color: '#1d4ed8', createdAt: S1, updatedAt: S1 };
  const iran = { id: IRAN, name: 'Iran', code: 'IRN', color: '#b91c1c', createdAt: S1, updatedAt: S1 };
  const fact = {
    date: '2020-01-03',
    senderId: US,
    receiverId: IRAN,
    kind: 'force',
    cost: 'sunk cost',
    capped: false,
    redLineId: null,
    sources: [],
    tags: [],
    notes: '',
  };
  const version2 = (extra: Record<string, unknown> = {}) => ({
    format: 'parallax',
    version: 2,
    exportedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
    actors: [us, iran],
    redLines: [],
    signals: [
      {
        id: 'old-1',
        ...fact,
        title: 'Soleimani killed',
        intended: 85,
        perceived: 80,
        confidence: 'high',
        createdAt: S1,
        updatedAt: S2,
        ancestors: [S1],
      },
      {
        id: 'old-2',
        ...fact,
        title: 'Strike',
        intended: 30,
        perceived: 70,
        confidence: 'low',
        createdAt: S2,
        updatedAt: S2,
      },
    ],
    deletions: [],
  });
  let n = 0;
  const newId = () => `made-${++n}`;

  it('gives a file that names no analyst to "Unattributed", one assessment a signal, dated like it', () => {
    n = 0;
    const result = checkBackup(version2(), { actors: [], redLines: [], now: NOW, newId });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const made = new Date(NOW).toISOString();
    expect(result.data.analysts).toEqual([
      { id: 'made-1', name: 'Unattributed', createdAt: made, updatedAt: made },
    ]);
    expect(result.data.assessments).toEqual([
      {
        id: 'made-2',
        signalId: 'old-1',
        analystId: 'made-1',
        intended: 85,
        displayed: null,
        perceived: 80,
        confidence: 'high',
        rationale: '',
        createdAt: S1,
        updatedAt: S2,
        ancestors: [S1],
      },
      {
        id: 'made-3',
        signalId: 'old-2',
        analystId: 'made-1',
        intended: 30,
        displayed: null,
        perceived: 70,
        confidence: 'low',
        rationale: '',
        createdAt: S2,
        updatedAt: S2,
      },
    ]);
    // The signals keep their facts only.
    expect(Object.keys(result.data.signals[0])).not.toContain('intended');
    expect(result.data.signals[0]).toMatchObject({ id: 'old-1', title: 'Soleimani killed', ancestors: [S1] });
  });

  it('gives them to the analyst the file names, the one already here when the name is known', () => {
    n = 0;
    const analysts = [{ id: 'ben-here', name: 'Ben' }];
    const result = checkBackup(version2({ analyst: 'ben' }), {
      actors: [],
      redLines: [],
      now: NOW,
      newId,
      analysts,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.analysts).toEqual([]);
    expect(result.data.assessments.map((a) => [a.signalId, a.analystId])).toEqual([
      ['old-1', 'ben-here'],
      ['old-2', 'ben-here'],
    ]);
    // And a version 1 file reads the same way, into the Unattributed analyst held here.
    const v1 = { ...version2(), version: 1 };
    const upgraded = [{ id: 'unattributed-here', name: 'Unattributed' }];
    const old = checkBackup(v1, { actors: [], redLines: [], now: NOW, newId, analysts: upgraded });
    expect(old.ok && old.data.assessments.map((a) => a.analystId)).toEqual([
      'unattributed-here',
      'unattributed-here',
    ]);
  });

  it('still refuses an older file’s bad score on the signal, where the file has it', () => {
    const raw = version2();
    (raw.signals[1] as Record<string, unknown>).intended = 101;
    expect(
      rejected(checkBackup(raw, { actors: [], redLines: [], now: NOW })).issues.map(formatIssue),
    ).toEqual(['signals[1].intended: must be a whole number from 0 to 100']);
  });
});

describe('a refused backup’s records, found by line', () => {
  it('gives each record’s place the line it starts on, for an editor', () => {
    const text = serializeBackup(sampleData(), EXPORTED_AT);
    // Lines 1–4 the envelope, 5–8 two actors, 9–11 a red line, 12–14 an analyst,
    // 15–18 two signals (16 and 17), 19 "assessments": [, then 20 and 21.
    const issues = [
      { place: 'assessments[1]', field: 'displayed', message: 'must be a whole number from 0 to 100' },
      { place: 'signals[0]', field: 'title', message: 'is required' },
      { place: 'analyst', field: '', message: 'x' },
    ];
    expect(withLines(text, issues).map(formatIssue)).toEqual([
      'assessments[1].displayed (line 21): must be a whole number from 0 to 100',
      'signals[0].title (line 16): is required',
      'analyst: x',
    ]);
    // Written on one line, every record is on line 1; strings holding brackets and commas do not count.
    const compact = JSON.stringify({ ...JSON.parse(text), exportedAt: '[{,"x"' });
    expect(withLines(compact, issues).map((i) => i.line)).toEqual([1, 1, undefined]);
  });
});
