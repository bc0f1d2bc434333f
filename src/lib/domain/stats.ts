/** Small statistics the measures need: Student's t quantile and a median. */

/** t₀.₉₅ for 1–30 degrees of freedom, to four decimals (standard tables). */
const T95 = [
  6.3138, 2.92, 2.3534, 2.1318, 2.015, 1.9432, 1.8946, 1.8595, 1.8331, 1.8125, 1.7959, 1.7823, 1.7709, 1.7613,
  1.7531, 1.7459, 1.7396, 1.7341, 1.7291, 1.7247, 1.7207, 1.7171, 1.7139, 1.7109, 1.7081, 1.7056, 1.7033,
  1.7011, 1.6991, 1.6973,
];

/** The standard normal's 95th percentile. */
const Z95 = 1.6448536269514722;

/**
 * The 95th percentile of Student's t with `df` degrees of freedom: the
 * multiplier of a two-sided 90% interval. From the table up to 30; above, the
 * Cornish–Fisher expansion in 1/df to the fourth term, within 1e-7 of the exact
 * value from 30 on (and nearer as df grows).
 */
export function studentT95(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  if (df <= 30 && Number.isInteger(df)) return T95[df - 1];
  const z = Z95;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** The median of numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
