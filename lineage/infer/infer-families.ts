// Known model families as data, and how a family named without a size ("built on Qwen2.5") resolves to a member.

/**
 * A family of base checkpoints. `members` maps a parameter size ("" for a family with one member) to the base
 * checkpoint and, when there is one, its instruction-tuned sibling. `shapes` are config.json dimensions of each
 * size as published in the members' own config files, so a config can tell the size when the card does not.
 * Ids are the Hub's current spelling.
 */
export interface ModelFamily {
  name: string;
  /** How prose names the family; lookaheads keep it off specialised siblings (Qwen2.5-Coder, Llama-2-chat...). */
  pattern: RegExp;
  members: Record<string, readonly [base: string, instruct?: string]>;
  modelType?: string;
  shapes?: Record<string, { hidden: number; layers: number; vocab?: number }>;
  /** Earlier ids of members, which the Hub now redirects (a renamed repository keeps its old id as an alias). */
  formerIds?: Record<string, string>;
}

export const MODEL_FAMILIES: readonly ModelFamily[] = [
  {
    name: "Qwen2.5",
    pattern: /\bqwen[\s-]?2\.5(?!\d)(?![\s-]*(?:coder|math|vl|omni|audio))/gi,
    members: {
      "0.5B": ["Qwen/Qwen2.5-0.5B", "Qwen/Qwen2.5-0.5B-Instruct"],
      "1.5B": ["Qwen/Qwen2.5-1.5B", "Qwen/Qwen2.5-1.5B-Instruct"],
      "3B": ["Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct"],
      "7B": ["Qwen/Qwen2.5-7B", "Qwen/Qwen2.5-7B-Instruct"],
      "14B": ["Qwen/Qwen2.5-14B", "Qwen/Qwen2.5-14B-Instruct"],
      "32B": ["Qwen/Qwen2.5-32B", "Qwen/Qwen2.5-32B-Instruct"],
      "72B": ["Qwen/Qwen2.5-72B", "Qwen/Qwen2.5-72B-Instruct"],
    },
    modelType: "qwen2",
    shapes: {
      "0.5B": { hidden: 896, layers: 24 },
      "1.5B": { hidden: 1536, layers: 28 },
      "3B": { hidden: 2048, layers: 36 },
      "7B": { hidden: 3584, layers: 28 },
      "14B": { hidden: 5120, layers: 48 },
      "32B": { hidden: 5120, layers: 64 },
      "72B": { hidden: 8192, layers: 80 },
    },
  },
  {
    name: "Qwen2",
    pattern: /\bqwen[\s-]?2(?!\.?\d)(?![\s-]*(?:vl|audio|math|moe))/gi,
    members: {
      "0.5B": ["Qwen/Qwen2-0.5B", "Qwen/Qwen2-0.5B-Instruct"],
      "1.5B": ["Qwen/Qwen2-1.5B", "Qwen/Qwen2-1.5B-Instruct"],
      "7B": ["Qwen/Qwen2-7B", "Qwen/Qwen2-7B-Instruct"],
      "72B": ["Qwen/Qwen2-72B", "Qwen/Qwen2-72B-Instruct"],
    },
    modelType: "qwen2",
    shapes: {
      "0.5B": { hidden: 896, layers: 24 },
      "1.5B": { hidden: 1536, layers: 28 },
      "7B": { hidden: 3584, layers: 28 },
      "72B": { hidden: 8192, layers: 80 },
    },
  },
  {
    name: "Qwen1.5",
    pattern: /\bqwen[\s-]?1\.5(?!\d)(?![\s-]*moe)/gi,
    members: {
      "0.5B": ["Qwen/Qwen1.5-0.5B", "Qwen/Qwen1.5-0.5B-Chat"],
      "1.8B": ["Qwen/Qwen1.5-1.8B", "Qwen/Qwen1.5-1.8B-Chat"],
      "4B": ["Qwen/Qwen1.5-4B", "Qwen/Qwen1.5-4B-Chat"],
      "7B": ["Qwen/Qwen1.5-7B", "Qwen/Qwen1.5-7B-Chat"],
      "14B": ["Qwen/Qwen1.5-14B", "Qwen/Qwen1.5-14B-Chat"],
      "32B": ["Qwen/Qwen1.5-32B", "Qwen/Qwen1.5-32B-Chat"],
      "72B": ["Qwen/Qwen1.5-72B", "Qwen/Qwen1.5-72B-Chat"],
      "110B": ["Qwen/Qwen1.5-110B", "Qwen/Qwen1.5-110B-Chat"],
    },
  },
  {
    name: "Llama 2",
    pattern: /\b(?:meta[\s-])?llama[\s-]?2(?!\.?\d)/gi,
    members: {
      "7B": ["meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-7b-chat-hf"],
      "13B": ["meta-llama/Llama-2-13b-hf", "meta-llama/Llama-2-13b-chat-hf"],
      "70B": ["meta-llama/Llama-2-70b-hf", "meta-llama/Llama-2-70b-chat-hf"],
    },
    modelType: "llama",
    shapes: {
      "7B": { hidden: 4096, layers: 32, vocab: 32000 },
      "13B": { hidden: 5120, layers: 40, vocab: 32000 },
      "70B": { hidden: 8192, layers: 80, vocab: 32000 },
    },
  },
  {
    name: "Llama 3",
    pattern: /\b(?:meta[\s-])?llama[\s-]?3(?!\.?\d)/gi,
    members: {
      "8B": ["meta-llama/Meta-Llama-3-8B", "meta-llama/Meta-Llama-3-8B-Instruct"],
      "70B": ["meta-llama/Meta-Llama-3-70B", "meta-llama/Meta-Llama-3-70B-Instruct"],
    },
    modelType: "llama",
    shapes: { "8B": { hidden: 4096, layers: 32, vocab: 128256 }, "70B": { hidden: 8192, layers: 80, vocab: 128256 } },
  },
  {
    name: "Llama 3.1",
    pattern: /\b(?:meta[\s-])?llama[\s-]?3\.1(?!\d)/gi,
    members: {
      "8B": ["meta-llama/Llama-3.1-8B", "meta-llama/Llama-3.1-8B-Instruct"],
      "70B": ["meta-llama/Llama-3.1-70B", "meta-llama/Llama-3.1-70B-Instruct"],
      "405B": ["meta-llama/Llama-3.1-405B", "meta-llama/Llama-3.1-405B-Instruct"],
    },
    modelType: "llama",
    shapes: {
      "8B": { hidden: 4096, layers: 32, vocab: 128256 },
      "70B": { hidden: 8192, layers: 80, vocab: 128256 },
      "405B": { hidden: 16384, layers: 126, vocab: 128256 },
    },
    formerIds: {
      "meta-llama/Meta-Llama-3.1-8B": "meta-llama/Llama-3.1-8B",
      "meta-llama/Meta-Llama-3.1-8B-Instruct": "meta-llama/Llama-3.1-8B-Instruct",
      "meta-llama/Meta-Llama-3.1-70B": "meta-llama/Llama-3.1-70B",
      "meta-llama/Meta-Llama-3.1-70B-Instruct": "meta-llama/Llama-3.1-70B-Instruct",
      "meta-llama/Meta-Llama-3.1-405B": "meta-llama/Llama-3.1-405B",
      "meta-llama/Meta-Llama-3.1-405B-Instruct": "meta-llama/Llama-3.1-405B-Instruct",
    },
  },
  {
    name: "Llama 3.2",
    pattern: /\b(?:meta[\s-])?llama[\s-]?3\.2(?!\d)(?![\s-]*(?:\d+b[\s-]*)?vision)/gi,
    members: {
      "1B": ["meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-1B-Instruct"],
      "3B": ["meta-llama/Llama-3.2-3B", "meta-llama/Llama-3.2-3B-Instruct"],
    },
    modelType: "llama",
    shapes: { "1B": { hidden: 2048, layers: 16, vocab: 128256 }, "3B": { hidden: 3072, layers: 28, vocab: 128256 } },
  },
  {
    name: "Mistral 7B",
    pattern: /\bmistral[\s-]?7b(?![\s-]*(?:instruct|v0\.[2-9]))/gi,
    members: { "": ["mistralai/Mistral-7B-v0.1"] },
    modelType: "mistral",
    shapes: { "": { hidden: 4096, layers: 32, vocab: 32000 } },
  },
  {
    name: "Mixtral 8x7B",
    pattern: /\bmixtral[\s-]?8x7b(?![\s-]*instruct)/gi,
    members: { "": ["mistralai/Mixtral-8x7B-v0.1"] },
  },
  {
    name: "Gemma",
    pattern: /\bgemma(?![\s-]*(?:[2-9](?![bB])|scope|shield))/gi,
    members: { "2B": ["google/gemma-2b", "google/gemma-2b-it"], "7B": ["google/gemma-7b", "google/gemma-7b-it"] },
    modelType: "gemma",
    shapes: { "2B": { hidden: 2048, layers: 18 }, "7B": { hidden: 3072, layers: 28 } },
  },
  {
    name: "Gemma 2",
    pattern: /\bgemma[\s-]?2(?!\.?\d|[bB])/gi,
    members: {
      "2B": ["google/gemma-2-2b", "google/gemma-2-2b-it"],
      "9B": ["google/gemma-2-9b", "google/gemma-2-9b-it"],
      "27B": ["google/gemma-2-27b", "google/gemma-2-27b-it"],
    },
    modelType: "gemma2",
    shapes: {
      "2B": { hidden: 2304, layers: 26 },
      "9B": { hidden: 3584, layers: 42 },
      "27B": { hidden: 4608, layers: 46 },
    },
  },
  {
    name: "Stable Diffusion XL",
    pattern: new RegExp(
      "\\b(?:sdxl|stable[\\s-]?diffusion[\\s-]?xl)(?:[\\s-]*(?:base[\\s-]*)?(?:1\\.0|v1))?(?![\\s-]*(?:turbo|" +
        "lightning|refiner|inpaint|vae|controlnet|\\d))",
      "gi",
    ),
    members: { "": ["stabilityai/stable-diffusion-xl-base-1.0"] },
  },
  {
    name: "Stable Diffusion 1.5",
    pattern: /\b(?:sd|stable[\s-]?diffusion)[\s-]?v?1[.-]5(?![\s-]*(?:inpaint|\d))/gi,
    members: { "": ["runwayml/stable-diffusion-v1-5"] },
  },
  {
    name: "FLUX.1 [dev]",
    pattern: /\bflux(?:\.1)?[\s-]*\[?dev\b\]?/gi,
    members: { "": ["black-forest-labs/FLUX.1-dev"] },
  },
  {
    name: "FLUX.1 [schnell]",
    pattern: /\bflux(?:\.1)?[\s-]*\[?schnell\b\]?/gi,
    members: { "": ["black-forest-labs/FLUX.1-schnell"] },
  },
];

/** A parameter size written as in model names: "72B", "0.5B", "1.8B" (upper-case B, no trailing zeros). */
function normalizeSize(value: string): string | null {
  const match = /^(\d+(?:\.\d+)?)\s*(b|billion)$/i.exec(value.trim());
  return match ? `${Number(match[1])}B` : null;
}

export interface SizeClues {
  /** Sizes from the model's own id ("...-70B"). */
  ownName: string[];
  /** Sizes written as a parameter count ("72B-parameter", "7 billion parameters"). */
  parameterPhrases: string[];
  /** Sizes the config.json dimensions match, per family name. */
  configByFamily: Map<string, string[]>;
  /** Every size written in the prose ("7B"), tables left out. */
  prose: string[];
}

export interface FamilyResolution {
  id: string;
  /** How sure the size choice is, 0..1. */
  certainty: number;
  how: string;
}

const FILLER_AFTER = new RegExp(
  "^[\\s-]*(?:model|models|base|llm|checkpoint|hf|parameters?|params|weights|series|family|architecture|\\(|\\)|" +
    ",|\\.|;|:|\\||<|\\]|$)",
  "i",
);

/**
 * Resolves a family named in prose to one member: the size written right after the name, else one the other
 * clues single out (own id, "72B-parameter", config shapes, a unique size in the prose). Null when the clues
 * leave several members, or when the name goes on with a variant the table does not hold ("Mistral-7B-v0.3").
 * `after` is the text right after the family name.
 */
export function resolveFamily(family: ModelFamily, after: string, clues: SizeClues): FamilyResolution | null {
  const sizes = Object.keys(family.members);
  let rest = after;
  let inline: string | null = null;
  const sized = /^[\s-]*(\d+(?:\.\d+)?)\s?([bB])\b/.exec(rest);
  if (sized) {
    inline = normalizeSize(`${sized[1]}B`);
    rest = rest.slice(sized[0].length);
  }
  const variant = /^[\s-]*(instruct|chat|it)\b/i.exec(rest);
  if (variant) rest = rest.slice(variant[0].length);
  if (!FILLER_AFTER.test(rest)) return null;
  const pick = (size: string): string | undefined => {
    const member = family.members[size];
    if (!member) return undefined;
    return variant ? member[1] : member[0];
  };
  if (sizes.length === 1 && sizes[0] === "") {
    const id = pick("");
    return id ? { id, certainty: 1, how: `${family.name} has one base checkpoint` } : null;
  }
  if (inline !== null) {
    const id = pick(inline);
    return id ? { id, certainty: 0.95, how: `size ${inline} written with the name` } : null;
  }
  const unique = (candidates: string[]): string | null => {
    const found = [...new Set(candidates.filter((s) => s in family.members))];
    return found.length === 1 ? found[0] : null;
  };
  const choices: [string[], number, string][] = [
    [clues.ownName, 0.9, "the model's own id"],
    [clues.parameterPhrases, 0.85, "the parameter count in the card"],
    [clues.configByFamily.get(family.name) ?? [], 0.85, "config.json dimensions"],
    [clues.prose, 0.7, "the only family size the card mentions"],
  ];
  for (const [candidates, certainty, source] of choices) {
    const size = unique(candidates);
    const id = size === null ? undefined : pick(size);
    if (id) return { id, certainty, how: `size ${size} from ${source}` };
  }
  return null;
}

/** Family sizes a config.json's dimensions match (model_type, hidden_size, num_hidden_layers, vocab_size). */
export function sizesFromConfig(config: Record<string, unknown>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const hidden = config.hidden_size;
  const layers = config.num_hidden_layers;
  if (typeof hidden !== "number" || typeof layers !== "number") return found;
  for (const family of MODEL_FAMILIES) {
    if (
      !family.shapes ||
      (family.modelType && config.model_type !== undefined && config.model_type !== family.modelType)
    )
      continue;
    for (const [size, shape] of Object.entries(family.shapes)) {
      if (shape.hidden !== hidden || shape.layers !== layers) continue;
      if (shape.vocab !== undefined && typeof config.vocab_size === "number" && config.vocab_size !== shape.vocab)
        continue;
      found.set(family.name, [...(found.get(family.name) ?? []), size]);
    }
  }
  return found;
}

/** Size clues from text: sizes in an id's name, parameter phrases and bare sizes. */
export function sizesInName(name: string): string[] {
  return [...name.matchAll(/(?:^|[-_.])(\d+(?:\.\d+)?)[bB](?=$|[-_.])/g)].map((m) => `${Number(m[1])}B`);
}

export function sizesInParameterPhrases(text: string): string[] {
  return [...text.matchAll(/\b(\d+(?:\.\d+)?)\s?(?:b|billion)[\s-]*(?:parameters?|params?)\b/gi)].map(
    (m) => `${Number(m[1])}B`,
  );
}

export function sizesInProse(text: string): string[] {
  return [...text.matchAll(/\b(\d+(?:\.\d+)?)\s?B\b/g)].map((m) => `${Number(m[1])}B`);
}

/** Every checkpoint id the family table holds: ids known to exist without asking the Hub. */
export const FAMILY_MEMBER_IDS: ReadonlySet<string> = new Set(
  MODEL_FAMILIES.flatMap((f) =>
    Object.values(f.members).flatMap((m) => m.filter((id): id is string => id !== undefined)),
  ).map((id) => id.toLowerCase()),
);

/** Former id (lower case) -> current id, for the members whose repository was renamed. */
export const FORMER_FAMILY_IDS: ReadonlyMap<string, string> = new Map(
  MODEL_FAMILIES.flatMap((f) => Object.entries(f.formerIds ?? {})).map(([former, current]) => [
    former.toLowerCase(),
    current,
  ]),
);
