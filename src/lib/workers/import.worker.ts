/**
 * The import worker: parses and checks files off the main thread, posting
 * progress as it goes (see `import-handler.ts` for the work itself).
 */
import { createImportHandler } from './import-handler';
import type { WorkerReply, WorkerRequest } from './protocol';

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = createImportHandler((reply) => scope.postMessage(reply));
scope.onmessage = (event) => void handle(event.data);
