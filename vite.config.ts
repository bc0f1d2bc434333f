import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { PWA_OPTIONS } from './pwa.config.ts';

/**
 * The policy the built app runs under (PRODUCT.md §7): no inline script or style, no
 * other origin. Chart.js and Svelte set styles through the CSSOM, which CSP allows;
 * a literal `style="…"` attribute in markup would be blocked. This is the one
 * definition: the <meta> tag carries it as is, the response header adds what only a
 * header can say (docs/SECURITY.md).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The headers `vite preview` (and so `npm start`) sends with every response, the page
 * and the worker scripts alike: a worker runs under the policy of its own response,
 * not the page's <meta>. `frame-ancestors` is ignored (with a console error) in a
 * <meta>, so it is added here only.
 */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/**
 * Adds the policy as a <meta> right after the charset, at build time only: the dev
 * server injects inline scripts for hot reload, which the policy would block.
 */
function contentSecurityPolicy(): Plugin {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
  return {
    name: 'parallax:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('index.html needs a <meta charset> to place the CSP after');
        return html.replace(charset, (tag) => `${tag}\n    ${meta}`);
      },
    },
  };
}

/**
 * The modules the page's entry imports statically, found once the module graph is
 * complete (before chunks are made): every one of them runs on the first page.
 * Left to itself the bundler gives each module that a lazy view shares with the
 * first page a small chunk of its own, some thirty files of which each is
 * compressed apart from the rest; one chunk of them all compresses better (about
 * 7 KB gzip of the first page's 140 KB budget).
 */
function firstPageGraph(): { plugin: Plugin; has: (id: string) => boolean } {
  const ids = new Set<string>();
  return {
    has: (id) => ids.has(id),
    plugin: {
      name: 'parallax:first-page-graph',
      apply: 'build',
      buildEnd() {
        ids.clear();
        const entries = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
        const stack = entries.flatMap((id) => this.getModuleInfo(id)?.importedIds ?? []);
        while (stack.length) {
          const id = stack.pop()!;
          if (ids.has(id) || entries.includes(id)) continue;
          ids.add(id);
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      },
    },
  };
}

const firstPage = firstPageGraph();

export default defineConfig({
  // Relative asset paths: the build runs from any path of any static server (docs/DEPLOY.md).
  base: './',
  plugins: [svelte(), contentSecurityPolicy(), firstPage.plugin, VitePWA(PWA_OPTIONS)],
  build: {
    target: 'es2022',
    // Every browser the target admits supports <link rel="modulepreload">.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Chart.js keeps scales nobody registers (logarithmic, radial, timeseries) only
      // because their static defaults read a property, which could be a getter with a
      // side effect; no module the app bundles relies on reading a property for its
      // effect, so such reads are dropped when nothing uses them (3.8 KB gzip).
      treeshake: { propertyReadSideEffects: false },
      output: {
        // Everything the first page runs, Chart.js, Svelte and Dexie included, in one
        // chunk with the entry, which keeps the entry's name (index-*.js); the lazy
        // views and chart plugins import from it.
        codeSplitting: { groups: [{ name: 'index', test: (id) => firstPage.has(id) }] },
      },
    },
  },
  preview: {
    port: 4173,
    strictPort: true,
    headers: { ...SECURITY_HEADERS },
  },
});
