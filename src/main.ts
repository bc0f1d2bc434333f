import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import './print';

const target = document.getElementById('app');
if (!target) throw new Error('Parallax needs an element with id "app" to mount into.');
// The app replaces what index.html shows where it cannot start.
target.replaceChildren();

export default mount(App, { target });
