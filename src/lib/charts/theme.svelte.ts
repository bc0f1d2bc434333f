import { Chart } from 'chart.js';
import { COLORS, readColors } from './palette';

/**
 * Which colours the charts draw with. The page's theme follows
 * `prefers-color-scheme` or a `data-theme` attribute on <html>; when either
 * changes, the `--chart-*` properties are read again and `version` moves, and
 * every chart (see attach.svelte.ts, which reads `version`) is rebuilt in the
 * new colours.
 */
class ChartTheme {
  #version = $state(0);
  #started = false;

  get version(): number {
    return this.#version;
  }

  /** Reads the colours now and watches for changes of theme; once per page. */
  start(): void {
    if (this.#started || typeof window === 'undefined') return;
    this.#started = true;
    this.refresh();
    const again = () => this.refresh();
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', again);
    new MutationObserver(again).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class', 'style'],
    });
  }

  refresh(): void {
    if (!readColors()) return;
    Chart.defaults.color = COLORS.text;
    this.#version++;
  }
}

export const chartTheme = new ChartTheme();
