/**
 * The offline copy: registers the service worker that vite-plugin-pwa builds
 * (`sw.js`, beside index.html, precaching the whole build; see pwa.config.ts) and
 * offers a new build when one is deployed, instead of switching under the analyst.
 *
 * Service workers exist only in secure contexts: https, or localhost. Served over
 * plain http from another host, the app works online only (docs/DEPLOY.md).
 */
import { appUpdate } from '../state/app-update.svelte';
import { notices } from '../state/notices.svelte';

/** What the generated worker listens for before it takes over from the old one. */
const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

export async function startOffline(): Promise<void> {
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  // The dev server builds no worker; an insecure context has no `serviceWorker`.
  if (!import.meta.env.PROD || !container) return;

  let asked = false;
  let controlled = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    if (asked) location.reload();
    // Another tab took the new version: this tab still runs the old code, whose
    // lazily loaded parts the new cache no longer holds. Offer the reload.
    else if (controlled) appUpdate.offer(() => location.reload());
    // The first visit's page is claimed by the worker just installed: nothing changed.
    controlled = true;
  });

  const offer = (worker: ServiceWorker) =>
    appUpdate.offer(() => {
      asked = true;
      worker.postMessage(SKIP_WAITING);
    });

  let registration: ServiceWorkerRegistration;
  try {
    // Relative to the page, so the build works from any path (`/tools/parallax/`).
    registration = await container.register('./sw.js');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    notices.error(
      `Parallax could not keep an offline copy (${reason}). It works while this server is reachable.`,
    );
    return;
  }

  // A version installed while no tab of this one was open waits already.
  if (registration.waiting && container.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      // Installed while an older version controls the page: a new build, waiting.
      if (worker.state === 'installed' && container.controller) offer(worker);
    });
  });

  // A tab kept open for days asks for a new build whenever the analyst comes back to it.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    // Offline, or the server down, the check fails: that is the normal case here.
    registration.update().catch(() => undefined);
  });
}
