import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.mjs';
import { BROWSER_TIME_ZONE, UNIT_TIME_ZONE, VIEWPORT } from './tests/setup/environment.ts';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'node',
            include: ['tests/unit/**/*.test.ts'],
            setupFiles: ['tests/setup/unit.ts'],
            env: { TZ: UNIT_TIME_ZONE },
          },
        },
        {
          extends: true,
          // Pre-bundled up front: a dependency found mid-run makes Vite reload the
          // page under a running browser test.
          optimizeDeps: {
            include: [
              'chart.js',
              'chartjs-plugin-annotation',
              'chartjs-plugin-zoom',
              'dexie',
              'papaparse',
              'valibot',
              'vitest-browser-svelte',
            ],
          },
          test: {
            name: 'browser',
            include: ['tests/browser/**/*.test.ts'],
            setupFiles: ['tests/setup/browser.ts'],
            browser: {
              enabled: true,
              headless: true,
              viewport: VIEWPORT,
              provider: playwright({
                launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] },
                contextOptions: {
                  viewport: VIEWPORT,
                  deviceScaleFactor: 1,
                  locale: 'en-US',
                  timezoneId: BROWSER_TIME_ZONE,
                },
              }),
              instances: [{ browser: 'chromium' }],
            },
          },
        },
        {
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['tests/e2e/**/*.e2e.ts'],
            globalSetup: ['tests/setup/e2e-global.ts'],
            // One Chromium at a time: the machine has two cores and the app under test
            // is the production build, served once for all files.
            fileParallelism: false,
            // ...and only after the unit and browser projects have finished.
            sequence: { groupOrder: 1 },
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  }),
);
