import { WorkerChannel } from './channel';
import type { ImportStep, WorkerReply, WorkerRequest } from './protocol';

export type Answer = Exclude<WorkerReply, { type: 'progress' }>;
export type ProgressListener = (step: ImportStep, done: number, total: number) => void;

/** One import's worker (see `import-handler.ts` for its work). */
export class ImportWorker extends WorkerChannel<WorkerRequest, WorkerReply> {
  constructor() {
    super(
      () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }),
      () => import('./import-handler').then((m) => m.createImportHandler),
      'import worker',
    );
  }

  /**
   * Asks a write under way to stop: it rolls back, and the request answers
   * with an ImportCancelledError. Reading, parsing and checking cannot be
   * interrupted from outside, so the worker is ended instead.
   */
  cancel(writing: boolean): void {
    if (writing) this.send({ type: 'cancel' });
    else this.stop();
  }
}
