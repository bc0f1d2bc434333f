import type { ErrorData } from './protocol';

/** An error as plain data, down the chain of errors it wraps. */
export function errorData(error: unknown, depth = 0): ErrorData {
  const e = error as {
    name?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  const data: ErrorData = {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
  // A failed bulk write is a BulkError listing each request's own error.
  const inner = e?.inner ?? e?.cause ?? (Array.isArray(e?.failures) ? e.failures[0] : undefined);
  if (inner && depth < 4) data.inner = errorData(inner, depth + 1);
  return data;
}
