import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Runes everywhere in our code: no legacy reactive statements or `export let`.
    runes: true,
  },
  vitePlugin: {
    // Libraries may ship legacy-mode components (vitest-browser-svelte's wrapper does);
    // for those, let Svelte infer the mode instead of forcing runes.
    dynamicCompileOptions: ({ filename }) =>
      filename.includes('/node_modules/') ? { runes: undefined } : undefined,
  },
};
