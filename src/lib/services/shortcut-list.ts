import type { ShortcutAction } from './shortcuts';

/** The keyboard shortcuts as `?` lists them; `shortcutOf` answers the keys with an action. */
export interface Shortcut {
  /** The keys as the list shows them. */
  keys: string;
  description: string;
  /** The action the app runs; absent for keys a form handles itself. */
  action?: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'n', description: 'Log a new signal', action: 'log-signal' },
  { keys: '/', description: 'Search the signals', action: 'search' },
  { keys: '?', description: 'List these shortcuts', action: 'help' },
  { keys: 'Ctrl+Z', description: 'Bring back what was deleted last', action: 'undo' },
  { keys: 'Ctrl+Enter', description: 'Save the signal form' },
  { keys: 'Escape', description: 'Close the form or list (asks first if there are unsaved changes)' },
];
