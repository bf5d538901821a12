// Turns a declared `base_model` (a string, a list, or junk) into Hub model ids; shared by the card and record parsers.
//
// What is kept: `owner/name` and legacy one-part ids (`roberta-large`), also when written as a Hub URL
// (`https://huggingface.co/`, `hf.co/`, with or without the scheme, with a trailing `/` or `/tree/<rev>`).
// What is dropped, with a reason: local paths, URLs to other sites, values that cannot be a Hub id, non-strings.
// Empty values (``, `None`, `null`, `[]`) are dropped silently: they declare nothing.
//
// Telling `models/x` (a local folder) from an owner named `models`: the Hub's top-level routes (`/models`,
// `/datasets`, `/spaces`, ...) cannot be user or organisation names, so a first part equal to one of them is a
// path, never an owner. Any other two-part value that has the shape of an id is kept as a candidate (we cannot
// know statically whether `outputs/x` is a user called "outputs"); the crawler learns from a 404 that it is not.

export type DropReason = "local-path" | "foreign-url" | "invalid-id" | "not-a-string";

export interface DroppedBaseModel {
  value: unknown;
  reason: DropReason;
}

export interface NormalizedBaseModels {
  /** Hub ids in the order given, deduplicated case-insensitively (the first spelling wins). */
  ids: string[];
  dropped: DroppedBaseModel[];
}

const HUB_HOSTS = new Set(["huggingface.co", "www.huggingface.co", "hf.co"]);

/** Hub routes that can never be an owner name. */
const RESERVED_OWNERS = new Set([
  "models",
  "datasets",
  "spaces",
  "docs",
  "api",
  "organizations",
  "settings",
  "collections",
  "papers",
  "blog",
  "posts",
  "new",
  "login",
  "join",
  "pricing",
  "tasks",
  "learn",
]);

/** Sub-pages of a repo that may follow `owner/name` in a URL or a pasted path. */
const REPO_SUBPAGES = new Set(["tree", "blob", "resolve", "raw", "commit", "commits", "discussions", "edit"]);

/** A part of a Hub id: word characters, `.` and `-`, not at either end (huggingface_hub's validate_repo_id). */
const ID_PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$/;

const EMPTY_WORDS = new Set(["", "none", "null", "n/a", "~"]);

/** A value that names a place on a disk: absolute, home- or dot-relative, a Windows drive or UNC path. */
const LOCAL_PATH = /^(?:[/~.]|[A-Za-z]:[\\/]?|\\\\)/;

type Outcome = { id: string } | { reason: DropReason } | null;

function normalizeOne(raw: unknown): Outcome {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== "string") return { reason: "not-a-string" };
  let value = raw.trim();
  if (EMPTY_WORDS.has(value.toLowerCase())) return null;

  const hubPath = stripHubUrl(value);
  if (hubPath === undefined) return { reason: "foreign-url" };
  const fromUrl = hubPath !== null;
  if (fromUrl) value = hubPath;
  else if (LOCAL_PATH.test(value) || value.includes("\\")) return { reason: "local-path" };

  let parts = value.replace(/\/+$/, "").split("/");
  if (parts.length > 2 && REPO_SUBPAGES.has(parts[2])) parts = parts.slice(0, 2);
  if (parts.length > 2 || (parts.length === 2 && RESERVED_OWNERS.has(parts[0].toLowerCase()))) {
    // In a URL these are other Hub pages (`/datasets/x`, `/models/x`); written bare, they are folders.
    return { reason: fromUrl ? "invalid-id" : "local-path" };
  }
  if (parts.some((part) => !isIdPart(part))) return { reason: "invalid-id" };
  return { id: parts.join("/") };
}

function isIdPart(part: string): boolean {
  return ID_PART.test(part) && !part.includes("--") && !part.includes("..") && !part.endsWith(".git");
}

/**
 * The path of a Hub URL without its leading slash; null when the value is not a URL at all; undefined when it
 * is a URL to another site.
 */
function stripHubUrl(value: string): string | null | undefined {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  const bareHost = /^(?:www\.)?(?:huggingface\.co|hf\.co)\//i.test(value);
  if (!hasScheme && !bareHost) return null;
  let url: URL;
  try {
    url = new URL(hasScheme ? value : `https://${value}`);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || !HUB_HOSTS.has(url.hostname.toLowerCase())) return undefined;
  return url.pathname.replace(/^\/+/, "");
}

/** Normalises a `base_model` value (string, list of strings, or anything else an author wrote) into Hub ids. */
export function normalizeBaseModels(value: unknown): NormalizedBaseModels {
  const ids: string[] = [];
  const dropped: DroppedBaseModel[] = [];
  const seen = new Set<string>();
  for (const raw of Array.isArray(value) ? value : [value]) {
    const outcome = normalizeOne(raw);
    if (outcome === null) continue;
    if ("reason" in outcome) {
      dropped.push({ value: raw, reason: outcome.reason });
      continue;
    }
    const key = outcome.id.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    ids.push(outcome.id);
  }
  return { ids, dropped };
}
