// The one binary search: the first index in [0, length) at which `isBefore` turns false (a sorted list's insertion
// point), for lists of any shape (arrays, typed arrays, parallel columns) behind an index predicate.

/** The first i in [0, length) with !isBefore(i), or `length`; `isBefore` must be true on a prefix, false after it. */
export function lowerBound(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isBefore(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
