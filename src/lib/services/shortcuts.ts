/**
 * The keys the app answers. Every page needs this handler; the list `?` shows
 * (shortcut-list.ts) loads with its dialog, and a test holds the two to each other.
 */
export type ShortcutAction = 'log-signal' | 'search' | 'help' | 'undo';

/** What a key event needs to be read as a shortcut (a KeyboardEvent has it all). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  target: EventTarget | null;
  defaultPrevented?: boolean;
}

/** True when the key goes into a field: shortcuts must never take a typed letter. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  const field = element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
  if (!field) return false;
  // Buttons, checkboxes and the like take no text.
  if (field.tagName === 'INPUT') {
    const type = (field as HTMLInputElement).type;
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(type);
  }
  return true;
}

/** The action a key press asks for, or null: never while typing, never with Alt. */
export function shortcutOf(event: KeyLike): ShortcutAction | null {
  if (event.defaultPrevented || event.altKey || isTyping(event.target)) return null;
  const command = event.ctrlKey || event.metaKey;
  if (command) return event.key.toLowerCase() === 'z' && !event.shiftKey ? 'undo' : null;
  switch (event.key) {
    case 'n':
      return 'log-signal';
    case '/':
      return 'search';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** Ctrl+Enter (Cmd+Enter on a Mac) saves the form it is pressed in. */
export function isSaveKey(event: Pick<KeyLike, 'key' | 'ctrlKey' | 'metaKey'>): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}
