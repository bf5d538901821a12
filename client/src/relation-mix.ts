// The relation mix per generation of a family (how many fine-tunes, adapters, quantizations, merges each
// generation holds), from the view's graph. Pure.
import type { Relation } from "../../server/contract/types";

export type RelationMixKey = Relation | "unknown";

export interface GenerationMix {
  generation: number;
  total: number;
  counts: Record<RelationMixKey, number>;
}

const empty = (): Record<RelationMixKey, number> => ({ finetune: 0, adapter: 0, quantized: 0, merge: 0, unknown: 0 });

/** One row per descendant generation (1, 2, …) that holds a model, in order. */
export function relationMixByGeneration(
  models: Iterable<{ generation: number; relation: Relation | null }>,
): GenerationMix[] {
  const rows = new Map<number, GenerationMix>();
  for (const { generation, relation } of models) {
    if (generation <= 0) continue;
    let row = rows.get(generation);
    if (!row) {
      row = { generation, total: 0, counts: empty() };
      rows.set(generation, row);
    }
    row.total++;
    row.counts[relation ?? "unknown"]++;
  }
  return [...rows.values()].sort((a, b) => a.generation - b.generation);
}
