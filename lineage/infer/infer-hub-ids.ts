// Recognises Hub model ids in card text: huggingface.co URLs, bare `owner/name` ids, and the legacy owner-less ids.

/** First URL segments of huggingface.co that are site sections, never a model's owner. */
const RESERVED_SEGMENTS = new Set([
  "datasets",
  "spaces",
  "docs",
  "blog",
  "collections",
  "papers",
  "organizations",
  "settings",
  "join",
  "login",
  "pricing",
  "models",
  "tasks",
  "learn",
  "chat",
  "api",
  "search",
  "posts",
  "new",
  "enterprise",
  "welcome",
  "terms-of-service",
  "privacy",
  "oauth",
  "autotrain",
  "inference-endpoints",
  "changelog",
  "huggingface",
  "production",
  "front",
  "avatars",
  "course",
  "hub",
  "security",
  "support",
  "notifications",
  "leaderboards",
]);

/**
 * First parts that are not owners: the first folder of a local path (`output/checkpoint-500`), which training
 * scripts print where a Hub id would stand; documentation placeholders (`your-username/model`); prose (`and/or`).
 */
const NOT_OWNERS = new Set([
  "output",
  "outputs",
  "model",
  "models",
  "checkpoint",
  "checkpoints",
  "ckpt",
  "ckpts",
  "data",
  "tmp",
  "home",
  "root",
  "content",
  "workspace",
  "mnt",
  "runs",
  "results",
  "saved_models",
  "save",
  "weights",
  "pretrained",
  "path",
  "your",
  "your-username",
  "username",
  "user",
  "org",
  "my",
  "local",
  "none",
  "null",
  "src",
  "dist",
  "and",
  "or",
  "w",
  "i",
  "e",
  "etc",
  "input",
  "lib",
  "bin",
  "usr",
  "var",
  "opt",
  "cache",
  "logs",
  "drive",
]);

/** File names and extensions that show a path segment is a file, not a repository. */
const FILE_NAME = new RegExp(
  "\\.(py|ipynb|md|txt|json|ya?ml|gguf|bin|safetensors|pt|pth|ckpt|onnx|png|jpe?g|gif|webp|svg|mp3|mp4|wav|" +
    "flac|zip|gz|tar|csv|parquet|html?|pdf|sh|cfg|toml|model|tflite|h5|msgpack)$",
  "i",
);

/** Names that are a training run's folder, not a published model. */
const RUN_FOLDER_NAME = /^(checkpoint|ckpt|step|epoch|global_step|run)[-_]?\d+$/i;

const SEGMENT = /^[A-Za-z0-9][\w.-]{0,95}$/;

/**
 * The owner-less model ids the Hub kept from before organisations (`roberta-large`, `gpt2`); data, not rules:
 * the families of the canonical Transformers checkpoints.
 */
export const LEGACY_FAMILIES =
  "bert|distilbert|roberta|distilroberta|xlm|xlm-roberta|xlnet|gpt2|distilgpt2|t5|albert|camembert|" +
  "flaubert|ctrl|openai-gpt|transfo-xl";
const LEGACY_ID = new RegExp(`^(${LEGACY_FAMILIES})(-[a-z0-9][a-z0-9-]*)?$`, "i");

export function isLegacyModelId(value: string): boolean {
  return LEGACY_ID.test(value) && !value.endsWith("-");
}

/** True for a syntactically valid `owner/name` model id that does not look like a local path or a file. */
export function isHubModelId(value: string): boolean {
  const parts = value.split("/");
  if (parts.length !== 2) return false;
  const [owner, name] = parts;
  if (!SEGMENT.test(owner) || !SEGMENT.test(name)) return false;
  if (/[-.]$/.test(owner) || /[-.]$/.test(name) || owner.includes("--") || name.includes("..")) return false;
  if (RESERVED_SEGMENTS.has(owner.toLowerCase()) || NOT_OWNERS.has(owner.toLowerCase())) return false;
  if (FILE_NAME.test(name) || RUN_FOLDER_NAME.test(name)) return false;
  // "1/2", "3B/7B": numbers and sizes separated by a slash are prose, not ids.
  if (/^[\d.]+[a-z]?$/i.test(owner) && /^[\d.]+[a-z]?$/i.test(name)) return false;
  return true;
}

/** A parameter count written as a name segment: `7b`, `1.5B`, `350m`, `8x7b`. */
const SIZE_SEGMENT = /^(?:\d+x)?\d+(?:\.\d+)?[bm]$/i;

/**
 * True when the owner part of an id reads as a model name rather than a user or organisation: it holds a dot
 * (`Qwen2.5-7B/...`; Hub account names have none) or a parameter-size segment (`Llm-1.5b-base/Llm-7b-base`,
 * prose naming two sizes of one model). Such an id read from prose is most likely not an id at all.
 */
export function ownerReadsAsModelName(owner: string): boolean {
  return owner.includes(".") || owner.split(/[-_]/).some((segment) => SIZE_SEGMENT.test(segment));
}

/** A model id, owner-qualified or legacy. */
export function isModelId(value: string): boolean {
  return isHubModelId(value) || isLegacyModelId(value);
}

export type HubUrlTarget =
  | { kind: "model"; id: string; isFile: boolean }
  | { kind: "dataset" | "space" | "collection" | "other" };

/** Host part of a Hub URL: the site itself and its short alias, not the cdn-uploads subdomains. */
export const HUB_URL = /\bhttps?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)(\/[^\s)\]"'<>`|]*)?/gi;

/** What a huggingface.co (or hf.co) URL points at, from its path. */
export function parseHubUrlPath(path: string): HubUrlTarget {
  const clean = path.split(/[?#]/)[0].replace(/^\/+/, "");
  const segments = clean
    .split("/")
    .filter((s) => s.length > 0)
    .map(safeDecode);
  if (segments.length === 0) return { kind: "other" };
  const first = segments[0].toLowerCase();
  if (first === "datasets") return { kind: "dataset" };
  if (first === "spaces") return { kind: "space" };
  if (first === "collections") return { kind: "collection" };
  if (first === "api" && segments[1] === "models" && segments.length >= 4) {
    return asModel(segments.slice(2, 4), segments.length > 4);
  }
  if (segments.length === 1) {
    return isLegacyModelId(segments[0]) ? { kind: "model", id: segments[0], isFile: false } : { kind: "other" };
  }
  const isFile = segments.length > 2;
  if (isLegacyModelId(segments[0]) && ["blob", "resolve", "tree", "raw"].includes(segments[1])) {
    return { kind: "model", id: segments[0], isFile: true };
  }
  return asModel(segments.slice(0, 2), isFile);
}

function asModel([owner, name]: string[], isFile: boolean): HubUrlTarget {
  const id = `${owner}/${name}`;
  return isHubModelId(id) ? { kind: "model", id, isFile } : { kind: "other" };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The name part of an id (`Qwen/Qwen2.5-7B` -> `Qwen2.5-7B`). */
export function modelName(id: string): string {
  const slash = id.indexOf("/");
  return slash < 0 ? id : id.slice(slash + 1);
}

/** The owner of an id, or null for a legacy id. */
export function modelOwner(id: string): string | null {
  const slash = id.indexOf("/");
  return slash < 0 ? null : id.slice(0, slash);
}

/** A name folded for loose comparison: case, separators and the `-hf` conversion suffix do not matter. */
export function foldModelName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[-_.\s]+hf$/, "")
    .replace(/[-_.\s]+/g, "");
}

/** Case-insensitive id key, the way the Hub compares ids. */
export function idKey(id: string): string {
  return id.toLowerCase();
}
