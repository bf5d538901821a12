// Infers a model's parents from what the crawler can reach (card text, config files, GGUF metadata), with evidence.
import { isRecord } from "../../common/is-record";
import type { Evidence, ParentLink, Relation } from "../types";
import { frontMatterStrings, prepareCardForInference } from "./infer-card-text";
import { readCodeBlock, type CodeFinding } from "./infer-code-blocks";
import {
  FAMILY_MEMBER_IDS,
  sizesFromConfig,
  sizesInName,
  sizesInParameterPhrases,
  sizesInProse,
  type SizeClues,
} from "./infer-families";
import { MAX_CARD_BYTES } from "../card/parse-card";
import { readImageFamily } from "./infer-image-family";
import { readAdapterConfig, readConfig, readGgufMetadata } from "./infer-files";
import { HUB_URL, idKey, isModelId, modelName, parseHubUrlPath } from "./infer-hub-ids";
import { splitBlocks, type Block } from "./infer-markdown";
import { guessParentIds, guessQuantizedFamilyMember, readFamilyInOwnName, readOwnName } from "./infer-own-name";
import { readProse } from "./infer-prose";
import {
  cardKind,
  combine,
  decideRelation,
  demoteLessSpecific,
  round,
  summarizeEvidence,
  type Finding,
} from "./infer-scoring";

/**
 * Candidates at or above this confidence are the predictions (the edges the crawler stores as `inferred`).
 * At 0.5 a lone hint (a plain link, a name resemblance, a "version of") never passes; one explicit statement
 * ("fine-tuned version of", "Original model:", a mergekit entry, an adapter config) or two hints together do.
 */
export const DEFAULT_INFERENCE_THRESHOLD = 0.5;

export interface InferenceInput {
  /** The model's own id: mentions of itself are not parents, and its name carries hints ("-GGUF"). */
  id?: string;
  /** The README.md text; its declared base_model, base_model_relation and base_model:* tags are ignored. */
  cardText?: string;
  /** Parsed adapter_config.json. */
  adapterConfig?: unknown;
  /** Parsed config.json. */
  config?: unknown;
  /** GGUF header key/values (`general.source.repo_url`, `general.base_model.0.repo_url`, ...). */
  ggufMetadata?: Record<string, unknown>;
  /**
   * Ids the caller knows exist (the crawler's store). Used only to confirm ids guessed from the own id
   * (`org/X-GGUF` -> `org/X`) and bare ids in prose whose owner part reads as a model name; other ids the
   * evidence names are considered whether known or not.
   */
  knownIds?: (id: string) => boolean;
  /**
   * The current id of a model the Hub renamed (`meta-llama/Meta-Llama-3.1-8B-Instruct` ->
   * `meta-llama/Llama-3.1-8B-Instruct`), from the aliases the crawler records; null or the id itself when unknown.
   * Evidence about both spellings is then about one candidate.
   */
  resolveId?: (id: string) => string | null;
  /** Milliseconds since some origin: the clock of the time budget (default: this process's CPU time). */
  now?: () => number;
}

export interface Candidate {
  id: string;
  /** How it derives, or null when the evidence says "derived" without saying how. */
  relation: Relation | null;
  /** 0..1; predictions are those at or above DEFAULT_INFERENCE_THRESHOLD. */
  confidence: number;
  /** Strongest first: what was found where (`phrase`, `mergekit`, `gguf`...), and the not-parent readings too. */
  evidence: Evidence[];
}

/** A model's license linked from the front matter (`license_link: .../Qwen2.5-Coder-14B/blob/main/LICENSE`). */
const LICENSE_LINK_WEIGHT = 0.15;
/** A mergekit entry named only in one step of a multi-step recipe: likely an intermediate, not a Hub parent. */
const INTERMEDIATE_STEP_WEIGHT = 0.4;
/**
 * A recipe's `base_model` that the text leaves out while naming the recipe's other models ("a merge of the
 * following models: B, C"): the reference the merged models' differences are taken against, not one of them.
 */
const RECIPE_BASE_WEIGHT = 0.2;
/** Code that loads several different "base" models shows usage examples, not the one parent. */
const SEVERAL_BASES_FACTOR = 0.5;
const BASE_CODE_WEIGHT = 0.45;
/** "Quantized" phrases in a card that is not itself a quantization mostly announce its quantized children. */
const QUANTIZED_IN_FULL_MODEL_FACTOR = 0.5;
const MAX_SNIPPET = 220;
/** Code blocks read per card: real cards hold a few dozen; a card of thousands of fences is a flood. */
const MAX_CODE_BLOCKS = 200;
/**
 * The last guard against a card that is slow to read: every scan is linear, but a card that still takes longer
 * than this is given up on, and nothing is inferred from it (a half-read card could name the wrong parent).
 * Counted in CPU time, so that a machine busy with other work does not change what a card yields.
 */
export const INFERENCE_BUDGET_MS = 400;

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Every parent candidate considered for the model, strongest first, with its evidence. Never throws; a card over
 * MAX_CARD_BYTES, or one whose reading overruns INFERENCE_BUDGET_MS, gives no candidates.
 */
export function inferLineage(input: InferenceInput): Candidate[] {
  const now = input.now ?? cpuMilliseconds;
  const deadline = now() + INFERENCE_BUDGET_MS;
  const isSpent = (): boolean => now() > deadline;
  const cardText = typeof input.cardText === "string" ? input.cardText : "";
  if (cardText.length > MAX_CARD_BYTES || Buffer.byteLength(cardText, "utf8") > MAX_CARD_BYTES) return [];
  const candidates = readCandidates(input, cardText, isSpent);
  return isSpent() ? [] : candidates;
}

function readCandidates(input: InferenceInput, cardText: string, isSpent: () => boolean): Candidate[] {
  const selfId = input.id ?? null;
  const card = prepareCardForInference(cardText);
  const blocks = splitBlocks(card.body);
  const config = isRecord(input.config) ? input.config : null;
  const kind = cardKind(card.frontMatter, selfId, input.adapterConfig !== undefined);

  const found = new Map<string, { id: string; findings: Finding[] }>();
  const add = (named: string, finding: Finding): void => {
    const id = input.resolveId?.(named) ?? named;
    // The own name written without its owner (`# distilbert-NER`) is the model itself too.
    if (selfId !== null && (idKey(id) === idKey(selfId) || idKey(id) === idKey(modelName(selfId)))) return;
    const entry = found.get(idKey(id)) ?? { id, findings: [] };
    entry.findings.push({ ...finding, text: finding.text.slice(0, MAX_SNIPPET) });
    found.set(idKey(id), entry);
  };

  const prose = readProse(blocks, selfId, sizeClues(blocks, selfId, config), input.knownIds, isSpent);
  for (const { id, finding } of prose.findings) {
    const isChildAnnouncement = kind !== "quantized" && finding.kind === "phrase" && finding.relation === "quantized";
    add(id, isChildAnnouncement ? { ...finding, weight: finding.weight * QUANTIZED_IN_FULL_MODEL_FACTOR } : finding);
  }
  for (const f of readCode(blocks, selfId, prose.namedInProse, isSpent)) add(f.id, f);
  readFrontMatter(card.frontMatter, add);
  const imageFamily = readImageFamily(card.frontMatter, selfId);
  if (imageFamily !== null) add(imageFamily.id, imageFamily.finding);
  for (const f of readAdapterConfig(input.adapterConfig)) add(f.id, f);
  if (config) for (const f of readConfig(config, selfId)) add(f.id, f);
  if (input.ggufMetadata) for (const f of readGgufMetadata(input.ggufMetadata, selfId)) add(f.id, f);
  if (selfId !== null) readOwnId(selfId, found, input.knownIds, add);
  const familyInName = selfId === null ? null : readFamilyInOwnName(selfId);
  if (familyInName !== null) add(familyInName.id, { kind: "family-name", ...familyInName.finding });

  const notParents = new Map<string, Pick<Finding, "kind" | "text">>();
  for (const id of frontMatterStrings(card.frontMatter, "datasets"))
    notParents.set(idKey(id), { kind: "dataset", text: `the card lists ${id} under datasets` });
  for (const id of frontMatterStrings(card.frontMatter, "new_version"))
    notParents.set(idKey(id), { kind: "new-version", text: `${id} is this model's successor (new_version)` });

  const scored = [...found].map(([key, { id, findings }]) => {
    const excluded = notParents.get(key);
    if (excluded !== undefined) findings.push({ ...excluded, weight: 0, relation: null });
    return { id, findings, confidence: excluded !== undefined ? 0 : combine(findings) };
  });
  demoteLessSpecific(scored, kind, DEFAULT_INFERENCE_THRESHOLD, selfId);
  return scored
    .map(({ id, findings, confidence }) => ({
      id,
      relation: decideRelation(findings, kind),
      confidence,
      evidence: summarizeEvidence(findings),
    }))
    .sort((a, b) => b.confidence - a.confidence || a.id.localeCompare(b.id));
}

/** The predictions among candidates, as parent links the crawler can store with source `inferred`. */
export function toInferredLinks(candidates: Candidate[], threshold = DEFAULT_INFERENCE_THRESHOLD): ParentLink[] {
  return candidates
    .filter((c) => c.confidence >= threshold)
    .map((c) => ({
      id: c.id,
      relation: c.relation,
      source: "inferred",
      confidence: c.confidence,
      evidence: c.evidence,
    }));
}

/**
 * Code blocks, read one by one, then weighed together: in a multi-step merge recipe an entry the prose never
 * names is an intermediate step's output; several different "base" models in code are usage examples.
 */
function readCode(
  blocks: Block[],
  selfId: string | null,
  namedInProse: Set<string>,
  isSpent: () => boolean,
): CodeFinding[] {
  const perBlock = blocks
    .filter((b) => b.kind === "code" && !b.inOriginalCard)
    .slice(0, MAX_CODE_BLOCKS)
    .map((b) => (isSpent() ? [] : readCodeBlock(b.text, selfId)));
  const mergeSteps = perBlock.filter((fs) => fs.some((f) => f.kind === "mergekit")).length;
  // A recipe base is set apart only when the text names the recipe's other models and not the base.
  const unnamedBases = new Set(
    perBlock.flatMap((fs) => {
      const named = (f: CodeFinding): boolean => namedInProse.has(idKey(f.id));
      const base = fs.find((f) => f.kind === "mergekit" && f.isRecipeBase === true);
      const others = fs.filter((f) => f.kind === "mergekit" && f !== base);
      return base !== undefined && !named(base) && others.length > 0 && others.every(named) ? [base] : [];
    }),
  );
  const findings = perBlock.flat();
  const bases = new Set(
    findings.filter((f) => f.kind === "code" && f.weight >= BASE_CODE_WEIGHT).map((f) => idKey(f.id)),
  );
  return findings.map((f) => {
    if (unnamedBases.has(f)) {
      return {
        ...f,
        weight: RECIPE_BASE_WEIGHT,
        text: `${f.text} (the recipe's base_model; the text names the merged models without it)`,
      };
    }
    if (f.kind === "mergekit" && mergeSteps > 1 && !namedInProse.has(idKey(f.id))) {
      return {
        ...f,
        weight: INTERMEDIATE_STEP_WEIGHT,
        text: `${f.text} (one step of a ${mergeSteps}-step recipe, not named in the text)`,
      };
    }
    if (f.kind === "code" && bases.size > 1 && bases.has(idKey(f.id))) {
      return {
        ...f,
        weight: round(f.weight * SEVERAL_BASES_FACTOR),
        text: `${f.text} (one of ${bases.size} base models in the examples)`,
      };
    }
    return f;
  });
}

function sizeClues(blocks: Block[], selfId: string | null, config: Record<string, unknown> | null): SizeClues {
  const prose = blocks
    .filter((b) => (b.kind === "prose" || b.kind === "list-item") && !b.inOriginalCard)
    .map((b) => b.text)
    .join("\n");
  return {
    ownName: selfId === null ? [] : sizesInName(modelName(selfId)),
    parameterPhrases: sizesInParameterPhrases(prose),
    configByFamily: config === null ? new Map() : sizesFromConfig(config),
    prose: sizesInProse(prose),
  };
}

function readFrontMatter(frontMatter: Record<string, unknown>, add: (id: string, finding: Finding) => void): void {
  for (const link of frontMatterStrings(frontMatter, "license_link")) {
    const match = new RegExp(HUB_URL.source, "i").exec(link);
    const target = match ? parseHubUrlPath(match[1] ?? "") : null;
    if (target?.kind === "model")
      add(target.id, {
        kind: "license-link",
        text: `license_link: ${link}`,
        weight: LICENSE_LINK_WEIGHT,
        relation: null,
      });
  }
}

/** Own-id hints for every candidate found, and ids guessed from the own id when they are known to exist. */
function readOwnId(
  selfId: string,
  found: Map<string, { id: string; findings: Finding[] }>,
  knownIds: ((id: string) => boolean) | undefined,
  add: (id: string, finding: Finding) => void,
): void {
  // The family table's checkpoints are known to exist, so `Qwen/Qwen2.5-7B-Instruct` can propose `Qwen/Qwen2.5-7B`.
  const isKnown = (id: string): boolean => FAMILY_MEMBER_IDS.has(idKey(id)) || (knownIds?.(id) ?? false);
  const reupload = guessQuantizedFamilyMember(selfId);
  for (const guess of [...guessParentIds(selfId), ...(reupload === null ? [] : [reupload])]) {
    if (!found.has(idKey(guess)) && isModelId(guess) && isKnown(guess))
      found.set(idKey(guess), { id: guess, findings: [] });
  }
  for (const { id, findings } of [...found.values()]) {
    // A name that only an embedded copy of another card mentions is that card's business.
    if (findings.length > 0 && findings.every((f) => f.kind === "original-card")) continue;
    const finding = readOwnName(selfId, id);
    if (finding !== null) add(id, { kind: "own-name", ...finding });
  }
}
