/**
 * @module retrieval/sorted
 * Lookup in ascending lists of numbers (postings of document or product numbers, which grow in order).
 */

/** Where `value` sits in an ascending list, or -1 (binary search: a common word's list is long). */
export function indexInSorted(list: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list[mid] as number;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
