import { assessmentsOf } from '../db/assessments';
import { historyOf } from '../db/history';
import { historyEntries, type HistoryEntry } from '../domain/history';
import { othersView, type OthersView } from '../domain/others';
import type { Assessment, Revision } from '../domain/types';
import { analysts } from './analysts.svelte';
import { catalog } from './catalog.svelte';
import { LiveQuery } from './live.svelte';
import { settings } from './settings.svelte';

/**
 * What the signal form shows beside a signal's facts, live: its assessments
 * (the analyst's own, which the form edits, and the other analysts', shown
 * under the blind-scoring rule) and its history. One per opened form: create
 * it while a component initialises; a new signal (no id) has neither yet.
 */
export class SignalScoring {
  #assessments: LiveQuery<Assessment[]> | null = null;
  #history: LiveQuery<Revision[]> | null = null;

  constructor(readonly signalId: string | null) {
    if (signalId === null) return;
    this.#assessments = new LiveQuery(() => () => assessmentsOf(signalId));
    this.#history = new LiveQuery(() => () => historyOf(signalId));
  }

  readonly assessments: Assessment[] = $derived(this.#assessments?.current ?? []);

  /** The analyst and the signal's assessments are read: the form can start from the analyst's own scores. */
  readonly loaded: boolean = $derived(
    analysts.loaded && (this.#assessments === null || this.#assessments.current !== undefined),
  );

  /** The current analyst's assessment of this signal, if they have scored it. */
  readonly own: Assessment | null = $derived.by(() => {
    const me = analysts.current?.id;
    return (me && this.assessments.find((a) => a.analystId === me)) || null;
  });

  readonly others: OthersView = $derived(
    othersView(this.assessments, analysts.byId, analysts.current?.id ?? null, settings.current.blindScoring),
  );

  readonly history: HistoryEntry[] = $derived.by(() => {
    const labels: { [id: string]: string } = {};
    for (const actor of catalog.actors) labels[actor.id] = actor.name;
    for (const line of catalog.redLines) labels[line.id] = line.text;
    return historyEntries(this.#history?.current ?? [], analysts.byId, labels, analysts.current?.id ?? null);
  });

  readonly historyLoaded: boolean = $derived(this.#history === null || this.#history.current !== undefined);

  readonly error: Error | null = $derived(this.#assessments?.error ?? this.#history?.error ?? null);
}
