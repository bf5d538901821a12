// Which properties of a model record each route returns: the Hub's defaults, `expand` and the legacy flags.

/** Accepted by `expand` on /api/models and /api/models/<id> (the list the real Hub gives in its 400 message). */
export const LIST_EXPANDABLE = [
  "author",
  "baseModels",
  "cardData",
  "config",
  "createdAt",
  "disabled",
  "downloads",
  "downloadsAllTime",
  "evalResults",
  "gated",
  "inference",
  "inferenceProviderMapping",
  "lastModified",
  "library_name",
  "likes",
  "mask_token",
  "model-index",
  "pipeline_tag",
  "private",
  "safetensors",
  "sha",
  "siblings",
  "spaces",
  "tags",
  "transformersInfo",
  "trendingScore",
  "widgetData",
  "gguf",
  "resourceGroup",
  "xetEnabled",
  // Not in the Hub's list but requestable through @huggingface/hub's additionalFields; tolerated, never present.
  "gitalyUid",
] as const;

/** Accepted by `expand` on the single-model routes only. */
export const DETAIL_ONLY_EXPANDABLE = ["childrenModelCount", "usedStorage"] as const;

/** What a listing returns for each model without `expand` (observed on the real /api/models). */
export const LIST_DEFAULT_FIELDS = [
  "_id",
  "id",
  "likes",
  "trendingScore",
  "private",
  "downloads",
  "tags",
  "pipeline_tag",
  "library_name",
  "createdAt",
  "modelId",
];

/** Added to the listing default by the legacy flags `full=true`, `cardData=true`, `config=true`. */
const LEGACY_FLAG_FIELDS: Record<string, string[]> = {
  full: ["author", "sha", "lastModified", "gated", "disabled", "siblings"],
  cardData: ["cardData"],
  config: ["config"],
};

/** Never in a single-model answer unless asked for with `expand`. */
const DETAIL_EXPAND_ONLY = new Set(["downloadsAllTime", "trendingScore", "childrenModelCount", "baseModels"]);

export type ModelRoute = "list" | "detail";

/** The message of the Hub-style 400 for the first invalid `expand` value, or null when all are valid. */
export function checkExpand(values: readonly string[], route: ModelRoute): string | null {
  const allowed: readonly string[] =
    route === "list" ? LIST_EXPANDABLE : [...LIST_EXPANDABLE, ...DETAIL_ONLY_EXPANDABLE];
  const bad = values.find((v) => !allowed.includes(v));
  return bad === undefined ? null : `"expand" must be one of [${allowed.join(", ")}], got "${bad}"`;
}

/**
 * The keys to return, in order, or null for "the whole record" (single-model route without `expand`).
 * With `expand` the Hub returns exactly `_id`, `id` and the listed properties.
 */
export function fieldsFor(route: ModelRoute, expand: readonly string[], flags: URLSearchParams): string[] | null {
  if (expand.length) return [...new Set(["_id", "id", ...expand])];
  if (route === "detail") return null;
  const fields = [...LIST_DEFAULT_FIELDS];
  for (const [flag, extra] of Object.entries(LEGACY_FLAG_FIELDS)) {
    if (flags.get(flag) === "true" || flags.get(flag) === "1") fields.push(...extra);
  }
  return [...new Set(fields)];
}

/**
 * Picks the fields from the record; `computed` supplies those that are not stored (baseModels, childrenModelCount,
 * trendingScore). A field whose value is absent is left out, as the Hub does.
 */
export function selectFields(
  record: Record<string, unknown>,
  fields: readonly string[] | null,
  computed: (field: string) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fields === null) {
    for (const [key, value] of Object.entries(record)) if (!DETAIL_EXPAND_ONLY.has(key)) out[key] = value;
    return out;
  }
  for (const field of fields) {
    const value = field in record ? record[field] : computed(field);
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}
