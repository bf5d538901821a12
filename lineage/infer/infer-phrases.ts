// The phrases around a model mention that make it a parent ("fine-tuned version of") or mere mention ("outperforms").
import type { Relation } from "../types";
import {
  AFTER_CONFIRMS,
  ARCHITECTURE_ONLY,
  COMPONENT_AFTER,
  COMPONENT_LABEL,
  PARENT_AFTER_CUES,
  PARENT_CUES,
} from "./infer-phrase-cues";
import { NOT_PARENT_CUES, type NotParentReason } from "./infer-not-parent-cues";
import { describesOtherModels } from "./infer-subject";

export type Verdict =
  | {
      role: "parent";
      relation: Relation | null;
      weight: number;
      cue: string;
      isSource: boolean;
      allowsSeveral: boolean;
    }
  | { role: "not-parent"; reason: NotParentReason; cue: string }
  | { role: "neutral" };

/** Cleans a context for matching: lower case, no markdown emphasis, HTML tags or repeated spaces. */
function normalizeContext(text: string): string {
  return text
    .replace(/<[^<>]+>/g, " ")
    .replace(/[*_`~"“”]+/g, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** A mention followed by a comma or parenthesis and a clause: what comes next describes that mention. */
const CLAUSE_ABOUT_PREVIOUS = /§\s*(?:,|\(|-{1,2}|–)\s*(?:(?:which|that|who|itself)\b[^§]*|(?:a|an|the)\s[^§]*)?$/;

/** Weight kept by the second and later items of an enumeration after a one-parent cue. */
const ENUMERATION_FACTOR = 0.5;

/** What may precede a label cue: list markers, markup, "the" ("The base model is ..."). */
const LABEL_PREFIX = /^[^a-z0-9]*(?:(?:the|its|our|this model's|[a-z]+'s)\s+)?$/;

/** Between a cue and a family name ("built on the open-source Qwen2.5"): descriptive words only, no other name. */
const DESCRIPTIVE_GAP = new RegExp(
  "^\\s*(?:(?:the|a|an|open-?source|original|official|base|pre-?trained|foundation|powerful|popular|latest|" +
    "excellent|[a-z]+'s)\\s+)*$",
);

/**
 * Decides what a mention is from the text before it (sentence start to mention, earlier mentions written as §)
 * and after it. The nearest cue wins, so "built on Qwen2.5 and outperforms X" keeps X a competitor.
 * With `selfName` (the model's own name), a cue whose sentence is about other models ("X-Distill-8B is derived
 * from") names their parent, not this model's.
 */
export function classifyContext(
  before: string,
  after: string,
  strictGap = false,
  selfName: string | null = null,
): Verdict {
  const text = normalizeContext(before).trimEnd();
  const label = COMPONENT_LABEL.exec(text);
  if (label) return { role: "not-parent", reason: "component", cue: label[0].replace(/^\W+/, "") };
  let best: { end: number; verdict: Verdict } | null = null;
  for (const cue of PARENT_CUES) {
    for (const match of text.matchAll(cue.pattern)) {
      const end = match.index + match[0].length;
      const gap = text.slice(end);
      if (cue.anchored && !LABEL_PREFIX.test(text.slice(0, match.index))) continue;
      if (strictGap ? !DESCRIPTIVE_GAP.test(`${gap} `) : !isAcceptableGap(gap, cue.maxGap)) continue;
      if (
        best === null ||
        end > best.end ||
        (end === best.end && best.verdict.role === "parent" && cue.weight > best.verdict.weight)
      ) {
        // "[X], which is a version of [Y]" / "[X] (a fine-tune of [Y])": the cue is about X, so Y is an ancestor.
        if (CLAUSE_ABOUT_PREVIOUS.test(text.slice(0, match.index))) {
          best = { end, verdict: { role: "not-parent", reason: "ancestor", cue: match[0].trim() } };
          continue;
        }
        if (selfName !== null && describesOtherModels(text.slice(0, match.index), selfName)) {
          best = { end, verdict: { role: "not-parent", reason: "other-model", cue: match[0].trim() } };
          continue;
        }
        // A fine-tune has one parent: in "distilled from A, B and C" only A is read as the parent.
        const isLaterItem = gap.includes("§") && !cue.allowsSeveral;
        const weight = isLaterItem ? cue.weight * ENUMERATION_FACTOR : cue.weight;
        best = {
          end,
          verdict: {
            role: "parent",
            relation: cue.relation,
            weight,
            cue: match[0].trim(),
            isSource: cue.isSource === true,
            allowsSeveral: cue.allowsSeveral === true,
          },
        };
      }
    }
  }
  for (const cue of NOT_PARENT_CUES) {
    for (const match of text.matchAll(cue.pattern)) {
      const end = match.index + match[0].length;
      if (best === null || end >= best.end)
        best = { end, verdict: { role: "not-parent", reason: cue.reason, cue: match[0].trim() } };
    }
  }
  if (best !== null && best.verdict.role === "not-parent") return best.verdict;
  const next = normalizeContext(after);
  const architecture = ARCHITECTURE_ONLY.exec(next);
  if (architecture) return { role: "not-parent", reason: "architecture", cue: architecture[0].replace(/^\W+/, "") };
  const component = COMPONENT_AFTER.exec(next);
  if (component) return { role: "not-parent", reason: "component", cue: component[0].replace(/^\W+/, "") };
  let verdict: Verdict = best?.verdict ?? { role: "neutral" };
  if (verdict.role === "parent" && verdict.weight < AFTER_CONFIRMS.weight && AFTER_CONFIRMS.pattern.test(next)) {
    // "a version of [X], fine-tuned on ...": the words after confirm a weak cue.
    verdict = { ...verdict, relation: verdict.relation ?? "finetune", weight: AFTER_CONFIRMS.weight };
  }
  for (const cue of PARENT_AFTER_CUES) {
    const match = cue.pattern.exec(next);
    if (match && (verdict.role !== "parent" || cue.weight > verdict.weight)) {
      verdict = {
        role: "parent",
        relation: cue.relation,
        weight: cue.weight,
        cue: match[0].replace(/^\W+/, "").trim(),
        isSource: cue.isSource === true,
        allowsSeveral: cue.allowsSeveral === true,
      };
    }
  }
  return verdict;
}

/** Punctuation ending a clause, or a word starting a new one: what a description never holds. */
const CLAUSE_IN_GAP = new RegExp(
  "[.,;!?](\\s|$)|\\b(?:and|but|which|that|while|with|on|using|by|in|than|this|these|our|called|named|here|at|" +
    "below|above)\\b",
);

/**
 * The words between a cue and its mention may only be a short description ("the open-source", "Meta's
 * original") or an enumeration of earlier mentions (§, § and §), never a new clause.
 */
function isAcceptableGap(gap: string, maxGap: number): boolean {
  let rest = gap;
  if (rest.includes("§"))
    rest = rest
      .replace(/§/g, " ")
      .replace(/(?:^|\s)(?:and|or|&|\+|\/)(?=\s|$)/g, " ")
      .replace(/,/g, " ");
  rest = rest.replace(/[\s:\-–([]+/g, " ").trim();
  if (rest.length > maxGap) return false;
  // Another model's name in between is the cue's real object ("GGUF version of Llama3-8B-Chat-v2 at [link]").
  if (rest.split(" ").some((word) => word.length >= 5 && /[a-z]/.test(word) && /\d/.test(word))) return false;
  return !CLAUSE_IN_GAP.test(rest);
}
