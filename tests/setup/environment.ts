// The conditions every test runs under, shared by vitest.config.ts and the e2e harness.

/** The window every browser test and e2e page gets. */
export const VIEWPORT = { width: 1280, height: 800 } as const;

// Two time zones on opposite sides of UTC, so a calendar date that drifts through a
// Date in either direction fails a test (PRODUCT.md §7).

/** Unit tests run east of UTC, where local midnight falls on the previous UTC day. */
export const UNIT_TIME_ZONE = 'Asia/Tokyo';

/** Browser and e2e tests run west of UTC, where UTC midnight falls on the previous local day. */
export const BROWSER_TIME_ZONE = 'America/Los_Angeles';
