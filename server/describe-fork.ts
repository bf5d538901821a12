// The words for where a fork sits in its family ("a direct fine-tune of X", "a quantization of X's family, 4
// generations below"), for the Atom feed; client/src/describe-fork.ts says the same in the client.
import type { Relation } from "../lineage/types";

const RELATION_NOUNS: Record<Relation, string> = {
  finetune: "fine-tune",
  adapter: "adapter",
  quantized: "quantization",
  merge: "merge",
};

/** The relation as a noun with its article: "a fine-tune", "an adapter"; "a derivative" when unknown. */
export function relationNoun(relation: Relation | null): string {
  const noun = relation === null ? "derivative" : RELATION_NOUNS[relation];
  return `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}

/**
 * The fork's place under its root. The relation is the one to its own parent, so below the first generation it
 * is said of the family, not of the root.
 */
export function describeForkPlace(relation: Relation | null, depth: number, root: string): string {
  if (depth <= 1) return `a direct ${relationNoun(relation).replace(/^an? /, "")} of ${root}`;
  return `${relationNoun(relation)} of ${root}'s family, ${depth} generations below`;
}
