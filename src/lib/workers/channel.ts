import { ImportCancelledError } from '../db/backup';

type Progress = { type: 'progress'; step: string; done: number; total: number };
type Handler<Request> = (request: Request) => Promise<void>;

/**
 * A worker that answers one request at a time with one reply, posting
 * progress along the way. Where no Worker exists (Node under test) the same
 * handler runs in-thread.
 */
export class WorkerChannel<Request extends { type: string }, Reply extends { type: string }> {
  #worker: Worker | null = null;
  #inThread: Promise<Handler<Request>> | null = null;
  #pending: { resolve: (answer: Exclude<Reply, Progress>) => void; reject: (error: Error) => void } | null =
    null;
  #onProgress: ((step: Extract<Reply, Progress>['step'], done: number, total: number) => void) | null = null;

  /**
   * `start` creates the worker; `inThread` loads the handler for where no
   * worker exists. Each names its module itself, so that the bundler sees the
   * worker's URL and the page's own bundle never carries the worker's code.
   */
  constructor(
    start: () => Worker,
    inThread: () => Promise<(post: (reply: Reply) => void) => Handler<Request>>,
    readonly name: string,
  ) {
    const receive = (reply: Reply) => this.#receive(reply);
    if (typeof Worker === 'undefined') {
      this.#inThread = inThread().then((create) => create(receive));
      return;
    }
    this.#worker = start();
    this.#worker.onmessage = (event: MessageEvent<Reply>) => receive(event.data);
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(new Error(`the ${name} stopped (${event.message || 'it could not start'})`));
    };
  }

  request(
    request: Request,
    onProgress: (step: Extract<Reply, Progress>['step'], done: number, total: number) => void,
  ): Promise<Exclude<Reply, Progress>> {
    if (this.#pending) return Promise.reject(new Error(`the ${this.name} is already busy`));
    this.#onProgress = onProgress;
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.send(request);
    });
  }

  /** Ends the work under way: the request answers with an ImportCancelledError. */
  stop(): void {
    this.#fail(new ImportCancelledError());
    this.dispose();
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#inThread = null;
  }

  send(request: Request): void {
    if (this.#worker) this.#worker.postMessage(request);
    else void this.#inThread?.then((handle) => handle(request));
  }

  #receive(reply: Reply): void {
    if (reply.type === 'progress') {
      const { step, done, total } = reply as unknown as Extract<Reply, Progress>;
      this.#onProgress?.(step, done, total);
      return;
    }
    const pending = this.#pending;
    this.#pending = null;
    pending?.resolve(reply as Exclude<Reply, Progress>);
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(error);
  }
}
