// Turns a trees/*.json `metadata` (the Python client's ModelInfo, dumped half snake_case) back into the Hub's JSON.
import { parse as parseYaml } from "yaml";
import type { WireModel } from "./hub-store";
import { HubDataError } from "./replay-errors";

/** "2023-12-19 16:45:41+00:00" (Python's str(datetime)) -> "2023-12-19T16:45:41.000Z"; null when unreadable. */
export function pythonDateToIso(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const ms = Date.parse(value.replace(" ", "T"));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const SIBLING_REPR = /^RepoSibling\(rfilename=('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/;

/** The file name in `RepoSibling(rfilename='a.json', size=None, ...)`; null when the string is not such a repr. */
export function parseSiblingRepr(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = SIBLING_REPR.exec(value);
  if (!match) return null;
  // A Python repr escapes only backslashes, its own quote and control characters; undo the first two.
  return match[1].slice(1, -1).replace(/\\(['"\\])/g, "$1");
}

/** cardData as an object, from an object or YAML text; undefined when it is neither. */
export function parseCardData(value: unknown): Record<string, unknown> | undefined {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  try {
    const parsed: unknown = parseYaml(value);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The record in the key order of a real `GET /api/models/<id>` answer (see api-responses/), absent and null values
 * left out as the Hub does.
 * @param where names the file and model in errors.
 */
export function convertTreeMetadata(meta: unknown, where: string): WireModel {
  if (meta === null || typeof meta !== "object") throw new HubDataError(where, "metadata is not a JSON object");
  const m = meta as Record<string, unknown>;
  if (typeof m.id !== "string" || typeof m._id !== "string") throw new HubDataError(where, "metadata lacks id or _id");
  const siblings = Array.isArray(m.siblings)
    ? m.siblings.map(parseSiblingRepr).filter((name): name is string => name !== null)
    : undefined;
  const fields: [string, unknown][] = [
    ["_id", m._id],
    ["id", m.id],
    ["private", m.private],
    ["pipeline_tag", m.pipeline_tag],
    ["library_name", m.library_name],
    ["tags", m.tags],
    ["downloads", m.downloads],
    ["likes", m.likes],
    ["modelId", m.modelId ?? m.id],
    ["author", m.author],
    ["sha", m.sha],
    ["lastModified", pythonDateToIso(m.lastModified ?? m.last_modified)],
    ["gated", m.gated],
    ["inference", m.inference],
    ["disabled", m.disabled],
    ["mask_token", m.mask_token],
    ["widgetData", m.widget_data],
    ["model-index", m.model_index],
    ["config", m.config],
    ["cardData", parseCardData(m.cardData ?? m.card_data)],
    ["transformersInfo", m.transformersInfo ?? m.transformers_info],
    ["siblings", siblings?.map((rfilename) => ({ rfilename }))],
    ["spaces", m.spaces],
    ["createdAt", pythonDateToIso(m.created_at)],
    ["safetensors", m.safetensors],
    ["gguf", m.gguf],
    ["usedStorage", m.usedStorage],
  ];
  const record: Record<string, unknown> = {};
  for (const [key, value] of fields) if (value !== null && value !== undefined) record[key] = value;
  return record as WireModel;
}
