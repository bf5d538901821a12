// What a model's own id says about its parent: "X-GGUF" is a quantization of X, "org/X-Instruct" a fine-tune of org/X.
import type { Relation } from "../types";
import { foldModelName, modelName, modelOwner } from "./infer-hub-ids";

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
