// Turns the findings about one candidate parent into a confidence and a relation.
import type { Evidence, Relation } from "../types";
import { frontMatterStrings } from "./infer-card-text";
import { modelName, modelOwner } from "./infer-hub-ids";
import { hasQuantSuffix } from "./infer-own-name";
import { inferRelationRule } from "../card/infer-relation-rule";

/** One piece of evidence about one candidate: its kind, what the card says, how much it weighs (0..1). */
export interface Finding {
  kind: string;
  text: string;
  weight: number;
  relation: Relation | null;
  /** Set when the statement names what this model was converted or quantized from ("Original model:"). */
  isSource?: boolean;
  /** Set when the statement may name several parents ("merge of", "Base models:"); others name one. */
  severalAllowed?: boolean;
}

export interface ScoredCandidate {
  id: string;
  findings: Finding[];
  confidence: number;
}

/**
 * Kinds that state a parent outright. The others (a plain link, the own id's name, a family resolved by size,
 * a license link) hint at one.
 */
const EXPLICIT_KINDS = new Set([
  "phrase",
  "mergekit",
  "training-config",
  "code",
  "adapter-config",
  "gguf",
  "config",
  "table-component",
]);

/** Hints that name a model as this one's parent without a statement: they carry a relation, a link does not. */
const NAMING_KINDS = new Set(["own-name", "family", "family-name", "family-tag"]);

/** What a candidate keeps of its confidence when the card names another parent outright and it has only hints. */
const DEMOTION_FACTOR = 0.5;
/**
 * A quantization has one parent, the model it quantized: in its card, once that source is named, any other
 * model's claim (a "based on Llama 2" copied from the original card) is the source's own lineage.
 */
const BESIDE_QUANTIZED_SOURCE_FACTOR = 0.25;
/** What an ancestor keeps when the card also names the intermediate of its own line it was tuned from. */
const ANCESTOR_FACTOR = 0.2;
const MAX_EVIDENCE = 8;
/** How many one-parent claims about different models make a card ambiguous. */
const CONFLICTING_CLAIMS = 3;

/**
 * Kinds that are one signal read twice: a family named in the prose and in the own id rest on the same family
 * table's choice of member, so they do not confirm each other.
 */
const SAME_SIGNAL = new Map([["family-name", "family"]]);

/** Independent signals reinforce each other (noisy-or); repeats of one kind count once, at their best. */
export function combine(findings: Finding[]): number {
  const best = new Map<string, number>();
  for (const f of findings) {
    const kind = SAME_SIGNAL.get(f.kind) ?? f.kind;
    best.set(kind, Math.max(best.get(kind) ?? 0, f.weight));
  }
  let miss = 1;
  for (const weight of best.values()) miss *= 1 - weight;
  return round(1 - miss);
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * When the card names a parent outright, weaker readings of the same card are most likely something else:
 * a family resolved from a name ("a specialised SDXL model") or a name resemblance behind a named checkpoint;
 * and, in a quantizer's card, a fine-tune claim copied from the original model's card behind the model that was
 * quantized. `threshold` is the prediction threshold: "outright" means explicit evidence reaching it.
 */
export function demoteLessSpecific(
  scored: ScoredCandidate[],
  kind: Relation | null,
  threshold: number,
  selfId: string | null = null,
): void {
  const explicit = (c: ScoredCandidate): number => combine(c.findings.filter((f) => EXPLICIT_KINDS.has(f.kind)));
  // In a quantizer's card, the source is what an explicit statement names without calling it a fine-tune's
  // parent: "quantized version of", "Original model:", "conversion of", a GGUF header.
  const isQuantizedOf = (c: ScoredCandidate): boolean =>
    combine(c.findings.filter((f) => EXPLICIT_KINDS.has(f.kind) && (f.isSource === true || f.kind === "gguf"))) >=
    threshold;
  const hasNamedParent = scored.some((c) => explicit(c) >= threshold);
  const hasQuantizedParent = kind === "quantized" && scored.some(isQuantizedOf);
  // Three or more parents each claimed by a one-parent statement ("distilled from A", "from B", "from C"):
  // the repository holds several models, and no single claim can be trusted as this model's parent.
  const singleParentClaims =
    kind === "merge"
      ? []
      : scored.filter(
          (c) =>
            combine(
              c.findings.filter(
                (f) =>
                  EXPLICIT_KINDS.has(f.kind) &&
                  f.relation !== "merge" &&
                  f.severalAllowed !== true &&
                  f.kind !== "mergekit",
              ),
            ) >= threshold,
        );
  if (singleParentClaims.length >= CONFLICTING_CLAIMS) {
    for (const candidate of singleParentClaims) candidate.confidence = round(candidate.confidence * DEMOTION_FACTOR);
  } else if (singleParentClaims.length === 2 && selfId !== null) {
    // An SFT -> DPO chain: the card says it was tuned from its own SFT checkpoint and, repeating that
    // checkpoint's card, from the base. The one of the model's own line (same owner, same leading name) is the
    // direct parent; the other is its ancestor.
    const ownLine = singleParentClaims.filter((c) => isSameLine(selfId, c.id));
    if (ownLine.length === 1) {
      for (const candidate of singleParentClaims)
        if (candidate !== ownLine[0]) {
          candidate.confidence = round(candidate.confidence * ANCESTOR_FACTOR);
        }
    }
  }
  for (const candidate of scored) {
    if (hasQuantizedParent && !isQuantizedOf(candidate)) {
      candidate.confidence = round(candidate.confidence * BESIDE_QUANTIZED_SOURCE_FACTOR);
    } else if (hasNamedParent && explicit(candidate) < threshold) {
      candidate.confidence = round(candidate.confidence * DEMOTION_FACTOR);
    }
  }
  // Families named as parents of different members ("v1.0 was based on Llama 2", "based on Llama 3"): the one
  // the card says most often stands; a tie leaves no family trustworthy.
  const statements = (c: ScoredCandidate): number =>
    c.findings.filter((f) => f.kind === "family" && f.weight > 0).length;
  const familyOnly = scored
    .filter((c) => statements(c) > 0 && c.findings.every((f) => f.kind === "family" || f.weight === 0))
    .sort((a, b) => statements(b) - statements(a));
  if (familyOnly.length > 1) {
    const keep = statements(familyOnly[0]) > statements(familyOnly[1]) ? 1 : 0;
    for (const candidate of familyOnly.slice(keep))
      candidate.confidence = round(candidate.confidence * DEMOTION_FACTOR);
  }
}

/** Same owner and same first word of the name (`org/starchat2-15b-sft-v0.1` for `org/starchat2-15b-v0.1`). */
function isSameLine(selfId: string, candidateId: string): boolean {
  const owner = modelOwner(selfId);
  if (owner === null || owner.toLowerCase() !== modelOwner(candidateId)?.toLowerCase()) return false;
  const firstWord = (id: string): string => modelName(id).toLowerCase().split(/[-_.]/)[0];
  return firstWord(selfId).length > 0 && firstWord(selfId) === firstWord(candidateId);
}

/** Strongest evidence first, each statement once. */
export function summarizeEvidence(findings: Finding[]): Evidence[] {
  const seen = new Set<string>();
  const evidence: Evidence[] = [];
  for (const f of [...findings].sort((a, b) => b.weight - a.weight)) {
    const key = `${f.kind}\u0000${f.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    evidence.push({ kind: f.kind, text: f.text });
    if (evidence.length === MAX_EVIDENCE) break;
  }
  return evidence;
}

/**
 * What the card's own metadata says this model is, by the project's relation rule (lineage/card/infer-relation-rule.ts,
 * the way the Hub decides a relation it is not told): a quantizer's marks, an adapter's, a merge's. Null when
 * nothing says (the rule's fall-back "finetune" tells nothing here).
 */
export function cardKind(
  frontMatter: Record<string, unknown>,
  selfId: string | null,
  hasAdapterConfig: boolean,
): Relation | null {
  if (hasAdapterConfig) return "adapter";
  const relation = inferRelationRule({
    parentCount: 1,
    tags: frontMatterStrings(frontMatter, "tags"),
    libraryName: typeof frontMatter.library_name === "string" ? frontMatter.library_name : null,
    id: selfId,
    hasQuantizedBy: "quantized_by" in frontMatter,
  });
  if (relation !== "finetune") return relation;
  // Format conversions ("-onnx", "-mlx", "-llamafile") are not quantization words to the rule, but such a
  // repository is its source's copy in another form, as a quantization is.
  return selfId !== null && hasQuantSuffix(selfId) ? "quantized" : null;
}

/**
 * The relation of one candidate: file evidence and mergekit decide; otherwise what the card is (a quantization,
 * an adapter) wins over a generic "fine-tuned" phrase; otherwise the strongest phrase; evidence of lineage that
 * does not say how ("Base model:") reads as a fine-tune, as on the Hub. Null without evidence of lineage.
 */
export function decideRelation(findings: Finding[], kind: Relation | null): Relation | null {
  const byStrength = [...findings].filter((f) => f.weight > 0).sort((a, b) => b.weight - a.weight);
  // A model only linked or named has no relation to speak of.
  if (!byStrength.some((f) => EXPLICIT_KINDS.has(f.kind) || NAMING_KINDS.has(f.kind))) return null;
  for (const decisive of ["adapter-config", "gguf", "mergekit"]) {
    const f = byStrength.find((x) => x.kind === decisive && x.relation !== null);
    if (f) return f.relation;
  }
  const stated = byStrength.find((f) => f.relation !== null && f.kind !== "own-name");
  if (kind !== null && (stated === undefined || stated.relation === "finetune" || stated.relation === kind))
    return kind;
  if (stated !== undefined) return stated.relation;
  const named = byStrength.find((f) => f.relation !== null);
  return named !== undefined ? named.relation : "finetune";
}
