import { ImportCancelledError } from '../db/backup';
import type { ImportStep, WorkerReply, WorkerRequest } from './protocol';

export type Answer = Exclude<WorkerReply, { type: 'progress' }>;
export type ProgressListener = (step: ImportStep, done: number, total: number) => void;

/**
 * One import's worker: a request at a time, answered by one reply, with
 * progress along the way. Where no Worker exists (Node under test) the same
 * handler runs in-thread.
 */
export class ImportWorker {
  #worker: Worker | null = null;
  #inThread: Promise<(request: WorkerRequest) => Promise<void>> | null = null;
  #pending: { resolve: (answer: Answer) => void; reject: (error: Error) => void } | null = null;
  #onProgress: ProgressListener | null = null;

  constructor() {
    const receive = (reply: WorkerReply) => this.#receive(reply);
    if (typeof Worker === 'undefined') {
      // Loaded only here, so the page's own bundle never carries the worker's code.
      this.#inThread = import('./import-handler').then(({ createImportHandler }) =>
        createImportHandler(receive),
      );
      return;
    }
    this.#worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (event: MessageEvent<WorkerReply>) => receive(event.data);
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(new Error(`the import worker stopped (${event.message || 'it could not start'})`));
    };
  }

  request(
    request: Exclude<WorkerRequest, { type: 'cancel' }>,
    onProgress: ProgressListener,
  ): Promise<Answer> {
    if (this.#pending) return Promise.reject(new Error('an import is already running'));
    this.#onProgress = onProgress;
    return new Promise<Answer>((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#send(request);
    });
  }

  /**
   * Asks a write under way to stop: it rolls back, and the request answers
   * with an ImportCancelledError. Reading, parsing and checking cannot be
   * interrupted from outside, so the worker is ended instead.
   */
  cancel(writing: boolean): void {
    if (writing) {
      this.#send({ type: 'cancel' });
      return;
    }
    this.#fail(new ImportCancelledError());
    this.dispose();
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#inThread = null;
  }

  #send(request: WorkerRequest): void {
    if (this.#worker) this.#worker.postMessage(request);
    else void this.#inThread?.then((handle) => handle(request));
  }

  #receive(reply: WorkerReply): void {
    if (reply.type === 'progress') {
      this.#onProgress?.(reply.step, reply.done, reply.total);
      return;
    }
    const pending = this.#pending;
    this.#pending = null;
    pending?.resolve(reply);
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(error);
  }
}
