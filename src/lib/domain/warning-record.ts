/**
 * The warning record of PRODUCT.md §3: did the deterrence-failure alert of a
 * dyad A → B come before the crossings of A's red lines toward B, and how
 * often did it raise a false alarm? Pure functions of the dyad's series, the
 * red lines, the crossings and the settings.
 */
import { dayNumber } from './dates';
import { formatNumber } from './format';
import { median } from './stats';
import { DEFAULT_SETTINGS } from './types';
import type { CalendarDate, Dyad, RedLine, Settings, Signal } from './types';
import {
  alertKindOf,
  compareSignals,
  endOfDay,
  rollingGapOf,
  seriesSlice,
  slideWindow,
  toSeries,
  type SeriesInput,
} from './window';

/** One crossing of a red line A drew toward B. */
export interface CrossingRecord {
  line: RedLine;
  /** The signal that crossed it (sent by anyone: a proxy may cross a state's line). */
  signal: Signal;
  date: CalendarDate;
  /** True when the last A → B signal at or before the crossing's date stood under a deterrence-failure risk. */
  warned: boolean;
  /** The first date of that alert episode; null when missed. */
  warnedSince: CalendarDate | null;
  /** Days from that episode's first signal to the crossing; null when missed. */
  leadDays: number | null;
}

/** What became of a deterrence-failure episode. */
export type EpisodeOutcome = 'crossing' | 'false alarm' | 'open';

/** A run of consecutive A → B signals under a deterrence-failure risk. */
export interface Episode {
  start: CalendarDate;
  end: CalendarDate;
  /** Signals in the run. */
  count: number;
  /** The lowest rolling gap in the run, and the date of its first signal at that value. */
  deepest: number;
  deepestDate: CalendarDate;
  /** True when the run still stands at the last signal. */
  running: boolean;
  /**
   * The first crossing from the episode's first day to H days after its last
   * signal, or null: then `false alarm` once those H days have passed by the
   * record's date, else `open` (too early to say).
   */
  followedBy: CrossingRecord | null;
  outcome: EpisodeOutcome;
}

export interface WarningSummary {
  crossings: number;
  warned: number;
  /** Median lead time of the warned crossings, in days; null when none was warned of. */
  medianLeadDays: number | null;
  episodes: number;
  /** Episodes followed by a crossing within H days. */
  followed: number;
  falseAlarms: number;
  open: number;
}

export interface WarningRecord {
  /** The date the record stands at: crossings and signals after it are left out. */
  asOf: CalendarDate | null;
  crossings: CrossingRecord[];
  episodes: Episode[];
  summary: WarningSummary;
}

export interface WarningInput {
  dyad: Dyad;
  /** The A → B signals. */
  series: SeriesInput;
  /** Every red line: those A drew toward B are kept. */
  redLines: readonly RedLine[];
  /** Signals that cross a red line, whoever sent them. */
  crossings: readonly Signal[];
  settings?: Readonly<Settings>;
  /** The record's date; by default the latest of the dyad's signals and its crossings. */
  asOf?: CalendarDate | null;
}

export function warningRecord(input: WarningInput): WarningRecord {
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const horizon = settings.horizonDays;
  const { senderId, receiverId } = input.dyad;
  const lines = new Map(
    input.redLines.filter((l) => l.actorId === senderId && l.targetId === receiverId).map((l) => [l.id, l]),
  );
  let crossingSignals = input.crossings
    .filter((s) => s.redLineId !== null && lines.has(s.redLineId))
    .sort(compareSignals);
  let series = toSeries(input.series);
  const latest = [series.signals.at(-1)?.date, crossingSignals.at(-1)?.date]
    .filter((d): d is CalendarDate => !!d)
    .sort()
    .at(-1);
  const asOf = input.asOf ?? latest ?? null;
  if (asOf !== null) {
    series = seriesSlice(series, 0, endOfDay(series.columns, dayNumber(asOf)));
    crossingSignals = crossingSignals.filter((s) => s.date <= asOf);
  }
  const { signals, columns } = series;
  const days = columns.day;
  const n = signals.length;

  // The runs of deterrence-failure risk, and for each signal the run it is in.
  interface Run {
    first: number;
    last: number;
    deepest: number;
    deepestAt: number;
  }
  const runs: Run[] = [];
  const runOf = new Int32Array(n).fill(-1);
  slideWindow(series, settings.windowDays, (i, sums) => {
    const rolling = rollingGapOf(sums);
    if (alertKindOf(rolling, sums.count, settings.alertThreshold) !== 'deterrence-failure risk') return;
    const run = runs.at(-1);
    if (run && run.last === i - 1) {
      run.last = i;
      if (rolling! < run.deepest) {
        run.deepest = rolling!;
        run.deepestAt = i;
      }
    } else runs.push({ first: i, last: i, deepest: rolling!, deepestAt: i });
    runOf[i] = runs.length - 1;
  });

  const crossings: CrossingRecord[] = crossingSignals.map((signal) => {
    const day = dayNumber(signal.date);
    const before = endOfDay(columns, day) - 1;
    const run = before >= 0 && runOf[before] >= 0 ? runs[runOf[before]] : null;
    return {
      line: lines.get(signal.redLineId!)!,
      signal,
      date: signal.date,
      warned: run !== null,
      warnedSince: run ? signals[run.first].date : null,
      leadDays: run ? day - days[run.first] : null,
    };
  });

  const asOfDay = asOf === null ? 0 : dayNumber(asOf);
  const episodes: Episode[] = runs.map((run) => {
    const startDay = days[run.first];
    const endDay = days[run.last];
    const followedBy =
      crossings.find((c) => {
        const d = dayNumber(c.date);
        return d >= startDay && d <= endDay + horizon;
      }) ?? null;
    const outcome: EpisodeOutcome = followedBy
      ? 'crossing'
      : endDay + horizon <= asOfDay
        ? 'false alarm'
        : 'open';
    return {
      start: signals[run.first].date,
      end: signals[run.last].date,
      count: run.last - run.first + 1,
      deepest: run.deepest,
      deepestDate: signals[run.deepestAt].date,
      running: run.last === n - 1,
      followedBy,
      outcome,
    };
  });

  const leads = crossings.flatMap((c) => (c.leadDays === null ? [] : [c.leadDays]));
  return {
    asOf,
    crossings,
    episodes,
    summary: {
      crossings: crossings.length,
      warned: leads.length,
      medianLeadDays: median(leads),
      episodes: episodes.length,
      followed: episodes.filter((e) => e.outcome === 'crossing').length,
      falseAlarms: episodes.filter((e) => e.outcome === 'false alarm').length,
      open: episodes.filter((e) => e.outcome === 'open').length,
    },
  };
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The record in one sentence, e.g. "2 of 3 crossings were warned of, with a
 * median lead time of 186 days; 1 of 2 episodes was a false alarm."
 */
export function warningSentence(summary: WarningSummary): string {
  const { crossings, warned, medianLeadDays, episodes, falseAlarms, open } = summary;
  const first =
    crossings === 0
      ? 'No red line was crossed'
      : `${warned} of ${count(crossings, 'crossing')} ${warned === 1 || crossings === 1 ? 'was' : 'were'} warned of` +
        (medianLeadDays === null ? '' : `, with a median lead time of ${formatNumber(medianLeadDays)} days`);
  const second =
    episodes === 0
      ? 'no deterrence-failure episode'
      : `${falseAlarms} of ${count(episodes, 'episode')} ${falseAlarms === 1 || episodes === 1 ? 'was a false alarm' : 'were false alarms'}` +
        (open ? ` (${open} too recent to say)` : '');
  return `${first}; ${second}.`;
}
