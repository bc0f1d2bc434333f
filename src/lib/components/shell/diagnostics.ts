/**
 * The text `Copy diagnostics` puts on the clipboard: what failed, where and when,
 * the original stack, and every error it wraps (Dexie's `inner`, a `cause`), so a
 * bug report carries what the analyst saw and what the code threw.
 */
export interface DiagnosticsContext {
  where: string;
  at: Date;
  url: string;
  userAgent: string;
}

export function diagnostics(error: unknown, context: DiagnosticsContext): string {
  const lines = [
    'Parallax diagnostics',
    `when: ${context.at.toISOString()}`,
    `where: ${context.where}`,
    `page: ${context.url}`,
    `browser: ${context.userAgent}`,
    '',
  ];
  let current: unknown = error;
  // A chain is short; the bound stops a cycle (an error that wraps itself).
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (depth > 0) lines.push('', 'caused by:');
    lines.push(...describe(current));
    const e = current as { inner?: unknown; cause?: unknown };
    current = typeof current === 'object' ? (e.inner ?? e.cause) : undefined;
  }
  return lines.join('\n');
}

function describe(error: unknown): string[] {
  if (!(error instanceof Error)) {
    let text: string;
    try {
      text = typeof error === 'string' ? error : JSON.stringify(error);
    } catch {
      text = String(error);
    }
    return [`thrown: ${text}`];
  }
  const head = `${error.name}: ${error.message}`;
  const stack = error.stack ?? '';
  // V8 starts the stack with the name and message; other engines do not.
  return [stack.startsWith(head) ? stack : `${head}\n${stack}`.trimEnd()];
}

/** The one sentence shown for an error of any kind. */
export function headline(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' && error ? error : 'an unexpected error occurred';
}
