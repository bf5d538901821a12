// The documented rule that names a child's relation to its declared parents when the card gives no
// `base_model_relation`. First match wins:
//   1. several distinct parents                                   -> merge
//   2. a quantization marker in the child's tags, library or id,
//      or a `quantized_by` key in its card                         -> quantized
//   3. an adapter marker (peft, lora, adapter) in the same places  -> adapter
//   4. a merge marker (merge, mergekit) in the same places         -> merge   (one parent listed, e.g. a self-merge)
//   5. otherwise                                                   -> finetune
// Markers are whole words of the child's own tags, library and id. The parents' ids are never looked at: a
// fine-tune of `unsloth/...-bnb-4bit` is a fine-tune. Namespaced tags (`base_model:...`, `dataset:...`) are
// skipped for the same reason: they name other repos.
import type { Relation } from "../types";

export interface RelationClues {
  /** Distinct parents declared. */
  parentCount: number;
  tags?: readonly string[];
  libraryName?: string | null;
  /** The child's own Hub id. */
  id?: string | null;
  /** True when the card has a `quantized_by` key, which only quantizers write. */
  hasQuantizedBy?: boolean;
}

const QUANTIZED_WORDS = new Set([
  "gguf",
  "ggml",
  "gptq",
  "awq",
  "exl2",
  "exl3",
  "hqq",
  "bnb",
  "bitsandbytes",
  "quantized",
  "llamacpp",
  "imatrix",
  "int4",
  "int8",
  "nf4",
  "fp8",
]);
/** `4bit`, `8-bit`, `3bits` (MLX and bitsandbytes re-uploads). */
const BIT_WIDTH = /^[2-8]-?bits?$/;
const ADAPTER_WORDS = new Set(["peft", "lora", "qlora", "dora", "lycoris", "adapter", "adapters"]);
const MERGE_WORDS = new Set(["merge", "mergekit", "lazymergekit"]);

/** Lower-case words of the child's own labels; `bit` widths keep their hyphen so `4-bit` stays one word. */
function wordsOf(clues: RelationClues): string[] {
  const labels = [...(clues.tags ?? []).filter((tag) => !tag.includes(":")), clues.libraryName ?? "", clues.id ?? ""];
  return labels.flatMap((label) =>
    label
      .toLowerCase()
      .split(/[^a-z0-9-]+|(?<!\d)-|-(?!bit)/)
      .filter(Boolean),
  );
}

export function inferRelationRule(clues: RelationClues): Relation {
  if (clues.parentCount > 1) return "merge";
  const words = wordsOf(clues);
  if (clues.hasQuantizedBy || words.some((w) => QUANTIZED_WORDS.has(w) || BIT_WIDTH.test(w))) return "quantized";
  if (words.some((w) => ADAPTER_WORDS.has(w))) return "adapter";
  if (words.some((w) => MERGE_WORDS.has(w))) return "merge";
  return "finetune";
}
