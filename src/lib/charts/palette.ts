/** Colours of the readings, shared by charts, badges and the legend (CSS mirrors them). */
export const COLORS = {
  intended: '#1d4ed8',
  perceived: '#c2410c',
  rolling: '#111827',
  underestimated: 'rgba(220, 38, 38, 0.22)',
  overestimated: 'rgba(124, 58, 237, 0.22)',
  redLine: '#b91c1c',
  grid: '#e5e7eb',
} as const;

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
