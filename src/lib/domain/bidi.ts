/**
 * Right-to-left letters and the explicit direction controls (embeddings,
 * overrides, isolates, marks): the characters that can reorder the text around
 * them. Text without any of them cannot, and is left exactly as it is.
 */
const REORDERS =
  /[\u0590-\u08FF\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * Analyst or file text, isolated for a place that takes a string, not markup (an
 * option label, an aria-label, a chart label, a message): wrapped in FIRST STRONG
 * ISOLATE … POP DIRECTIONAL ISOLATE, so an override inside it (`\u202Eevil`) ends
 * with it and never reorders the words that follow. Markup uses `<bdi>` instead.
 */
export function isolate(text: string): string {
  return REORDERS.test(text) ? `\u2068${text}\u2069` : text;
}
