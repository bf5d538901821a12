// Which models of a graph slice stay within its node budget: the most significant, connected to the focus.

/**
 * Which models stay within `limit` (a 0/1 flag per found model, numbered 0 = the focus, then descendants
 * 1..descendantCount, then ancestors): the focus, then the nearest ancestors (at most half the budget when
 * descendants compete for it), then descendants best-first along the spanning tree `treeParent` — a model is
 * considered only once its tree parent is kept, so the slice stays connected to the focus. `isMore` orders by
 * significance: descendant count, then downloads, then id (for a stable answer).
 */
export function chooseKept(
  n: number,
  treeParent: ArrayLike<number>,
  descendantCount: number,
  ancestors: number[],
  limit: number,
  isMore: (a: number, b: number) => boolean,
): Uint8Array {
  const kept = new Uint8Array(n);
  if (n <= limit) return kept.fill(1);
  kept[0] = 1;
  let count = 1;
  const budget = limit - 1;
  const ancestorBudget = Math.min(ancestors.length, budget - Math.min(descendantCount, Math.floor(budget / 2)));
  for (const i of ancestors.slice(0, ancestorBudget)) {
    kept[i] = 1;
    count++;
  }

  // Children along the spanning tree, as compressed rows: children[start[v] .. start[v + 1]).
  const start = new Int32Array(n + 1);
  for (let i = 1; i <= descendantCount; i++) start[treeParent[i] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const children = new Int32Array(start[n]);
  const fill = start.slice(0, n);
  for (let i = 1; i <= descendantCount; i++) children[fill[treeParent[i]]++] = i;

  const heap = new ObjectHeap<number>(isMore);
  for (let k = start[0]; k < start[1]; k++) heap.push(children[k]);
  while (count < limit && heap.size) {
    const v = heap.pop();
    kept[v] = 1;
    count++;
    for (let k = start[v]; k < start[v + 1]; k++) heap.push(children[k]);
  }
  return kept;
}

/** A binary max-heap under `isMore`. */
class ObjectHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly isMore: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.isMore(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): T {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as T;
    if (items.length) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && this.isMore(items[left], items[best])) best = left;
        if (right < items.length && this.isMore(items[right], items[best])) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}
