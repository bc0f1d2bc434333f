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
