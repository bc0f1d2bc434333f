import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHORTCUTS } from '../../src/lib/services/shortcut-list';
import { isSaveKey, shortcutOf, type KeyLike } from '../../src/lib/services/shortcuts';
import { INFO_MS, notices } from '../../src/lib/state/notices.svelte';

/** A stand-in for a DOM element: what `closest` finds for a tag and an input type. */
function element(tagName: string, type = ''): EventTarget {
  const self = {
    tagName,
    type,
    isContentEditable: false,
    closest: (selector: string) =>
      selector.split(', ').some((s) => s === tagName.toLowerCase()) ? self : null,
  };
  return self as unknown as EventTarget;
}

function key(k: string, target: EventTarget | null = element('BODY'), mods: Partial<KeyLike> = {}): KeyLike {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target, ...mods };
}

describe('keyboard shortcuts', () => {
  it.each([
    ['n', 'log-signal'],
    ['/', 'search'],
    ['?', 'help'],
  ] as const)('%s outside a field asks for %s', (k, action) => {
    expect(shortcutOf(key(k))).toBe(action);
  });

  it('Ctrl+Z and Cmd+Z ask to undo; Ctrl+Shift+Z does not', () => {
    expect(shortcutOf(key('z', undefined, { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(key('Z', undefined, { metaKey: true }))).toBe('undo');
    expect(shortcutOf(key('Z', undefined, { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('never fires while typing in a text field, a text area, a select or editable text', () => {
    for (const target of [
      element('INPUT', 'text'),
      element('INPUT', 'search'),
      element('TEXTAREA'),
      element('SELECT'),
    ]) {
      expect(shortcutOf(key('n', target))).toBeNull();
      expect(shortcutOf(key('/', target))).toBeNull();
      // Ctrl+Z in a field is the field's own undo.
      expect(shortcutOf(key('z', target, { ctrlKey: true }))).toBeNull();
    }
    const editable = { ...element('DIV'), isContentEditable: true } as unknown as EventTarget;
    expect(shortcutOf(key('n', editable))).toBeNull();
  });

  it('fires from a checkbox or a button, which take no text', () => {
    expect(shortcutOf(key('n', element('INPUT', 'checkbox')))).toBe('log-signal');
    expect(shortcutOf(key('n', element('BUTTON')))).toBe('log-signal');
  });

  it('ignores Alt, other letters, Ctrl with a letter other than z, and keys already handled', () => {
    expect(shortcutOf(key('n', undefined, { altKey: true }))).toBeNull();
    expect(shortcutOf(key('m'))).toBeNull();
    expect(shortcutOf(key('n', undefined, { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(key('n', undefined, { defaultPrevented: true }))).toBeNull();
  });

  it('Ctrl+Enter and Cmd+Enter save; Enter alone does not', () => {
    expect(isSaveKey({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true);
    expect(isSaveKey({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isSaveKey({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false);
  });

  it('the list shown by ? names every key the handler answers', () => {
    const listed = SHORTCUTS.filter((s) => s.action).map((s) => [s.keys, s.action]);
    expect(listed).toEqual([
      ['n', 'log-signal'],
      ['/', 'search'],
      ['?', 'help'],
      ['Ctrl+Z', 'undo'],
    ]);
  });
});

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    notices.reset();
  });
  afterEach(() => {
    notices.reset();
    vi.useRealTimers();
  });

  it('a confirmation fades after its time, counting none of the time it is hovered', () => {
    const id = notices.info('Saved.');
    vi.advanceTimersByTime(INFO_MS - 3000);
    notices.hold(id);
    // Held far longer than its whole time: still there.
    vi.advanceTimersByTime(INFO_MS * 3);
    expect(notices.items.map((n) => n.id)).toEqual([id]);
    notices.release(id);
    vi.advanceTimersByTime(2999);
    expect(notices.items.map((n) => n.id)).toEqual([id]);
    vi.advanceTimersByTime(1);
    expect(notices.items).toEqual([]);
  });

  it('a lasting notice stays until dismissed', () => {
    const id = notices.lasting('Deleted.', { label: 'Undo', run: () => {} });
    vi.advanceTimersByTime(INFO_MS * 10);
    expect(notices.items.map((n) => n.id)).toEqual([id]);
    notices.dismiss(id);
    expect(notices.items).toEqual([]);
  });
});
