/**
 * Unsaved changes, for every form that edits in place (the signal form, the
 * Actors view's forms): one rule for what counts as a change, one question
 * (`Discard` or `Keep editing`) before changes are dropped, whether by Escape,
 * Cancel, a change of view or a reload. The forms load with their views, and
 * this module with them: the first page carries only the route's hook.
 */
import { mount, unmount } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import DiscardDialog from '../components/shell/DiscardDialog.svelte';
import { route } from './route.svelte';

/** True when any field of `values` differs from the same field of `initial`. */
export function differs<T extends object>(values: T, initial: T): boolean {
  return (Object.keys(initial) as (keyof T)[]).some((key) => values[key] !== initial[key]);
}

export interface UnsavedForm {
  /** What holds the changes, as the question names it: "this signal", "the new actor". */
  readonly what: string;
  /** The form's element: Keep editing puts the focus back inside it. */
  root(): HTMLElement | undefined;
  /** True while the form holds changes not saved yet. */
  dirty(): boolean;
  /** Drops the changes when the analyst leaves the view: the form closes or empties. */
  discard(): void;
  /** The signal form's dialog stays open over any view: a change of view loses nothing. */
  readonly outlivesViews?: boolean;
}

/** Names several things in one sentence: "a", "a and b", "a, b and c". */
function listed(whats: readonly string[]): string {
  return whats.length < 2 ? (whats[0] ?? '') : `${whats.slice(0, -1).join(', ')} and ${whats.at(-1)}`;
}

// The browser's own question on reload or close: the page cannot word it.
const askBrowser = (event: BeforeUnloadEvent) => event.preventDefault();

class UnsavedChanges {
  #held = new Set<UnsavedForm>();
  #asking: Promise<boolean> | null = null;

  /** Counts `form` among those with unsaved changes until the returned release is called. */
  hold(form: UnsavedForm): () => void {
    if (this.#held.size === 0) window.addEventListener('beforeunload', askBrowser);
    this.#held.add(form);
    return () => this.#release(form);
  }

  /** True while a change of view would lose unsaved changes. */
  get blocksLeaving(): boolean {
    return this.#lostOnLeave().length > 0;
  }

  /**
   * Before `form` closes or empties itself (Escape, Cancel): resolves true when
   * it has nothing unsaved or the analyst chose `Discard`.
   */
  async confirm(form: UnsavedForm): Promise<boolean> {
    await this.#settled();
    if (!form.dirty()) return true;
    if (!(await this.#ask([form]))) return false;
    // The caller drops the changes now; until it has, no other question counts them.
    this.#release(form);
    return true;
  }

  /** Before the view changes: the forms that leaving would lose, discarded once the analyst agrees. */
  async leave(): Promise<boolean> {
    await this.#settled();
    const lost = this.#lostOnLeave();
    if (lost.length === 0) return true;
    if (!(await this.#ask(lost))) return false;
    for (const form of lost) {
      form.discard();
      this.#release(form);
    }
    return true;
  }

  #lostOnLeave(): UnsavedForm[] {
    return [...this.#held].filter((form) => !form.outlivesViews && form.dirty());
  }

  #release(form: UnsavedForm): void {
    if (!this.#held.delete(form)) return;
    if (this.#held.size === 0) window.removeEventListener('beforeunload', askBrowser);
  }

  /**
   * One question at a time: a second way of leaving that comes while one is asked
   * (Back pressed again) waits for its answer, then asks only if something is still unsaved.
   */
  async #settled(): Promise<void> {
    while (this.#asking) await this.#asking;
  }

  #ask(forms: readonly UnsavedForm[]): Promise<boolean> {
    const asking = this.#question(forms).finally(() => {
      if (this.#asking === asking) this.#asking = null;
    });
    this.#asking = asking;
    return asking;
  }

  #question(forms: readonly UnsavedForm[]): Promise<boolean> {
    // Where the analyst was typing, to return there if they keep editing.
    const typing = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return new Promise((resolve) => {
      const dialog = mount(DiscardDialog, {
        target: document.body,
        props: {
          what: listed(forms.map((form) => form.what)),
          onanswer: (discard: boolean) => {
            void unmount(dialog);
            if (!discard) refocus(forms[0], typing);
            resolve(discard);
          },
        },
      });
    });
  }

  /** For tests: forgets every form. */
  reset(): void {
    for (const form of [...this.#held]) this.#release(form);
  }
}

/** Keep editing: back to the field the analyst left, else the form's first field. */
function refocus(form: UnsavedForm | undefined, typing: HTMLElement | null): void {
  const root = form?.root();
  if (!root) return;
  if (typing?.isConnected && root.contains(typing)) typing.focus();
  else root.querySelector<HTMLElement>('input, select, textarea')?.focus();
}

export const unsaved = new UnsavedChanges();

route.guardLeaving({ blocks: () => unsaved.blocksLeaving, ask: () => unsaved.leave() });

/**
 * Guards a form for as long as the calling component lives (call it while the
 * component initialises): while `form.dirty()` it counts as unsaved. Returns
 * the question to ask before the form closes or empties itself.
 */
export function guardUnsaved(form: UnsavedForm): { confirm: () => Promise<boolean> } {
  $effect(() => (form.dirty() ? unsaved.hold(form) : undefined));
  return { confirm: () => unsaved.confirm(form) };
}

/** Escape inside the element runs `leave` (which asks first, when there is anything unsaved). */
export function onEscape(leave: () => unknown): Attachment<HTMLElement> {
  return (element) => {
    const listener = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      void leave();
    };
    element.addEventListener('keydown', listener);
    return () => element.removeEventListener('keydown', listener);
  };
}
