// Figures from timings: medians, ratios, the goals of PRODUCT.md §9, and the
// table printed beside bench/results.json.

/** The goals of PRODUCT.md §9: every figure passes at or below its goal. */
export const GOALS = Object.freeze({
  import_ratio: 1.5,
  cold_ratio: 1.5,
  update_ratio: 0.05,
  isolation_ratio: 1.3,
  initial_js_gzip_kb: 140,
  heap_mb_100k: 150,
  events_ratio: 1.5,
  events_heap_mb: 300,
});

/** @typedef {keyof typeof GOALS} Key */

/**
 * @typedef {object} Ratio
 * @property {number} value numerator median ÷ denominator median
 * @property {number} goal
 * @property {boolean} pass
 * @property {string} numerator what was timed above the line
 * @property {string} denominator what was timed below it
 * @property {number} numerator_median_ms
 * @property {number} denominator_median_ms
 * @property {number[]} numerator_ms every repetition, in the order run
 * @property {number[]} denominator_ms
 */

/**
 * @typedef {object} Amount
 * @property {number} value
 * @property {number} goal
 * @property {boolean} pass
 * @property {string} unit
 * @property {string} what
 * @property {number[]} [samples] every repetition, when there were several
 * @property {unknown} [detail]
 */

/** @param {readonly number[]} values */
export function median(values) {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** @param {number} n @param {number} digits */
const round = (n, digits) => Number(n.toFixed(digits));

/**
 * @param {Key} key
 * @param {{ numerator: string, denominator: string, numeratorMs: number[], denominatorMs: number[] }} timings
 * @returns {Ratio}
 */
export function ratio(key, { numerator, denominator, numeratorMs, denominatorMs }) {
  const top = median(numeratorMs);
  const bottom = median(denominatorMs);
  const value = round(top / bottom, 4);
  return {
    value,
    goal: GOALS[key],
    pass: value <= GOALS[key],
    numerator,
    denominator,
    numerator_median_ms: round(top, 1),
    denominator_median_ms: round(bottom, 1),
    numerator_ms: numeratorMs.map((ms) => round(ms, 1)),
    denominator_ms: denominatorMs.map((ms) => round(ms, 1)),
  };
}

/**
 * @param {Key} key
 * @param {{ value: number, unit: string, what: string, samples?: number[], detail?: unknown }} amount
 * @returns {Amount}
 */
export function amount(key, { value, unit, what, samples, detail }) {
  const rounded = round(value, 1);
  return {
    value: rounded,
    goal: GOALS[key],
    pass: rounded <= GOALS[key],
    unit,
    what,
    ...(samples ? { samples: samples.map((s) => round(s, 1)) } : {}),
    ...(detail === undefined ? {} : { detail }),
  };
}

/**
 * The printed table: one row a figure, with the medians behind each ratio.
 * @param {Partial<Record<Key, Ratio | Amount>>} figures
 */
export function table(figures) {
  const rows = [['figure', 'value', 'goal', 'pass', 'numerator (median)', 'denominator (median)']];
  for (const key of /** @type {Key[]} */ (Object.keys(GOALS))) {
    const figure = figures[key];
    if (!figure) {
      rows.push([key, 'not measured', `≤ ${GOALS[key]}`, '–', '', '']);
      continue;
    }
    const isRatio = 'numerator_median_ms' in figure;
    rows.push([
      key,
      isRatio ? figure.value.toFixed(3) : `${figure.value} ${figure.unit}`,
      `≤ ${figure.goal}`,
      figure.pass ? 'yes' : 'NO',
      isRatio ? `${figure.numerator_median_ms.toFixed(1)} ms` : '',
      isRatio ? `${figure.denominator_median_ms.toFixed(1)} ms` : '',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (/** @type {string[]} */ r) => r.map((cell, c) => cell.padEnd(widths[c])).join(' │ ');
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.slice(1).map(line)].join('\n');
}
