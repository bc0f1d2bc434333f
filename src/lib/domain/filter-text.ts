import { formatDate } from './dates';
import type { SignalFilter } from './table';

/**
 * The active filters in words, one phrase each (`certainty high or more`,
 * `from 1 Jun 2019`), for what a printed page or an exported chart states
 * about the signals it shows. Empty when nothing is filtered.
 */
export function describeFilter(filter: SignalFilter): string[] {
  const out: string[] = [];
  const query = filter.query?.trim();
  if (query) out.push(`text “${query}”`);
  if (filter.from) out.push(`from ${formatDate(filter.from)}`);
  if (filter.until) out.push(`until ${formatDate(filter.until)}`);
  if (filter.kind) out.push(`kind ${filter.kind}`);
  if (filter.tag) out.push(`tag “${filter.tag}”`);
  if (filter.minConfidence) {
    out.push(
      filter.minConfidence === 'high' ? 'certainty high' : `certainty ${filter.minConfidence} or more`,
    );
  }
  return out;
}
