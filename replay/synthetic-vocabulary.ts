// The codes (relations, flags) and the words that synthetic models and their names are made of.
import type { Relation } from "../lineage/types";

export const NONE = 0;
export const FINETUNE = 1;
export const ADAPTER = 2;
export const QUANTIZED = 3;
export const MERGE = 4;
export const RELATION_NAMES: (Relation | null)[] = [null, "finetune", "adapter", "quantized", "merge"];

export const RENAMED = 1;
export const STALE_CARD = 2;
export const PLACEHOLDER = 4;

export const ORGS = [
  "Acme-AI",
  "OpenWeights",
  "NeuralForge",
  "DeepLattice",
  "TinyStack",
  "CoralLabs",
  "NorthStar-ML",
  "Quantly",
  "MergeKitchen",
  "LoraLoft",
  "BitShift",
  "Polyglot-NLP",
  "SkyCompute",
  "FieldMind",
  "RiverAI",
  "EdgeInfer",
];
export const USER_PREFIXES = ["user", "Dev", "the", "AI-", "lab", "Team", "ml"];
export const STEMS = [
  "Lumen",
  "Corvid",
  "Atlas",
  "Nimbus",
  "Kestrel",
  "Quill",
  "Marlin",
  "Sable",
  "Tundra",
  "Vireo",
  "Zephyr",
  "Onyx",
];
export const SIZES = ["0.5B", "1.5B", "3B", "7B", "8B", "14B", "32B", "70B"];
export const WORDS = ["experiment", "test-model", "my-model", "classifier", "demo", "checkpoint", "run", "baseline"];
export const SUFFIXES: Record<number, string[]> = {
  [FINETUNE]: ["Instruct", "SFT", "DPO", "chat", "ft", "it"],
  [ADAPTER]: ["lora", "LoRA-r16", "qlora", "adapter"],
  [QUANTIZED]: ["GGUF", "AWQ", "GPTQ-4bit", "bnb-4bit", "Q4_K_M-GGUF", "8bit"],
  [MERGE]: ["merge", "slerp", "ties", "dare-merge"],
};
