/**
 * The charts' colours. Each is a CSS custom property (`--chart-*`, set in
 * app.css for the light theme and redefined there for the dark one), read
 * here with a light fallback for a page without the stylesheet (unit tests).
 * `readColors()` reads them again when the theme changes (see theme.svelte.ts);
 * chart configs built after that take the new values.
 */
const FALLBACK = {
  intended: '#1d4ed8',
  perceived: '#c2410c',
  rolling: '#111827',
  underestimated: 'rgba(220, 38, 38, 0.22)',
  overestimated: 'rgba(124, 58, 237, 0.22)',
  /** The min–max band of a grouped series. */
  intendedBand: 'rgba(29, 78, 216, 0.12)',
  perceivedBand: 'rgba(194, 65, 12, 0.12)',
  underSpan: 'rgba(220, 38, 38, 0.07)',
  overSpan: 'rgba(124, 58, 237, 0.07)',
  underText: '#991b1b',
  overText: '#5b21b6',
  redLine: '#b91c1c',
  redLineText: '#ffffff',
  mixed: '#7c3aed',
  mixedFill: 'rgba(124, 58, 237, 0.12)',
  accurate: '#047857',
  accurateBand: 'rgba(4, 120, 87, 0.1)',
  accurateBorder: 'rgba(4, 120, 87, 0.35)',
  neutral: '#6b7280',
  grid: '#e5e7eb',
  text: '#374151',
  panel: '#ffffff',
  panelText: '#111827',
  panelBorder: '#9ca3af',
  background: '#ffffff',
};

export type ChartColors = { -readonly [K in keyof typeof FALLBACK]: string };

/** `underestimated` → `--chart-underestimated`, `redLineText` → `--chart-red-line-text`. */
function propertyOf(key: string): string {
  return `--chart-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The current colours: one object, updated in place, so every builder reads the theme in force. */
export const COLORS: ChartColors = { ...FALLBACK };

/** Reads the `--chart-*` properties of the page into COLORS; true when any changed. */
export function readColors(): boolean {
  if (typeof document === 'undefined') return false;
  const style = getComputedStyle(document.documentElement);
  let changed = false;
  for (const key of Object.keys(FALLBACK) as (keyof ChartColors)[]) {
    const value = style.getPropertyValue(propertyOf(key)).trim() || FALLBACK[key];
    if (COLORS[key] !== value) {
      COLORS[key] = value;
      changed = true;
    }
  }
  return changed;
}

/**
 * The options every Parallax chart starts from: sized by its frame, drawn at
 * once, and given points already in Chart.js's internal form (`{x, y}` with x
 * sorted), so series of 100,000 points are neither parsed nor animated.
 */
export const FAST_CHART = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  parsing: false,
  normalized: true,
} as const;

/**
 * The time axis of every chart, written as the app writes dates everywhere else
 * (`formatDate`: `3 Jan 2020`, day before month): ticks `3 Jan`, `Jan 2020`,
 * `2020`, and the tooltip's full date. Names of the UTC date adapter's formats
 * (utc-time.ts), which take their month names from `formatDate`'s table.
 */
export const TIME_AXIS = {
  minUnit: 'day',
  tooltipFormat: 'date',
  displayFormats: {
    day: 'day',
    week: 'day',
    month: 'month',
    quarter: 'month',
    year: 'year',
  },
} as const;
