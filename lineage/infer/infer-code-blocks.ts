// Reads the code blocks of a card: mergekit configs (merge parents), training configs and loading code.
import { parse } from "yaml";
import type { Relation } from "../types";
import { isModelId } from "./infer-hub-ids";

export interface CodeFinding {
  id: string;
  kind: "mergekit" | "training-config" | "code";
  relation: Relation | null;
  weight: number;
  text: string;
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

/** Reads one code block; `selfId` is the card's own model, which loading code names without being its parent. */
export function readCodeBlock(code: string, selfId: string | null): CodeFinding[] {
  const yamlFindings = readYamlConfig(code);
  if (yamlFindings !== null) return yamlFindings;
  return readLoadingCode(code, selfId);
}

/** A mergekit or training config, or null when the block is not such a YAML document. */
function readYamlConfig(code: string): CodeFinding[] | null {
  if (!/^\s*(models|slices|merge_method|base_model|model_name_or_path|pretrained_model_name_or_path)\s*:/m.test(code))
    return null;
  let doc: unknown;
  try {
    doc = parse(code);
  } catch {
    doc = null;
  }
  const isMergekit = /^\s*(merge_method|slices)\s*:/m.test(code) || /^\s*models\s*:\s*$/m.test(code);
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
    } else {
      for (const key of TRAINING_KEYS) add(config[key], "training-config", key);
    }
    return findings;
  }
  // YAML that does not parse (templates, tabs): fall back to its `key: value` lines.
  for (const match of code.matchAll(
    /^\s*(?:-\s*)?(model|base_model|model_name_or_path|pretrained_model_name_or_path)\s*:\s*["']?([^\s"'#]+)/gm,
  )) {
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
const BASE_VARIABLE =
  /\b(base_model(?:_id|_name|_path|_name_or_path)?|base_model_repo|base_repo|base_id|base|model_base|pretrained_model_name_or_path|model_name_or_path)\b\s*[:=]/i;
const AUXILIARY =
  /\b(vae|tokenizer|processor|controlnet|scheduler|detector|estimator|annotator|segment\w*|depth\w*|text_encoder\w*|image_encoder|feature_extractor|safety_checker|refiner|upscaler|adapter|lora|ip_adapter|reward|teacher|draft|speculator|embed\w*|reranker|judge|t2i_adapter|unet)\w*\s*[:=(]|\b(AutoTokenizer|AutoProcessor|AutoencoderKL|ControlNetModel|T2IAdapter|\w*Tokenizer\w*|\w*Processor|\w*Scheduler)\.from_pretrained/i;
const PIPELINE_LOAD =
  /\b\w*Pipeline\w*\.from_pretrained\s*\(|\bpipeline\s*\(|\b(?:pipe|pipeline|base|model|model_id|model_name)\s*=\s*(?:["']|\w+\.from_pretrained\s*\()/;
const LOADS_ADAPTER =
  /\b(load_lora_weights|PeftModel|load_adapter|set_adapters?|fuse_lora|peft_model_id|ControlNetModel|T2IAdapter|IPAdapter|load_ip_adapter|\w+ControlNet\w*Model)\b/;

/** Python or shell code: a variable named like `base_model` or the pipeline an adapter is loaded into. */
function readLoadingCode(code: string, selfId: string | null): CodeFinding[] {
  const findings: CodeFinding[] = [];
  const self = selfId?.toLowerCase() ?? null;
  const loadsAdapter = LOADS_ADAPTER.test(code);
  for (const line of code.split("\n")) {
    if (/^\s*#/.test(line)) continue;
    for (const match of line.matchAll(QUOTED_ID)) {
      const id = match[1];
      if (!isModelId(id) || id.toLowerCase() === self) continue;
      let weight = PLAIN_CODE_WEIGHT;
      let role = "named in code";
      if (AUXILIARY.test(line)) {
        weight = 0;
        role = "an auxiliary component in code";
      } else if (BASE_VARIABLE.test(line)) {
        weight = BASE_VARIABLE_WEIGHT;
        role = "assigned to a base-model variable";
      } else if (loadsAdapter && PIPELINE_LOAD.test(line)) {
        weight = PIPELINE_UNDER_ADAPTER_WEIGHT;
        role = "the model an adapter is loaded into";
      }
      const previous = findings.find((f) => f.id === id);
      if (previous && previous.weight >= weight) continue;
      if (previous) findings.splice(findings.indexOf(previous), 1);
      findings.push({ id, kind: "code", relation: null, weight, text: `${role}: ${line.trim().slice(0, 160)}` });
    }
  }
  return findings;
}
