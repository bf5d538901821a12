// A reproducible synthetic model family (a GraphSlice as GET /api/graph answers it) for the client benchmark.
import type { GraphSlice, Relation } from "../server/contract/types";
import { createRandom } from "../replay/prng";

/** Relation shares close to the SmolLM2 sample of the paper's Hub graph (adapters half, the rest fine-tunes/quants). */
function pickRelation(random: () => number): Relation {
  const r = random();
  if (r < 0.48) return "adapter";
  if (r < 0.76) return "finetune";
  if (r < 0.97) return "quantized";
  return "merge";
}

/**
 * A family of `size` models below `root`: each new model picks its parent with a preference for models that
 * already have children (as real families grow around a few popular fine-tunes), at most `maxDepth` deep.
 */
export function createSyntheticFamily(root: string, size: number, seed = 42, maxDepth = 6): GraphSlice {
  const random = createRandom(seed);
  const ids = [root];
  const generation = [0];
  const parentOf: number[] = [-1];
  const relation: (Relation | null)[] = [null];
  const childCount = [0];
  // Each entry is a ticket for a parent: a model gets one when created and one more per child (preferential).
  const tickets = [0];
  for (let i = 1; i < size; i++) {
    let parent = tickets[Math.floor(random() * tickets.length)];
    if (generation[parent] >= maxDepth) parent = 0;
    const rel = generation[parent] > 0 && relation[parent] === "quantized" ? "quantized" : pickRelation(random);
    ids.push(`org-${i % 997}/model-${i}-${rel}`);
    generation.push(generation[parent] + 1);
    parentOf.push(parent);
    relation.push(rel);
    childCount.push(0);
    childCount[parent]++;
    // Quantizations and adapters are leaves in practice: only fine-tunes and merges become parents.
    if (rel === "finetune" || rel === "merge") tickets.push(i, i);
    tickets.push(parent);
  }
  const descendants = new Array<number>(size).fill(0);
  for (let i = size - 1; i > 0; i--) descendants[parentOf[i]] += descendants[i] + 1;
  return {
    attributes: { root, truncated: false, omitted: [], total: size },
    options: { type: "directed", multi: false, allowSelfLoops: true },
    nodes: ids.map((id, i) => ({
      key: id,
      attributes: {
        label: id,
        author: id.split("/")[0],
        relation: relation[i],
        descendants: descendants[i],
        downloads: Math.floor(10 ** (random() * 5)),
        likes: Math.floor(10 ** (random() * 2)),
        createdAt: new Date(Date.UTC(2024, Math.floor(random() * 12), 1 + Math.floor(random() * 27))).toISOString(),
        generation: generation[i],
        hasHiddenChildren: false,
        license: null,
        licenseFamily: null,
      },
    })),
    edges: ids.slice(1).map((id, index) => ({
      key: `e${index + 1}`,
      source: ids[parentOf[index + 1]],
      target: id,
      attributes: {
        relation: relation[index + 1],
        source: random() < 0.05 ? "inferred" : "tag",
        confidence: 1,
        licenseChange: null,
      },
    })),
  };
}
