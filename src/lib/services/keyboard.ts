/**
 * What the shortcuts other than `n` do. Loaded on the first such key (or the `?`
 * button), so the first page carries only the few lines that read a key.
 */
import { mount, unmount } from 'svelte';
import ShortcutsDialog from '../components/shell/ShortcutsDialog.svelte';
import { parseHash, route } from '../state/route.svelte';
import type { ShortcutAction } from './shortcuts';
import { undoLast } from './undo';

const SEARCH = 'main [role="search"] input[type="search"]';

/** `/` focuses the view's search box; views without one hand over to the Signals view's. */
async function focusSearch(): Promise<void> {
  const field = document.querySelector<HTMLInputElement>(SEARCH);
  if (field) {
    field.focus();
    return;
  }
  // A form with unsaved changes in this view may keep the analyst here.
  if (!(await route.go('signals'))) return;
  const main = document.getElementById('main');
  if (!main) return;
  const watch = new MutationObserver(() => {
    const found = document.querySelector<HTMLInputElement>(SEARCH);
    // The address already names the Signals view; the view itself follows it a moment later.
    if (found || parseHash(location.hash).view !== 'signals') watch.disconnect();
    found?.focus();
  });
  watch.observe(main, { childList: true, subtree: true });
}

let shortcuts: ReturnType<typeof mount> | null = null;

/** `?`: the list of shortcuts, in a dialog of its own, taken down when closed. */
function showShortcuts(): void {
  if (shortcuts) return;
  shortcuts = mount(ShortcutsDialog, {
    target: document.body,
    props: {
      onclose: () => {
        if (shortcuts) void unmount(shortcuts);
        shortcuts = null;
      },
    },
  });
}

export function run(action: Exclude<ShortcutAction, 'log-signal'>): void {
  if (action === 'search') void focusSearch();
  else if (action === 'help') showShortcuts();
  else void undoLast();
}
