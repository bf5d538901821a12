// Expected crawl result from served records alone: the models reachable from the roots and every edge their tags
// declare.
import type { Relation } from "../lineage/types";
import { parseBaseModelTags } from "./base-model-tags";

export interface GroundTruthEdge {
  parent: string;
  child: string;
  relation: Relation | null;
}

export interface LineageGroundTruth {
  /** Served models reachable down from the roots (children by tags) or up (parents by tags), in the Hub's spelling. */
  models: string[];
  /** Every lineage tag pair of those models, the parent spelled as declared (it may be a model that is not served). */
  edges: GroundTruthEdge[];
  byRelation: Record<Relation | "untyped", number>;
}

/** Ids compare case-insensitively, as on the Hub. */
export function computeLineageGroundTruth(
  records: Iterable<{ id: string; tags?: readonly string[] }>,
  roots: readonly string[],
): LineageGroundTruth {
  const byId = new Map<string, { id: string; parents: ReturnType<typeof parseBaseModelTags> }>();
  const children = new Map<string, string[]>();
  for (const record of records) {
    const parents = parseBaseModelTags(record.tags ?? []);
    byId.set(record.id.toLowerCase(), { id: record.id, parents });
    for (const parent of parents) {
      const key = parent.id.toLowerCase();
      children.set(key, [...(children.get(key) ?? []), record.id.toLowerCase()]);
    }
  }
  const reached = new Set<string>();
  const walk = (start: string, next: (key: string) => string[]): void => {
    const stack = [start.toLowerCase()];
    const seen = new Set<string>();
    while (stack.length) {
      const key = stack.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      if (byId.has(key)) reached.add(key);
      stack.push(...next(key));
    }
  };
  for (const root of roots) {
    walk(root, (key) => children.get(key) ?? []);
    walk(root, (key) => byId.get(key)?.parents.map((p) => p.id.toLowerCase()) ?? []);
  }
  const models = [...reached].map((key) => byId.get(key)!.id).sort();
  const edges: GroundTruthEdge[] = [];
  const byRelation: Record<Relation | "untyped", number> = {
    finetune: 0,
    adapter: 0,
    quantized: 0,
    merge: 0,
    untyped: 0,
  };
  for (const key of reached) {
    const { id, parents } = byId.get(key)!;
    for (const parent of parents) {
      edges.push({ parent: parent.id, child: id, relation: parent.relation });
      byRelation[parent.relation ?? "untyped"]++;
    }
  }
  return { models, edges, byRelation };
}
