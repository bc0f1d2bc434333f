import { WorkerChannel } from './channel';
import type { EventsReply, EventsRequest } from './events-protocol';

export type EventsAnswer = Exclude<EventsReply, { type: 'progress' }>;

/** One event file's worker (see `events-handler.ts` for its work). Cancel ends it. */
export class EventsWorker extends WorkerChannel<EventsRequest, EventsReply> {
  constructor() {
    super(
      () => new Worker(new URL('./events.worker.ts', import.meta.url), { type: 'module' }),
      () => import('./events-handler').then((m) => m.createEventsHandler),
      'events worker',
    );
  }
}
