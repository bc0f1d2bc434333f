/**
 * Persistent storage: the browser keeps an origin's data under disk pressure only
 * if asked. Chromium decides without asking the analyst; Firefox asks once.
 */
import { subscribe } from '../db/changes';
import { storage } from '../state/storage.svelte';

let asked = false;

/** Asks the browser, once a session, to keep Parallax's data; notes the answer. */
export async function requestPersistence(): Promise<void> {
  if (asked || typeof navigator === 'undefined' || !navigator.storage?.persist) return;
  asked = true;
  try {
    storage.notePersisted(await navigator.storage.persist());
  } catch (_error) {
    // A browser may refuse the question itself (a private window); the Data view's
    // storage status still says where things stand.
  }
}

/**
 * Asks for persistent storage at the first write of the session (a signal saved,
 * an actor added, a file imported), not only when the Data view is opened: the
 * data worth keeping exists from that moment. Returns the function that stops.
 */
export function persistAtFirstWrite(): () => void {
  const stop = subscribe(() => {
    stop();
    void requestPersistence();
  });
  return stop;
}
