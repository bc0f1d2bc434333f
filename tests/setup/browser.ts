import { Chart } from 'chart.js';

// Charts draw their final frame at once and at one pixel per CSS pixel, so a test
// reads what the analyst would see without waiting on animation (as Chart.js's own
// test setup does).
Chart.defaults.animation = false;
Chart.defaults.devicePixelRatio = 1;

// Every test file runs in the same browser profile, so IndexedDB outlives a file.
// Delete every database before the file's own modules load, so each file starts
// from an empty store whatever ran before it.
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    const timer = setTimeout(
      () => reject(new Error(`IndexedDB "${name}" stayed open in another test file; close it in afterAll`)),
      5_000,
    );
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new Error(`could not delete IndexedDB "${name}"`));
    };
  });
}

const databases = await indexedDB.databases();
await Promise.all(databases.flatMap(({ name }) => (name ? [deleteDatabase(name)] : [])));
