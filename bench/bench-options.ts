// Small helpers the benchmarks share: a command-line option with a default (text, or a count), and the median of samples.

export function readOption(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** A count option (a whole number >= 1), else an error naming it. */
export function readCount(name: string, fallback: number): number {
  const value = Number(readOption(name, String(fallback)));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} takes a whole number >= 1`);
  return value;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
