// The parents of each node as compressed rows, built from (child, parent) pairs: what the counting walks go up by.

/** Parents of node v are `parents[start[v] .. start[v + 1])`, in pair order. */
export interface ParentRows {
  start: Int32Array;
  parents: Int32Array;
}

/** The pairs of `nodes` nodes, only declared ones unless `includeInferred`. */
export function parentRows(
  nodes: number,
  pairs: { child: readonly number[]; parent: readonly number[]; declared: readonly boolean[] },
  includeInferred: boolean,
): ParentRows {
  const start = new Int32Array(nodes + 1);
  for (let i = 0; i < pairs.child.length; i++) {
    if (includeInferred || pairs.declared[i]) start[pairs.child[i] + 1]++;
  }
  for (let v = 0; v < nodes; v++) start[v + 1] += start[v];
  const parents = new Int32Array(start[nodes]);
  const fill = start.slice(0, nodes);
  for (let i = 0; i < pairs.child.length; i++) {
    if (includeInferred || pairs.declared[i]) parents[fill[pairs.child[i]]++] = pairs.parent[i];
  }
  return { start, parents };
}
