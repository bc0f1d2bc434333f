/**
 * The events worker: reads event files off the main thread, posting progress
 * as it goes (see `events-handler.ts` for the work itself).
 */
import { createEventsHandler } from './events-handler';
import type { EventsReply, EventsRequest } from './events-protocol';

interface WorkerScope {
  postMessage(message: EventsReply): void;
  onmessage: ((event: MessageEvent<EventsRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = createEventsHandler((reply) => scope.postMessage(reply));
scope.onmessage = (event) => void handle(event.data);
