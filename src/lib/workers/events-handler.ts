import { addCandidates } from '../db/inbox';
import { ActorCounter, CandidateFilter } from '../domain/events/candidates';
import { EventFileError, EventStream } from '../domain/events/stream';
import { IssueList } from '../domain/issues';
import { readEventFile } from './event-reader';
import type { EventsReply, EventsRequest, EventsStep } from './events-protocol';
import { errorData } from './error-data';

export type Post = (reply: EventsReply) => void;

/**
 * The events worker's work, apart from the worker itself so that it also runs
 * in-thread where no worker is available (Node under test).
 */
export function createEventsHandler(post: Post): (request: EventsRequest) => Promise<void> {
  const progress = (step: EventsStep) => {
    let last = -1;
    // Posting every chunk would flood the page; a step in a hundred is enough for a bar.
    return (done: number, total: number) => {
      const pct = total ? Math.floor((100 * done) / total) : 0;
      if (pct === last && done !== total) return;
      last = pct;
      post({ type: 'progress', step, done, total });
    };
  };

  return async (request) => {
    try {
      if (request.type === 'scan') {
        const counter = new ActorCounter();
        const issues = new IssueList();
        let rows = 0;
        const stream = new EventStream(request.name, {
          row(row) {
            rows++;
            counter.add(row);
          },
          issue(place, line, field, problem) {
            issues.add(place, field, problem, line);
          },
          glance(g) {
            rows++;
            counter.addPair(g.actor1, g.actor1Name, g.actor2, g.actor2Name);
            return true;
          },
        });
        await readEventFile(request.file, request.name, (text) => stream.push(text), progress('reading'));
        stream.end();
        return post({
          type: 'scanned',
          format: stream.format?.label ?? '',
          rows,
          actors: counter.list(),
          issues: issues.items,
          issueCount: issues.count,
        });
      }
      const filter = new CandidateFilter(request.mapping, { file: request.name, addedAt: request.now });
      let bad = 0;
      const stream = new EventStream(request.name, {
        row: (row) => filter.add(row),
        issue: () => void bad++,
        glance: (g) => filter.settleAtGlance(g.actor1, g.actor2),
      });
      await readEventFile(request.file, request.name, (text) => stream.push(text), progress('adding'));
      stream.end();
      post({ type: 'progress', step: 'writing', done: 0, total: filter.candidates.length });
      const outcome = await addCandidates(filter.candidates, filter.tally, bad, {
        actors: request.newActors,
        mappings: request.remember,
      });
      post({ type: 'added', outcome });
    } catch (error) {
      if (error instanceof EventFileError) return post({ type: 'rejected', summary: error.message });
      post({ type: 'failed', error: errorData(error) });
    }
  };
}
