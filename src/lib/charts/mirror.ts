/**
 * The mirror plane of the Compare view: a pair A → B and B → A as one point,
 * how B reads A across (A → B's rolling gap) and how A reads B up (B → A's), its
 * path over time, and the regions of the mirror reading (PRODUCT.md §3) named on
 * the plane. A pure builder from the domain's pair mirror (domain/mirror.ts) to
 * a chart config; the regions' edges are the domain's: ±τ on either axis.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import { formatDate } from '../domain/dates';
import { countOf, formatSigned } from '../domain/format';
import type { MirrorPoint, PairMirror } from '../domain/mirror';
import type { KeyOptions } from './key';
import { COLORS, FAST_CHART } from './palette';

export interface MirrorPlaneInput {
  /** A and B's names. */
  aName: string;
  bName: string;
  mirror: PairMirror;
  tau: number;
}

/** A plotted point, with its date for the tooltip. */
export interface PlanePoint {
  x: number;
  y: number;
  date: string;
}

/** Past this many dates the path is a line without dots: dots would blot it. */
const DOTTED = 200;

/**
 * Both axes run symmetric about zero, in steps of 25, wide enough for every
 * point and for each region beyond ±τ to show, and never past the ±100 a gap can reach.
 */
export function planeBound(path: readonly MirrorPoint[], tau: number): number {
  let extent = tau + 10;
  for (const p of path) extent = Math.max(extent, Math.abs(p.x), Math.abs(p.y));
  return Math.min(100, Math.ceil(extent / 25) * 25);
}

type Place = { x: 'start' | 'center' | 'end'; y: 'start' | 'center' | 'end' };

function region(
  [xMin, xMax, yMin, yMax]: readonly [number, number, number, number],
  background: string,
  text: string,
  color: string,
  position: Place,
): AnnotationOptions {
  return {
    type: 'box',
    xMin,
    xMax,
    yMin,
    yMax,
    backgroundColor: background,
    borderWidth: 0,
    drawTime: 'beforeDatasetsDraw',
    label: {
      display: true,
      content: text,
      position,
      color,
      font: { size: 11, weight: 'bold' },
      padding: 4,
    },
  };
}

/**
 * The plane's regions, in the domain's words (`MirrorRegion`): both accurate is
 * a clear reading, both over a spiral, both under mutual complacency; one side
 * under (whatever the other) a deterrence failure, drawn as two strips; one side
 * over with the other accurate, one-sided fear.
 */
export function planeRegions(tau: number, bound: number): Record<string, AnnotationOptions> {
  const t = tau;
  const b = bound;
  const under = (text: string, box: readonly [number, number, number, number], position: Place) =>
    region(box, COLORS.underSpan, text, COLORS.underText, position);
  const over = (text: string, box: readonly [number, number, number, number], position: Place) =>
    region(box, COLORS.overSpan, text, COLORS.overText, position);
  return {
    clear: region([-t, t, -t, t], COLORS.accurateBand, 'clear reading', COLORS.accurate, {
      x: 'center',
      y: 'center',
    }),
    spiral: over('spiral', [t, b, t, b], { x: 'end', y: 'start' }),
    complacency: under('mutual complacency', [-b, -t, -b, -t], { x: 'start', y: 'end' }),
    failureOfB: under('deterrence failure', [-b, -t, -t, b], { x: 'start', y: 'start' }),
    failureOfA: under('deterrence failure', [-t, b, -b, -t], { x: 'end', y: 'end' }),
    // Fear on one side only is not one of the four named dangers: its strips are
    // left unshaded, and named so that a point there is not in a blank.
    fearOfA: region([t, b, -t, t], 'transparent', 'one-sided fear', COLORS.overText, {
      x: 'end',
      y: 'center',
    }),
    fearOfB: region([-t, t, t, b], 'transparent', 'one-sided fear', COLORS.overText, {
      x: 'center',
      y: 'start',
    }),
    // The edges at ±τ, where one region ends and the next begins: two shaded
    // regions of one colour would otherwise run into each other.
    ...Object.fromEntries(
      (['x', 'y'] as const).flatMap((axis) =>
        [-t, t].map((at, k) => [
          `edge${axis}${k}`,
          {
            type: 'line',
            [`${axis}Min`]: at,
            [`${axis}Max`]: at,
            borderColor: COLORS.neutral,
            borderWidth: 1,
            borderDash: [3, 3],
            drawTime: 'beforeDatasetsDraw',
          } as AnnotationOptions,
        ]),
      ),
    ),
  };
}

export function mirrorPlaneConfig(input: MirrorPlaneInput): ChartConfiguration<'line', PlanePoint[]> {
  const { tau, mirror } = input;
  const { path, reading } = mirror;
  const bound = planeBound(path, tau);
  const points: PlanePoint[] = path.map((p) => ({ x: p.x, y: p.y, date: p.date }));
  // Now is where both latest rolling gaps put the pair, and only when both can be
  // said (the path's last point is then that very point). When either is too few
  // to say, the path's last point is marked as what it is: the last date both
  // could be said, not the present.
  const last = path.at(-1);
  const said = reading.region !== null;
  const now: PlanePoint[] =
    said && last ? [{ x: reading.aToB as number, y: reading.bToA as number, date: last.date }] : [];
  const lastSaid: PlanePoint[] = !said && last ? [{ x: last.x, y: last.y, date: last.date }] : [];
  // The path turns back on x, so it is parsed (and not taken as sorted).
  const parsing = { xAxisKey: 'x', yAxisKey: 'y' };
  const datasets: ChartDataset<'line', PlanePoint[]>[] = [
    {
      label: 'Path over time',
      data: points,
      parsing,
      showLine: true,
      borderColor: COLORS.neutral,
      backgroundColor: COLORS.neutral,
      borderWidth: 1.5,
      pointRadius: points.length > DOTTED ? 0 : 2.5,
      pointHoverRadius: 4,
      // Drawn under Now, which sits on the path's last point (Chart.js draws higher orders first).
      order: 1,
    },
    {
      label: now.length ? `Now (${formatDate(now[0].date)})` : 'Now: too few signals to say',
      data: now,
      parsing,
      showLine: false,
      borderColor: COLORS.rolling,
      backgroundColor: COLORS.rolling,
      pointStyle: 'rectRot',
      pointRadius: 7,
      pointHoverRadius: 8,
      order: 0,
    },
    {
      label: lastSaid.length ? `Last said (${formatDate(lastSaid[0].date)})` : 'Last said',
      data: lastSaid,
      parsing,
      showLine: false,
      borderColor: COLORS.rolling,
      backgroundColor: 'transparent',
      borderWidth: 2,
      pointStyle: 'rectRot',
      pointRadius: 7,
      pointHoverRadius: 8,
      order: 0,
    },
  ];

  const axis = (text: string) => ({
    type: 'linear' as const,
    min: -bound,
    max: bound,
    ticks: { stepSize: 25, callback: (value: number | string) => formatSigned(Number(value)) },
    grid: { color: COLORS.grid },
    title: { display: true, text },
  });

  return {
    type: 'line',
    data: { datasets },
    options: {
      ...FAST_CHART,
      interaction: { mode: 'point', intersect: true },
      scales: {
        x: axis(`How ${input.bName} reads ${input.aName} (rolling gap)`),
        y: axis(`How ${input.aName} reads ${input.bName} (rolling gap)`),
      },
      plugins: {
        // The last-said marker is keyed only when it is drawn.
        key: { display: true, count: lastSaid.length ? 3 : 2 } satisfies Partial<KeyOptions>,
        tooltip: {
          callbacks: {
            title: (items) => {
              const p = items[0]?.raw as PlanePoint | undefined;
              return p ? formatDate(p.date) : '';
            },
            label: (item) => {
              const p = item.raw as PlanePoint;
              return [
                `${input.bName} reads ${input.aName}: ${formatSigned(p.x)}`,
                `${input.aName} reads ${input.bName}: ${formatSigned(p.y)}`,
              ];
            },
          },
        },
        annotation: { annotations: planeRegions(tau, bound) },
      },
    },
  };
}

/** The path's extent in words, for the canvas's name and the exported image's heading. */
export function pathSpan(path: readonly MirrorPoint[]): string {
  if (!path.length) return 'no date where both rolling gaps can be said';
  const first = path[0];
  const last = path[path.length - 1];
  return path.length === 1
    ? `1 date, ${formatDate(first.date)}`
    : `${countOf(path.length, 'date')} from ${formatDate(first.date)} to ${formatDate(last.date)}`;
}
