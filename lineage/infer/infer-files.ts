// Lineage evidence from a repository's files: adapter_config.json, config.json and a GGUF file's metadata.
import type { Relation } from "../types";
import { isModelId, parseHubUrlPath } from "./infer-hub-ids";

export interface FileFinding {
  id: string;
  kind: "adapter-config" | "config" | "gguf";
  relation: Relation | null;
  weight: number;
  text: string;
}

/** An adapter names its base to be loaded at all, so this is as good as a declaration. */
const ADAPTER_CONFIG_WEIGHT = 0.97;
/** The GGUF converter records the repository it converted. */
const GGUF_SOURCE_WEIGHT = 0.95;
/**
 * `general.base_model.*` copies the converted model's own `base_model`: the parent of this file's source. Alone
 * it is a fair guess (the converter's source is often the base itself), but not a prediction.
 */
const GGUF_BASE_MODEL_WEIGHT = 0.45;
/** Where a GGUF also names its source, its base models are grandparents. */
const GGUF_GRANDPARENT_WEIGHT = 0.05;
/** `_name_or_path` is where the weights were loaded from before saving: usually the parent, sometimes a local path. */
const CONFIG_NAME_OR_PATH_WEIGHT = 0.7;

export function readAdapterConfig(adapterConfig: unknown): FileFinding[] {
  const path = field(adapterConfig, "base_model_name_or_path");
  if (typeof path !== "string" || !isModelId(path)) return [];
  return [
    {
      id: path,
      kind: "adapter-config",
      relation: "adapter",
      weight: ADAPTER_CONFIG_WEIGHT,
      text: `adapter_config.json base_model_name_or_path: ${path}`,
    },
  ];
}

export function readConfig(config: unknown, selfId: string | null): FileFinding[] {
  const path = field(config, "_name_or_path");
  if (typeof path !== "string" || !isModelId(path) || path.toLowerCase() === selfId?.toLowerCase()) return [];
  const relation: Relation = field(config, "quantization_config") !== undefined ? "quantized" : "finetune";
  return [
    {
      id: path,
      kind: "config",
      relation,
      weight: CONFIG_NAME_OR_PATH_WEIGHT,
      text: `config.json _name_or_path: ${path}`,
    },
  ];
}

export function readGgufMetadata(metadata: Record<string, unknown>, selfId: string | null): FileFinding[] {
  const findings: FileFinding[] = [];
  const self = selfId?.toLowerCase();
  const source = ggufRepo(metadata, "general.source");
  if (source !== null && source.toLowerCase() !== self) {
    findings.push({
      id: source,
      kind: "gguf",
      relation: "quantized",
      weight: GGUF_SOURCE_WEIGHT,
      text: `GGUF general.source: ${source}`,
    });
  }
  const count = typeof metadata["general.base_model.count"] === "number" ? metadata["general.base_model.count"] : 0;
  for (let i = 0; i < Math.min(count, 64); i++) {
    const id = ggufRepo(metadata, `general.base_model.${i}`);
    if (id === null || id.toLowerCase() === self || findings.some((f) => f.id.toLowerCase() === id.toLowerCase()))
      continue;
    const weight = source === null ? GGUF_BASE_MODEL_WEIGHT : GGUF_GRANDPARENT_WEIGHT;
    const role = source === null ? "the converted model's parent" : "a parent of the converted source";
    findings.push({
      id,
      kind: "gguf",
      relation: "quantized",
      weight,
      text: `GGUF general.base_model.${i} (${role}): ${id}`,
    });
  }
  return findings;
}

/** A Hub id from GGUF `<prefix>.repo_url`, `<prefix>.huggingface.repository` or `<prefix>.organization` + `.name`. */
function ggufRepo(metadata: Record<string, unknown>, prefix: string): string | null {
  const url = metadata[`${prefix}.repo_url`] ?? metadata[`${prefix}.url`];
  if (typeof url === "string") {
    const match = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)(\/.*)$/i.exec(url.trim());
    if (match) {
      const target = parseHubUrlPath(match[1]);
      if (target.kind === "model") return target.id;
    }
  }
  const repository = metadata[`${prefix}.huggingface.repository`];
  if (typeof repository === "string" && isModelId(repository)) return repository;
  const organization = metadata[`${prefix}.organization`];
  const name = metadata[`${prefix}.name`];
  if (typeof organization === "string" && typeof name === "string") {
    const id = `${organization.trim().replace(/\s+/g, "-")}/${name.trim().replace(/\s+/g, "-")}`;
    if (isModelId(id)) return id;
  }
  return null;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
