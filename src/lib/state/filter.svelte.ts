import { FILTER_PARAMS, filterFromParams, type FilterParam, type SignalFilter } from '../domain/table';
import { route } from './route.svelte';

/**
 * The filter the URL hash describes, shared by the Dashboard and the Signals
 * view. It changes identity only when a filter parameter changes, so turning a
 * page or zooming the chart never re-filters 100,000 signals.
 */
class UrlFilter {
  readonly #key: string = $derived(
    FILTER_PARAMS.map((k) => `${k}=${encodeURIComponent(route.param(k))}`).join('&'),
  );
  readonly current: SignalFilter = $derived.by(() => {
    const params = new URLSearchParams(this.#key);
    return filterFromParams((k) => params.get(k) ?? '');
  });

  /** Changes filter parameters (null removes one); the view state stays in the URL. */
  set(changes: Partial<Record<FilterParam, string | null>>, extra: Record<string, string | null> = {}): void {
    route.setParams({ ...changes, ...extra });
  }
}

export const urlFilter = new UrlFilter();
