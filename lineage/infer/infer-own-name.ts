// What a model's own id says about its parent: "X-GGUF" is a quantization of X, "org/X-Instruct" a fine-tune of org/X.
import type { Relation } from "../types";
import { MODEL_FAMILIES } from "./infer-families";
import { foldModelName, idKey, modelName, modelOwner } from "./infer-hub-ids";

export interface OwnNameFinding {
  relation: Relation | null;
  weight: number;
  text: string;
}

/** Suffixes quantizers and converters append to the name they start from ("-GGUF", "-GPTQ-Int4", "-bnb-4bit"). */
const QUANT_SUFFIX = new RegExp(
  "(?:[-_.](?:gguf|ggml|awq|gptq|exl2|bnb|[48]-?bits?|nf4|fp8|int[48]|w[48]a\\d+|quantized|quantised|i1|" +
    "imatrix|iq|mlx|onnx|llamafile|hqq|marlin|dynamic|weights|request|\\d+g|q\\d(?:_k)?(?:_[msl])?|f16|fp16|bf16|" +
    "\\d+(?:\\.\\d+)?bpw))+$",
  "i",
);

/** Suffixes of an instruction-tuned sibling published by the same owner as its base ("-Instruct", "-chat"). */
const TUNED_SUFFIX = /[-_](?:instruct|chat|it|sft|dpo|orpo|rlhf)$/i;

/** Weights: a quantizer's suffix is a near-certain tell; the other two need a mention to be worth predicting. */
const QUANT_NAME_WEIGHT = 0.6;
const TUNED_NAME_WEIGHT = 0.5;
const SAME_NAME_WEIGHT = 0.45;

export function hasQuantSuffix(id: string): boolean {
  return QUANT_SUFFIX.test(modelName(id));
}

/** Ids the own id suggests under the same owner (`org/X-GGUF` -> `org/X`, `org/X-Instruct` -> `org/X`). */
export function guessParentIds(selfId: string): string[] {
  const owner = modelOwner(selfId);
  if (owner === null) return [];
  const own = modelName(selfId);
  const stem = own.replace(QUANT_SUFFIX, "");
  // A quantization's parent is what it quantized; the tuned sibling's base would be a grandparent.
  const guess = stem !== own ? stem : own.replace(TUNED_SUFFIX, "");
  return guess !== own && guess.length > 0 ? [`${owner}/${guess}`] : [];
}

/** Family checkpoints by folded name, their former ids too (`Meta-Llama-3.1-8B` as the Hub first named it). */
const FAMILY_MEMBERS_BY_NAME: ReadonlyMap<string, string> = new Map(
  MODEL_FAMILIES.flatMap((family) => [
    ...Object.values(family.members).flatMap((member) => member.filter((id): id is string => id !== undefined)),
    ...Object.keys(family.formerIds ?? {}),
  ]).map((id) => [foldModelName(modelName(id)), id]),
);

/**
 * The family checkpoint a quantizer's name repeats whole (`unsloth/Llama-3.2-3B-bnb-4bit` -> `meta-llama/Llama-3.2-3B`),
 * whoever publishes the quantization; null otherwise.
 */
export function guessQuantizedFamilyMember(selfId: string): string | null {
  const own = modelName(selfId);
  const stem = own.replace(QUANT_SUFFIX, "");
  if (stem === own || stem.length === 0) return null;
  const id = FAMILY_MEMBERS_BY_NAME.get(foldModelName(stem));
  return id === undefined || idKey(id) === idKey(selfId) ? null : id;
}

/** Evidence the own id gives about `candidateId`, or null. */
export function readOwnName(selfId: string, candidateId: string): OwnNameFinding | null {
  const own = modelName(selfId);
  const candidate = foldModelName(modelName(candidateId));
  const stem = own.replace(QUANT_SUFFIX, "");
  if (stem !== own && stem.length > 0 && foldModelName(stem) === candidate) {
    return {
      relation: "quantized",
      weight: QUANT_NAME_WEIGHT,
      text: `own id ${selfId} is ${modelName(candidateId)} plus a quantization suffix`,
    };
  }
  const base = own.replace(TUNED_SUFFIX, "");
  const sameOwner = modelOwner(selfId)?.toLowerCase() === modelOwner(candidateId)?.toLowerCase();
  if (stem === own && base !== own && sameOwner && foldModelName(base) === candidate) {
    return {
      relation: "finetune",
      weight: TUNED_NAME_WEIGHT,
      text: `own id ${selfId} is the tuned sibling of ${candidateId}`,
    };
  }
  if (stem === own && !sameOwner && foldModelName(own) === candidate) {
    return { relation: null, weight: SAME_NAME_WEIGHT, text: `own id ${selfId} re-uses the name of ${candidateId}` };
  }
  return null;
}

/**
 * Below a statement: a family and size in the own name ("Hermes-2-Pro-Mistral-7B", "Llama-2-7b-chat-finetune")
 * most often name the checkpoint it was tuned from, but a fine-tune of a fine-tune keeps the family's name too.
 * A name that does not say base or chat of a family that has both ("llama-2-7b-pubmed") is a weaker hint.
 */
const FAMILY_NAME_WEIGHT = 0.3;
const FAMILY_NAME_UNSAID_VARIANT_WEIGHT = 0.2;

/**
 * The family member the own name names, with its size right after the family ("-7B") unless the family has one
 * member, and the instruction-tuned sibling when "-Instruct" / "-chat" / "-it" follows. Null for a quantizer's
 * name (its parent is the model it quantized, named by the rest of the name) or when no family is named.
 */
export function readFamilyInOwnName(selfId: string): { id: string; finding: OwnNameFinding } | null {
  if (hasQuantSuffix(selfId)) return null;
  // Family patterns are written for prose: an underscore would hide the word boundary before the family.
  const name = modelName(selfId).replace(/_/g, "-");
  for (const family of MODEL_FAMILIES) {
    const match = new RegExp(family.pattern.source, "i").exec(name);
    if (match === null) continue;
    const after = name.slice(match.index + match[0].length);
    const sized = /^-?(\d+(?:\.\d+)?)[bB](?![a-z])/.exec(after);
    const size = Object.keys(family.members).length === 1 ? "" : sized ? `${Number(sized[1])}B` : null;
    const member = size === null ? undefined : family.members[size];
    if (member === undefined) continue;
    const rest = sized ? after.slice(sized[0].length) : after;
    const isInstruct = /^-?(?:instruct|chat|it)(?![a-z])/i.test(rest);
    const id = isInstruct ? member[1] : member[0];
    if (id === undefined || idKey(id) === idKey(selfId)) continue;
    const isUnsaid = !isInstruct && member[1] !== undefined && !/^-?(?:base|hf)(?![a-z])/i.test(rest);
    return {
      id,
      finding: {
        relation: "finetune",
        weight: isUnsaid ? FAMILY_NAME_UNSAID_VARIANT_WEIGHT : FAMILY_NAME_WEIGHT,
        text: `own id ${selfId} names ${family.name}${size === "" ? "" : ` ${size}`}`,
      },
    };
  }
  return null;
}
