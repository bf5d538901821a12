// A family in the /api/graph/columnar form for client specs: models m0, m1, ... linked by fine-tune tags.
import type { ColumnarGraphSlice } from "../../server/contract/types";

/**
 * `n` models m0..m(n-1) (m0 the root), each with a fine-tune link from its tags to `parentOf(k)` when that is not -1,
 * no licences, none with hidden children; `nodes` gives the per-model columns the spec cares about.
 */
export function finetuneFamily(
  n: number,
  parentOf: (k: number) => number,
  nodes: Pick<ColumnarGraphSlice["nodes"], "x" | "y" | "generation" | "descendants" | "downloads" | "subfamily">,
  labelled: number[] = [],
): ColumnarGraphSlice {
  const range = Array.from({ length: n }, (_, k) => k);
  const linked = range.filter((k) => parentOf(k) >= 0);
  return {
    attributes: { root: "m0", truncated: false, omitted: [], total: n },
    relationCodes: [null, "finetune"],
    licenseCodes: [],
    licenseChangeCodes: [],
    sourceCodes: ["tag"],
    nodes: {
      id: range.map((k) => `m${k}`),
      ...nodes,
      relation: range.map((k) => (k === 0 ? 0 : 1)),
      hasHiddenChildren: range.map(() => 0),
      license: range.map(() => -1),
    },
    labelled,
    edges: {
      parent: linked.map(parentOf),
      child: linked,
      relation: linked.map(() => 1),
      source: linked.map(() => 0),
      licenseChange: linked.map(() => -1),
    },
  };
}
