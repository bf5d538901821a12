// Maps one Hub model record (the JSON of /api/models or /api/models/<id>) to the model's fields and its parents.
// Pure and total: a record of the wrong shape gives problems, never a throw.
//
// Parents come from the Hub's own tags when it has any `base_model:` tag: `base_model:<relation>:<id>` gives the
// parent and relation, a bare `base_model:<id>` without a typed twin a parent of unknown relation (source "tag").
// Only when there is no such tag does the record's `cardData` speak (source "card"), with its
// `base_model_relation` or, failing that, the rule of lineage/card/infer-relation-rule.ts.
import { parseDocument } from "yaml";
import { isRecord } from "../../common/is-record";
import {
  isRelation,
  type Gated,
  type ModelFields,
  type ParentLink,
  type Problem,
  type Relation,
} from "../../lineage/types";
import type { HubModelRecord } from "./hub-types";
import { normalizeBaseModels } from "../../lineage/card/normalize-base-models";
import { readCardData } from "../../lineage/card/parse-card";

export interface ParsedHubRecord {
  /** null when the record is not an object or names no model id (see `problems`). */
  model: ModelFields | null;
  parents: ParentLink[];
  /** The successor named by the card's `new_version`: never a parent. */
  newVersion: string | null;
  problems: Problem[];
}

const BASE_MODEL_TAG = "base_model:";

/** Wire fields read without trusting their types: every value is checked before use. */
type LooseRecord = { [K in keyof HubModelRecord]?: unknown };

function asString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function asCount(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/** The Hub's own spelling, `2022-03-02T23:29:04.000Z`: the ISO 8601 form toISOString gives. */
const HUB_TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.\d{3}Z$/;

/**
 * True when `value` is in the Hub's spelling and names a real instant (so the Date round trip would give it back
 * unchanged): a sweep reads two timestamps a record, and the round trip was most of a record's parse.
 */
function isNormalTimestamp(value: string): boolean {
  const match = HUB_TIMESTAMP.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (isLeap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= days &&
    Number(match[4]) < 24 &&
    Number(match[5]) < 60 &&
    Number(match[6]) < 60
  );
}

/**
 * ISO 8601 in UTC, so that dates from both spellings compare as strings: the Hub sends
 * `2022-03-02T23:29:04.000Z`, records saved by the Python client `2023-12-19 16:45:41+00:00`.
 */
function asTimestamp(value: unknown, field: string, problems: Problem[], modelId: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && isNormalTimestamp(value)) return value;
  const time = typeof value === "string" ? Date.parse(value.includes("T") ? value : value.replace(" ", "T")) : NaN;
  if (Number.isNaN(time)) {
    problems.push({
      kind: "invalid-date",
      message: `${field} ${JSON.stringify(value)} is not a date; stored as null`,
      modelId,
    });
    return null;
  }
  return new Date(time).toISOString();
}

/** The Hub sends false, "auto" or "manual"; an older record's true meant what "auto" means now. */
function asGated(value: unknown): Gated | null {
  if (value === false || value === "false") return false;
  if (value === true || value === "auto") return "auto";
  return value === "manual" ? "manual" : null;
}

/** `cardData` is an object from the Hub and a YAML string in records saved by the Python client. */
function readCardDataField(value: unknown, problems: Problem[], modelId: string): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (typeof value !== "string" || value.trim() === "") return {};
  const doc = parseDocument(value);
  const data: unknown = doc.errors.length === 0 ? doc.toJS() : null;
  if (isRecord(data)) return data;
  problems.push({
    kind: "invalid-card-data",
    message: "cardData is a string that is not a YAML mapping; ignored",
    modelId,
  });
  return {};
}

/** Parents from the Hub's `base_model:` tags, typed twins first; null when the record has no such tag. */
function parentsFromTags(tags: string[], modelId: string, problems: Problem[]): ParentLink[] | null {
  const typed = new Map<string, { id: string; relation: Relation }>();
  const bare: string[] = [];
  let seenAny = false;
  for (const tag of tags) {
    if (!tag.startsWith(BASE_MODEL_TAG)) continue;
    seenAny = true;
    const rest = tag.slice(BASE_MODEL_TAG.length);
    // Hub ids contain no ':', so one more ':' separates a relation from the id.
    const colon = rest.indexOf(":");
    const relation = colon === -1 ? null : rest.slice(0, colon);
    const { ids, dropped } = normalizeBaseModels(colon === -1 ? rest : rest.slice(colon + 1));
    if (ids.length === 0) {
      const reason = dropped[0]?.reason ?? "empty";
      problems.push({
        kind: "invalid-base-model-tag",
        message: `tag "${tag}" names no Hub model (${reason}); ignored`,
        modelId,
      });
      continue;
    }
    const id = ids[0];
    if (relation === null) {
      bare.push(id);
    } else if (!isRelation(relation)) {
      problems.push({
        kind: "unknown-relation-tag",
        message: `tag "${tag}" has an unknown relation; kept as a parent of unknown relation`,
        modelId,
      });
      bare.push(id);
    } else if (!typed.has(id.toLowerCase())) {
      typed.set(id.toLowerCase(), { id, relation });
    }
  }
  if (!seenAny) return null;
  const links = new Map<string, ParentLink>();
  for (const { id, relation } of typed.values())
    links.set(id.toLowerCase(), { id, relation, source: "tag", confidence: 1 });
  for (const id of bare) {
    if (!links.has(id.toLowerCase())) links.set(id.toLowerCase(), { id, relation: null, source: "tag", confidence: 1 });
  }
  return [...links.values()];
}

function withoutSelf(parents: ParentLink[], modelId: string, problems: Problem[]): ParentLink[] {
  const own = modelId.toLowerCase();
  const kept = parents.filter((p) => p.id.toLowerCase() !== own);
  if (kept.length < parents.length) {
    problems.push({ kind: "self-parent", message: `${modelId} names itself as a base model; ignored`, modelId });
  }
  return kept;
}

export function parseHubRecord(record: unknown): ParsedHubRecord {
  if (!isRecord(record)) {
    const shape = record === null ? "null" : Array.isArray(record) ? "an array" : typeof record;
    return {
      model: null,
      parents: [],
      newVersion: null,
      problems: [{ kind: "invalid-record", message: `a Hub model record must be a JSON object, got ${shape}` }],
    };
  }
  const wire = record as LooseRecord;
  const id = asString(wire.id) ?? asString(wire.modelId);
  if (id === null) {
    return {
      model: null,
      parents: [],
      newVersion: null,
      problems: [{ kind: "invalid-record", message: "the Hub model record has no `id` (nor `modelId`) string" }],
    };
  }

  const problems: Problem[] = [];
  const tags = Array.isArray(wire.tags) ? wire.tags.filter((t): t is string => typeof t === "string") : [];
  const cardData = readCardDataField(wire.cardData ?? wire.card_data, problems, id);
  const libraryName = asString(wire.library_name);
  const licenseTag = tags.find((t) => t.startsWith("license:"));
  const fromCard = readCardData(cardData, { id, tags: tags.filter((t) => !t.startsWith(BASE_MODEL_TAG)), libraryName });

  const model: ModelFields = {
    id,
    author: asString(wire.author) ?? (id.includes("/") ? id.slice(0, id.indexOf("/")) : null),
    createdAt: asTimestamp(wire.createdAt ?? wire.created_at, "createdAt", problems, id),
    lastModified: asTimestamp(wire.lastModified ?? wire.last_modified, "lastModified", problems, id),
    downloads: asCount(wire.downloads),
    likes: asCount(wire.likes),
    pipelineTag: asString(wire.pipeline_tag),
    libraryName,
    license: licenseTag ? asString(licenseTag.slice("license:".length)) : fromCard.license,
    gated: asGated(wire.gated),
    private: typeof wire.private === "boolean" ? wire.private : null,
    sha: asString(wire.sha),
  };

  // readCardData has already dropped a self-reference and explained every base_model value it dropped.
  problems.push(...fromCard.problems.map((p) => ({ ...p, modelId: id })));
  const tagParents = parentsFromTags(tags, id, problems);
  const parents =
    tagParents !== null
      ? withoutSelf(tagParents, id, problems)
      : fromCard.baseModels.map(
          (parent): ParentLink => ({ id: parent, relation: fromCard.relation, source: "card", confidence: 1 }),
        );
  return { model, parents, newVersion: fromCard.newVersion, problems };
}
