import { nextSeries, seriesOf, type Series } from '../domain/window';
import type { Signal } from '../domain/types';

/**
 * The series of the list a view shows, kept between changes of that list. The
 * lists held in state are replaced whole, never changed in place, and the next
 * one most often differs from the last by one saved or deleted signal: then
 * its columns are patched from the last ones (`nextSeries`) instead of read
 * again from 100,000 signals (docs/PERFORMANCE.md).
 */
export class SeriesMemo {
  #list: readonly Signal[] | null = null;
  #series: Series | null = null;

  /**
   * The series of `list`, sorted on a copy when out of order; `inOrder` when
   * its owner keeps it in dyad order (no O(n) check).
   */
  of(list: readonly Signal[], inOrder = false): Series {
    if (list === this.#list && this.#series) return this.#series;
    this.#series = this.#series ? nextSeries(this.#series, list, inOrder) : seriesOf(list, inOrder);
    this.#list = list;
    return this.#series;
  }

  reset(): void {
    this.#list = null;
    this.#series = null;
  }
}
