// Reads the code blocks of a card: mergekit configs (merge parents), training configs and loading code.
import { readYamlBounded } from "../card/read-yaml-bounded";
import type { Relation } from "../types";
import { isModelId } from "./infer-hub-ids";

export interface CodeFinding {
  id: string;
  kind: "mergekit" | "training-config" | "code";
  relation: Relation | null;
  weight: number;
  text: string;
  /** Set on the mergekit recipe's `base_model`: the model the others' differences are taken against. */
  isRecipeBase?: boolean;
}

/** Weights of what code says; a mergekit `models:` entry is as explicit as a declaration. */
const MERGEKIT_WEIGHT = 0.92;
const TRAINING_CONFIG_WEIGHT = 0.85;
const BASE_VARIABLE_WEIGHT = 0.8;
const PIPELINE_UNDER_ADAPTER_WEIGHT = 0.45;
const PLAIN_CODE_WEIGHT = 0.15;

/** Keys of training configs (axolotl, LLaMA-Factory, diffusers scripts) that name the model trained from. */
const TRAINING_KEYS = [
  "base_model",
  "base_model_config",
  "model_name_or_path",
  "pretrained_model_name_or_path",
  "base_model_name_or_path",
];

const CONFIG_KEYS = "models|slices|merge_method|base_model|model_name_or_path|pretrained_model_name_or_path";
const CONFIG_KEY_LINE = new RegExp(`^[ \t]*(?:${CONFIG_KEYS})[ \t]*:`, "m");
const VALUE_KEYS = "model|base_model|model_name_or_path|pretrained_model_name_or_path";
const CONFIG_VALUE_LINE = new RegExp(`^[ \t]*(?:-[ \t]*)?(${VALUE_KEYS})[ \t]*:[ \t]*["']?([^\\s"'#]+)`, "gm");
/** Longer code lines are read only this far: ids and assignments sit at the start, and scans stay linear. */
const MAX_CODE_LINE = 1000;

/** Reads one code block; `selfId` is the card's own model, which loading code names without being its parent. */
export function readCodeBlock(code: string, selfId: string | null): CodeFinding[] {
  const yamlFindings = readYamlConfig(code);
  if (yamlFindings !== null) return yamlFindings;
  return readLoadingCode(code, selfId);
}

/** A mergekit or training config, or null when the block is not such a YAML document. */
function readYamlConfig(code: string): CodeFinding[] | null {
  // [ \t]* rather than \s*: with the m flag, \s* would run over newlines from every line start (quadratic).
  if (!CONFIG_KEY_LINE.test(code)) return null;
  const yaml = readYamlBounded(code);
  const doc = yaml.ok ? yaml.value : null;
  const isMergekit = /^[ \t]*(merge_method|slices)[ \t]*:/m.test(code) || /^[ \t]*models[ \t]*:[ \t]*$/m.test(code);
  const findings: CodeFinding[] = [];
  const add = (value: unknown, kind: CodeFinding["kind"], where: string): void => {
    if (typeof value !== "string") return;
    // mergekit writes a LoRA applied before merging as `model+lora`; the model is the parent.
    const id = value.split("+")[0].trim();
    if (!isModelId(id) || findings.some((f) => f.id === id)) return;
    findings.push(
      kind === "mergekit"
        ? { id, kind, relation: "merge", weight: MERGEKIT_WEIGHT, text: `mergekit config: ${where}: ${id}` }
        : { id, kind, relation: "finetune", weight: TRAINING_CONFIG_WEIGHT, text: `training config: ${where}: ${id}` },
    );
  };
  if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) {
    const config = doc as Record<string, unknown>;
    if (isMergekit) {
      for (const entry of asArray(config.models)) add(recordField(entry, "model"), "mergekit", "models");
      for (const slice of asArray(config.slices)) {
        for (const source of asArray(recordField(slice, "sources")))
          add(recordField(source, "model"), "mergekit", "slices");
      }
      add(config.base_model, "mergekit", "base_model");
      const base = typeof config.base_model === "string" ? config.base_model.split("+")[0].trim() : null;
      for (const f of findings) if (f.id === base) f.isRecipeBase = true;
    } else {
      for (const key of TRAINING_KEYS) add(config[key], "training-config", key);
    }
    return findings;
  }
  // YAML that does not parse (templates, tabs): fall back to its `key: value` lines.
  for (const match of code.matchAll(CONFIG_VALUE_LINE)) {
    add(match[2], isMergekit ? "mergekit" : "training-config", match[1]);
  }
  return findings;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function recordField(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

const QUOTED_ID = /["']([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)["']/g;
const BASE_VARIABLE = new RegExp(
  "\\b(base_model(?:_id|_name|_path|_name_or_path)?|base_model_repo|base_repo|base_id|base|model_base|" +
    "pretrained_model_name_or_path|model_name_or_path)\\b\\s*[:=]",
  "i",
);
// Quantifiers inside words are bounded (\w{0,40}, not \w*): an unbounded one before a literal backtracks over the
// whole word at each occurrence, which a crafted line turns quadratic.
const AUXILIARY_NAMES = [
  "vae|tokenizer|processor|controlnet|scheduler|detector|estimator|annotator|segment|depth|text_encoder",
  "image_encoder|feature_extractor|safety_checker|refiner|upscaler|adapter|lora|ip_adapter|reward|teacher",
  "draft|speculator|embed|reranker|judge|t2i_adapter|unet",
].join("|");
const AUXILIARY_CLASSES = "AutoencoderKL|ControlNetModel|T2IAdapter|Tokenizer\\w{0,40}|Processor|Scheduler";
const AUXILIARY = new RegExp(
  `\\b(?:${AUXILIARY_NAMES})\\w{0,40}\\s*[:=(]|(?:${AUXILIARY_CLASSES})\\.from_pretrained`,
  "i",
);
const PIPELINE_LOAD = new RegExp(
  [
    "Pipeline\\w{0,40}\\.from_pretrained\\s*\\(",
    "\\bpipeline\\s*\\(",
    "\\b(?:pipe|pipeline|base|model|model_id|model_name)\\s*=\\s*(?:[\"']|\\w{1,60}\\.from_pretrained\\s*\\()",
  ].join("|"),
);
const LOADS_ADAPTER = new RegExp(
  [
    "\\b(?:load_lora_weights|PeftModel|load_adapter|set_adapters?|fuse_lora|peft_model_id|T2IAdapter|IPAdapter",
    "load_ip_adapter)\\b|ControlNet(?:Union|XS)?Model\\b",
  ].join("|"),
);

function lineRole(line: string, loadsAdapter: boolean): { weight: number; name: string } {
  if (AUXILIARY.test(line)) return { weight: 0, name: "an auxiliary component in code" };
  if (BASE_VARIABLE.test(line)) return { weight: BASE_VARIABLE_WEIGHT, name: "assigned to a base-model variable" };
  if (loadsAdapter && PIPELINE_LOAD.test(line))
    return { weight: PIPELINE_UNDER_ADAPTER_WEIGHT, name: "the model an adapter is loaded into" };
  return { weight: PLAIN_CODE_WEIGHT, name: "named in code" };
}

/** Python or shell code: a variable named like `base_model` or the pipeline an adapter is loaded into. */
function readLoadingCode(code: string, selfId: string | null): CodeFinding[] {
  const findings: CodeFinding[] = [];
  const self = selfId?.toLowerCase() ?? null;
  const loadsAdapter = LOADS_ADAPTER.test(code);
  const byId = new Map<string, CodeFinding>();
  for (const fullLine of code.split("\n")) {
    const line = fullLine.slice(0, MAX_CODE_LINE);
    if (/^\s*#/.test(line)) continue;
    let role: { weight: number; name: string } | null = null;
    for (const match of line.matchAll(QUOTED_ID)) {
      const id = match[1];
      if (!isModelId(id) || id.toLowerCase() === self) continue;
      // What the line does is the same for every id on it: decided once per line.
      role ??= lineRole(line, loadsAdapter);
      const previous = byId.get(id);
      if (previous && previous.weight >= role.weight) continue;
      if (previous) findings.splice(findings.indexOf(previous), 1);
      const finding: CodeFinding = {
        id,
        kind: "code",
        relation: null,
        weight: role.weight,
        text: `${role.name}: ${line.trim().slice(0, 160)}`,
      };
      byId.set(id, finding);
      findings.push(finding);
    }
  }
  return findings;
}
