// Synthetic data for the benchmark, made from a fixed seed so that every run
// measures the same records: the same ids, dates, titles and scores.
//
// The rows are made in Node and handed to the pages as files served beside the
// build; making them is never part of what is timed.

/** @typedef {import('../src/lib/domain/types').Actor} Actor */
/** @typedef {import('../src/lib/domain/types').RedLine} RedLine */
/** @typedef {import('../src/lib/domain/types').Signal} Signal */
/** @typedef {import('../src/lib/domain/types').Analyst} Analyst */
/** @typedef {import('../src/lib/domain/types').Assessment} Assessment */
/** @typedef {import('../src/lib/domain/consensus')} ConsensusModule */

export const SEED = 20_191_229;

/**
 * mulberry32: a small, fast 32-bit PRNG; good enough to make varied test data,
 * and the same sequence on every machine.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {() => number} random */
function uuid(random) {
  const hex = '0123456789abcdef';
  let out = '';
  for (let i = 0; i < 32; i++) {
    let digit = Math.floor(random() * 16);
    if (i === 12) digit = 4; // version 4
    if (i === 16) digit = 8 + (digit & 3); // variant 10xx
    out += hex[digit];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}

const KINDS = /** @type {const} */ ([
  'statement',
  'threat',
  'restraint',
  'deployment',
  'sanction',
  'force',
  'diplomacy',
  'other',
]);
const CONFIDENCES = /** @type {const} */ (['low', 'moderate', 'high']);
const COSTS = /** @type {const} */ (['cheap talk', 'tied hands', 'sunk cost']);
const TAGS = [
  'maritime',
  'nuclear',
  'proxy',
  'sanctions',
  'airspace',
  'cyber',
  'diplomacy',
  'oil',
  'militia',
];
const WORDS = (
  'navy deploys carrier group strait warning statement foreign ministry sanctions oil exports drone ' +
  'tanker seized embassy envoy talks suspended missile test border patrol exercise airspace ' +
  'ultimatum restraint ceasefire militia rocket base retaliation proportionate response'
).split(' ');

/**
 * @param {() => number} random
 * @param {number} min
 * @param {number} max
 */
function words(random, min, max) {
  const length = min + Math.floor(random() * (max - min + 1));
  let text = '';
  while (text.length < length) text += (text ? ' ' : '') + WORDS[Math.floor(random() * WORDS.length)];
  text = text.slice(0, length).trimEnd();
  return text[0].toUpperCase() + text.slice(1);
}

/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/** @param {number} day days since 1970-01-01 (UTC) */
function dateOf(day) {
  const d = new Date(day * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** @param {number} n @param {number} lo @param {number} hi */
const clamp = (n, lo, hi) => Math.max(lo, Math.min(hi, n));

const FIRST_DAY = Date.UTC(2005, 0, 1) / 86_400_000;
const YEARS = 20;
const LAST_DAY = FIRST_DAY + Math.round(YEARS * 365.25) - 1;

/**
 * One dyad's signals in date order over 20 years, with realistic fields: titles
 * of 40–80 characters, notes of about 100, a source, 1–3 tags, random
 * confidence, kind and cost; intended and perceived resolve drift as random
 * walks, so the rolling gap rises and falls; about 0.1% cross one of
 * `redLineIds`.
 * @param {{ count: number, senderId: string, receiverId: string, redLineIds?: readonly string[], random: () => number }} spec
 * @returns {Signal[]}
 */
export function dyadSignals({ count, senderId, receiverId, redLineIds = [], random }) {
  /** @type {Signal[]} */
  const out = new Array(count);
  const span = LAST_DAY - FIRST_DAY;
  let intended = 40;
  let bias = 0;
  for (let i = 0; i < count; i++) {
    const day = FIRST_DAY + Math.floor((i * span) / count);
    intended = clamp(intended + Math.round((random() - 0.5) * 8), 0, 100);
    bias = clamp(bias + (random() - 0.5) * 3, -45, 45);
    const perceived = clamp(Math.round(intended + bias + (random() - 0.5) * 20), 0, 100);
    const date = dateOf(day);
    const stamp = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
    const tagCount = 1 + Math.floor(random() * 3);
    /** @type {string[]} */
    const tags = [];
    for (let t = 0; t < tagCount; t++) {
      const tag = TAGS[Math.floor(random() * TAGS.length)];
      if (!tags.includes(tag)) tags.push(tag);
    }
    out[i] = {
      id: uuid(random),
      date,
      senderId,
      receiverId,
      title: words(random, 40, 80),
      kind: KINDS[Math.floor(random() * KINDS.length)],
      intended,
      perceived,
      confidence: CONFIDENCES[Math.floor(random() * CONFIDENCES.length)],
      cost: COSTS[Math.floor(random() * COSTS.length)],
      capped: random() < 0.05,
      redLineId:
        redLineIds.length && random() < 0.001 ? redLineIds[Math.floor(random() * redLineIds.length)] : null,
      sources: [{ label: `Wire report ${i}`, url: `https://news.example.org/${date}/${i}` }],
      tags,
      notes: words(random, 90, 110),
      createdAt: stamp,
      updatedAt: stamp,
    };
  }
  return out;
}

const CREATED = '2025-01-01T00:00:00.000Z';

/**
 * Two analysts' assessments of every signal (PRODUCT.md §9: once assessments
 * exist, every synthetic signal has two). The first analyst's scores are the
 * signal's random walk; the second scores each signal near the first, within
 * ±10 points, with a confidence of their own, so the two disagree as a team
 * does. Both give a displayed resolve and a short rationale. Made from their own
 * generator, so the signals are the same as before assessments existed.
 * @param {Signal[]} signals
 * @param {readonly Analyst[]} analysts
 * @param {() => number} random
 * @returns {Assessment[]}
 */
export function assessmentsOf(signals, analysts, random) {
  /** @type {Assessment[]} */
  const out = new Array(signals.length * analysts.length);
  let k = 0;
  for (const s of signals) {
    for (let n = 0; n < analysts.length; n++) {
      const jitter = () => (n === 0 ? 0 : Math.round((random() - 0.5) * 20));
      const intended = clamp(s.intended + jitter(), 0, 100);
      out[k++] = {
        id: uuid(random),
        signalId: s.id,
        analystId: analysts[n].id,
        intended,
        displayed: clamp(intended + Math.round((random() - 0.5) * 30), 0, 100),
        perceived: clamp(s.perceived + jitter(), 0, 100),
        confidence: n === 0 ? s.confidence : CONFIDENCES[Math.floor(random() * CONFIDENCES.length)],
        rationale: random() < 0.5 ? '' : words(random, 30, 60),
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
      };
    }
  }
  return out;
}

/**
 * The rows as the app stores them: each signal with the consensus of its
 * assessments (the app's own function, so the cache is the one the app would
 * write), and the assessments.
 * @param {Signal[]} signals
 * @param {Assessment[]} assessments of those signals, each signal's together and in order
 * @param {ConsensusModule['consensus']} consensus
 */
function stored(signals, assessments, consensus) {
  const per = assessments.length / signals.length;
  const rows = signals.map((s, i) => ({ ...s, ...consensus(assessments.slice(i * per, (i + 1) * per)) }));
  return { signals: rows, assessments };
}

/**
 * Everything the benchmark stores, from `seed`:
 * - actors A…H, two red lines of A toward B;
 * - `big`: 100,000 signals A → B (the import file, the cold open, the update);
 * - `small`: 1,000 signals C → D;
 * - `others`: 99,000 signals over eleven other dyads, none of them C → D;
 * - two analysts, each of whom assessed every signal: each set of rows is the
 *   signals as stored (with their consensus) and their assessments.
 * @param {ConsensusModule['consensus']} consensus the app's consensus function
 * @param {number} [seed]
 */
export function benchData(consensus, seed = SEED) {
  const random = mulberry32(seed);
  /** @type {Actor[]} */
  const actors = 'ABCDEFGH'.split('').map((letter) => ({
    id: uuid(random),
    name: `Actor ${letter}`,
    code: letter,
    color: `#${Math.floor(random() * 0xffffff)
      .toString(16)
      .padStart(6, '0')}`,
    createdAt: CREATED,
    updatedAt: CREATED,
  }));
  const [a, b, c, d, e, f, g, h] = actors;
  /** @type {RedLine[]} */
  // Drawn by B against A: the big dyad's crossings go to the actor who drew the line.
  const redLines = ['No attack on our bases', 'No closing of the strait'].map((text, k) => ({
    id: uuid(random),
    actorId: b.id,
    targetId: a.id,
    text,
    declared: dateOf(FIRST_DAY + 365 * (k + 1)),
    createdAt: CREATED,
    updatedAt: CREATED,
  }));
  const redLineIds = redLines.map((r) => r.id);
  const big = dyadSignals({ count: 100_000, senderId: a.id, receiverId: b.id, redLineIds, random });
  const small = dyadSignals({ count: 1_000, senderId: c.id, receiverId: d.id, random });
  // 99,000 more over eleven other dyads (9,000 each), so C → D is 1% of the store.
  const pairs = [
    [b, a],
    [d, c],
    [a, c],
    [c, a],
    [b, d],
    [e, f],
    [f, e],
    [g, h],
    [h, g],
    [a, h],
    [e, b],
  ];
  const others = pairs.flatMap(([s, r]) =>
    dyadSignals({ count: 9_000, senderId: s.id, receiverId: r.id, random }),
  );
  // A generator of their own, so adding the assessments left the signals as they were.
  const scoring = mulberry32(seed + 1);
  /** @type {Analyst[]} */
  const analysts = ['Analyst One', 'Analyst Two'].map((name) => ({
    id: uuid(scoring),
    name,
    createdAt: CREATED,
    updatedAt: CREATED,
  }));
  /** @param {Signal[]} signals */
  const rows = (signals) => stored(signals, assessmentsOf(signals, analysts, scoring), consensus);
  return {
    actors,
    redLines,
    analysts,
    big: rows(big),
    small: rows(small),
    others: rows(others),
    a,
    b,
    c,
    d,
  };
}

/**
 * The JSON backup of actors, red lines, the analysts and the 100k dyad with its
 * 200k assessments, as Export writes it (PRODUCT.md §6, version 3: signals carry
 * their facts only).
 * @param {ReturnType<typeof benchData>} data
 * @param {ConsensusModule['factsOf']} factsOf the app's split of a signal into its facts
 */
export function backupOf(data, factsOf) {
  return JSON.stringify({
    format: 'parallax',
    version: 3,
    exportedAt: CREATED,
    actors: data.actors,
    redLines: data.redLines,
    analysts: data.analysts,
    signals: data.big.signals.map(factsOf),
    assessments: data.big.assessments,
    deletions: [],
  });
}
