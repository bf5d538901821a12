// Reads lineage from a raw model card (README.md): its YAML front matter's base_model, relation, successor,
// license, datasets and languages. Pure and total: bad input becomes a recorded problem, never a throw.
import { isRecord } from "../../common/is-record";
import { isRelation, type Problem, type Relation } from "../types";
import { inferRelationRule } from "./infer-relation-rule";
import { normalizeBaseModels, type DropReason } from "./normalize-base-models";
import { readYamlBounded, withoutModelIndex } from "./read-yaml-bounded";
import { splitFrontMatter } from "./split-front-matter";

/** Larger cards are refused whole: the biggest real card we have seen is 0.5 MiB (a long model-index). */
export const MAX_CARD_BYTES = 1024 * 1024;

/** What the caller knows about the card's model besides the card itself (usually from its Hub record). */
export interface CardContext {
  id?: string | null;
  tags?: readonly string[];
  libraryName?: string | null;
}

export type RelationSource = "card" | "rule";

export interface CardLineage {
  /** Declared parents as Hub ids. */
  baseModels: string[];
  /** null exactly when there is no parent. */
  relation: Relation | null;
  /** "card" when the card states the relation, "rule" when lineage/card/infer-relation-rule.ts chose it. */
  relationSource: RelationSource | null;
  license: string | null;
  /** `new_version`: a successor, never a parent. */
  newVersion: string | null;
  datasets: string[];
  language: string[];
  problems: Problem[];
}

export interface ParsedCard extends CardLineage {
  /** True when the card opens with a closed front-matter block (even one that fails to parse). */
  frontMatter: boolean;
}

const MAX_SHOWN = 200;

const DROP_MESSAGES: Record<DropReason, string> = {
  "local-path": "is a local path, not a Hub id",
  "foreign-url": "is a URL outside the Hub",
  "invalid-id": "is not a Hub model id",
  "not-a-string": "is not a string",
};

function emptyLineage(problems: Problem[] = []): CardLineage {
  return {
    baseModels: [],
    relation: null,
    relationSource: null,
    license: null,
    newVersion: null,
    datasets: [],
    language: [],
    problems,
  };
}

/** A string or a list of strings as a list of distinct non-empty strings; anything else is ignored. */
function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const strings = items.filter((v): v is string => typeof v === "string").map((v) => v.trim());
  return [...new Set(strings.filter(Boolean))];
}

/** A value for a problem message, cut short: a message is read by people, and a card may hold anything. */
function show(value: unknown): string {
  const text = typeof value === "string" ? `"${value}"` : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
}

/**
 * The relation a card states: `base_model_relation`, else one of its own `base_model:<relation>:<parent>` tags
 * naming a declared parent (TRL and PEFT write those into the card).
 */
function statedRelation(data: Record<string, unknown>, parents: string[], tags: string[], problems: Problem[]) {
  const declared = data.base_model_relation;
  if (declared !== undefined && declared !== null) {
    const relation = typeof declared === "string" ? declared.trim().toLowerCase() : declared;
    if (isRelation(relation)) return relation;
    problems.push({
      kind: "invalid-relation",
      message:
        `base_model_relation ${show(declared)} is not one of finetune, adapter, quantized, merge; the rule ` +
        `decides instead`,
    });
  }
  const parentKeys = new Set(parents.map((id) => id.toLowerCase()));
  for (const tag of tags) {
    const match = /^base_model:([^:]+):(.+)$/.exec(tag);
    if (match && isRelation(match[1]) && parentKeys.has(match[2].trim().toLowerCase())) return match[1];
  }
  return null;
}

/** Lineage from a card's metadata mapping: a parsed front matter, or a Hub record's `cardData`. */
export function readCardData(data: Record<string, unknown>, context: CardContext = {}): CardLineage {
  const problems: Problem[] = [];
  const { ids, dropped } = normalizeBaseModels(data.base_model);
  for (const { value, reason } of dropped) {
    problems.push({
      kind: `base-model-${reason}`,
      message: `base_model ${show(value)} ${DROP_MESSAGES[reason]}; it is not a parent`,
    });
  }
  const ownKey = context.id?.toLowerCase();
  const baseModels = ids.filter((id) => id.toLowerCase() !== ownKey);
  if (baseModels.length < ids.length) {
    problems.push({ kind: "self-parent", message: `base_model names the model itself (${context.id}); ignored` });
  }

  const tags = [...stringList(data.tags), ...(context.tags ?? [])];
  const libraryName = typeof data.library_name === "string" ? data.library_name : (context.libraryName ?? null);
  let relation: Relation | null = null;
  let relationSource: RelationSource | null = null;
  if (baseModels.length > 0) {
    relation = statedRelation(data, baseModels, tags, problems);
    relationSource = "card";
    if (relation === null) {
      relation = inferRelationRule({
        parentCount: baseModels.length,
        tags,
        libraryName,
        id: context.id,
        hasQuantizedBy: "quantized_by" in data,
      });
      relationSource = "rule";
    }
  }

  let newVersion: string | null = null;
  if (data.new_version !== undefined && data.new_version !== null) {
    const successor = normalizeBaseModels(data.new_version);
    newVersion = successor.ids[0] ?? null;
    if (newVersion === null && successor.dropped.length > 0) {
      problems.push({
        kind: "invalid-new-version",
        message: `new_version ${show(data.new_version)} is not a Hub model id; ignored`,
      });
    }
  }

  return {
    baseModels,
    relation,
    relationSource,
    license: stringList(data.license)[0] ?? null,
    newVersion,
    datasets: stringList(data.datasets),
    language: stringList(data.language),
    problems,
  };
}

/** Parses a raw README.md. Only a front matter that opens the file counts; a second block is body text. */
export function parseCard(text: string, context: CardContext = {}): ParsedCard {
  if (typeof text !== "string") {
    return {
      frontMatter: false,
      ...emptyLineage([{ kind: "not-text", message: `a card must be text, got ${typeof text}` }]),
    };
  }
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_CARD_BYTES) {
    return {
      frontMatter: false,
      ...emptyLineage([
        {
          kind: "too-large",
          message: `card is over the ${MAX_CARD_BYTES}-byte limit (${bytes} bytes read); not parsed, nothing inferred`,
        },
      ]),
    };
  }
  if (text.includes("\0")) {
    return {
      frontMatter: false,
      ...emptyLineage([
        { kind: "binary", message: "card contains NUL bytes: a binary file, not a README; not parsed" },
      ]),
    };
  }

  const split = splitFrontMatter(text);
  if (split.unclosed) {
    return {
      frontMatter: false,
      ...emptyLineage([
        {
          kind: "unclosed-front-matter",
          message: "card opens a front matter with --- but never closes it; read as no front matter",
        },
      ]),
    };
  }
  if (split.frontMatter === null) return { frontMatter: false, ...emptyLineage() };

  // model-index (benchmark results) is set aside unread: it is most of the largest cards and says nothing of lineage.
  const yaml = readYamlBounded(withoutModelIndex(split.frontMatter));
  if (!yaml.ok) {
    const message =
      yaml.kind === "yaml-error"
        ? `front matter is not valid YAML: ${yaml.message} (line 1 is the one after the opening ---)`
        : `front matter refused: ${yaml.message}`;
    return { frontMatter: true, ...emptyLineage([{ kind: yaml.kind, message }]) };
  }
  const data = yaml.value;
  if (data === null || data === undefined) return { frontMatter: true, ...emptyLineage() };
  if (!isRecord(data)) {
    const shape = Array.isArray(data) ? "a list" : `a ${typeof data}`;
    return {
      frontMatter: true,
      ...emptyLineage([
        { kind: "front-matter-not-a-mapping", message: `front matter is ${shape}, not a mapping of keys; ignored` },
      ]),
    };
  }
  return { frontMatter: true, ...readCardData(data, context) };
}
