import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import './print';
import { resyncWhenShown } from './lib/db/changes';
import { db } from './lib/db/database';
import { storage } from './lib/state/storage.svelte';

// Before anything reads the database: a newer Parallax's data is neither read nor written.
// A browser that cannot list its databases leaves the check to the upgrade rules.
if (await db.refuseIfNewer().catch(() => null)) storage.noteNewer();
resyncWhenShown();

const target = document.getElementById('app');
if (!target) throw new Error('Parallax needs an element with id "app" to mount into.');
// The app replaces what index.html shows where it cannot start.
target.replaceChildren();

export default mount(App, { target });
