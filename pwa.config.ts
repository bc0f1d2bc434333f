import type { VitePWAOptions } from 'vite-plugin-pwa';
import packageJson from './package.json' with { type: 'json' };

/**
 * The service worker and the web app manifest (vite-plugin-pwa on Workbox).
 *
 * - Every file of the build is precached, lazily loaded views and the import worker
 *   included, so after one visit the app starts and works with no server at all.
 * - A new build waits (`registerType: 'prompt'`): the app offers `Update now`
 *   instead of swapping its code under the analyst (src/lib/services/offline.ts).
 * - Nothing is injected into index.html but the manifest link: the worker is
 *   registered from a bundled module, so the CSP needs no inline script.
 * - Paths are relative to the service worker, which sits beside index.html, so the
 *   build works from any path of any static server.
 */
export const PWA_OPTIONS: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  injectRegister: false,
  filename: 'sw.js',
  // The glob below already takes every icon; listing them again would duplicate entries.
  includeManifestIcons: false,
  manifest: {
    name: 'Parallax',
    short_name: 'Parallax',
    description: packageJson.description,
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#1f2937',
    lang: 'en',
    icons: [
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    // Routes are in the hash (#/signals), so every page is index.html itself, which
    // the precache answers for `./` too. No fallback for other navigations: files
    // served beside the app (a benchmark page, a report) stay the server's.
    navigateFallback: null,
    // The first visit's page comes under the worker as soon as it is active, so a
    // view first opened later in that visit loads from the cache too. A new
    // version still waits until the analyst chooses `Update now`.
    clientsClaim: true,
    skipWaiting: false,
    cleanupOutdatedCaches: true,
  },
};
