// Reads what the prose, lists and tables of a card say about each model they name (links, ids, family names).
import { foldModelName, idKey, modelName, parseHubUrlPath } from "./infer-hub-ids";
import { MODEL_FAMILIES, resolveFamily, type SizeClues } from "./infer-families";
import type { Block } from "./infer-markdown";
import { findMentions, type Mention } from "./infer-mentions";
import { classifyContext, type Verdict } from "./infer-phrases";
import type { Finding } from "./infer-scoring";
import { lowerBound } from "../../common/lower-bound";

/**
 * Mentions and family names read per card: a real card names a few dozen models, a listing a few hundred; past
 * this a card is a flood, and reading each one's sentence would cost more than the card is worth.
 */
const MAX_READINGS = 1000;
/** A mention with nothing around it that says lineage: worth listing, not predicting. */
const PLAIN_LINK_WEIGHT = 0.2;
const BARE_ID_WEIGHT = 0.15;
const FILE_LINK_WEIGHT = 0.05;
/** A cue found on the line introducing a list, or on the heading of the section, counts a little less. */
const LEAD_IN_FACTOR = 0.95;
/** What an explicit cue keeps when it points at a file inside a repository rather than at the repository. */
const FILE_LINK_FACTOR = 0.5;
/** "Fine-tuned on [X]" where X links to a model, not a dataset. */
const TUNED_ON_MODEL_WEIGHT = 0.7;
/** A "Base model | X" row of a table. */
const TABLE_LABEL_WEIGHT = 0.9;
/** In the model's own row of a table whose column says "base" / "LLM" / "vision part". */
const TABLE_COMPONENT_WEIGHT = 0.85;

export interface ProseReading {
  findings: { id: string; finding: Finding }[];
  /** Ids named outside code blocks (a mergekit step's output is named only inside them). */
  namedInProse: Set<string>;
}

/**
 * Reads every prose, list, heading and table block; `selfId` mentions are the model itself, never parents.
 * `knownIds` confirms the bare ids that read as prose more than as ids (an owner part that is a model name);
 * `isSpent` says the card's time budget is spent, and reading stops at the next block.
 */
export function readProse(
  blocks: Block[],
  selfId: string | null,
  clues: SizeClues,
  knownIds?: (id: string) => boolean,
  isSpent: () => boolean = () => false,
): ProseReading {
  const findings: { id: string; finding: Finding }[] = [];
  const namedInProse = new Set<string>();
  // Each mention or family name read costs one reading of its sentence; the card's readings are capped.
  let readings = 0;
  const mayRead = (): boolean => ++readings <= MAX_READINGS && (readings % 64 !== 0 || !isSpent());
  for (let at = 0; at < blocks.length; at++) {
    const block = blocks[at];
    if (block.kind === "code") continue;
    // The clock is read every 32 blocks: a card of 60,000 one-line blocks would spend a tenth of its budget on it.
    if (readings >= MAX_READINGS || (at % 32 === 0 && isSpent())) break;
    const mentions = findMentions(block.text, MAX_READINGS)
      .filter((m) => !m.needsConfirmation || (knownIds?.(m.id) ?? false))
      .slice(0, MAX_READINGS - readings);
    for (let index = 0; index < mentions.length && mayRead(); index++) {
      const mention = mentions[index];
      if (!block.inOriginalCard) namedInProse.add(idKey(mention.id));
      findings.push({ id: mention.id, finding: readMention(block, index, mentions, selfId) });
    }
    if (!block.inOriginalCard) findings.push(...readFamilies(block, mentions, clues, selfId, mayRead));
  }
  return { findings, namedInProse };
}

function readMention(block: Block, index: number, all: Mention[], selfId: string | null): Finding {
  const mention = all[index];
  const snippet = snippetAround(block.text, mention);
  if (block.inOriginalCard) {
    return {
      kind: "original-card",
      text: `inside an embedded copy of another model's card: ${snippet}`,
      weight: 0,
      relation: null,
    };
  }
  if (block.kind === "table-row") return readTableMention(block, mention, snippet, selfId);
  let next: Mention | undefined;
  for (let i = index + 1; i < all.length && next === undefined; i++) if (all[i].start >= mention.end) next = all[i];
  const selfName = selfId === null ? null : modelName(selfId);
  let verdict = classifyContext(
    maskedBefore(block.text, mention, all, selfId),
    block.text.slice(mention.end, Math.min(mention.end + 120, next?.start ?? Infinity)),
    false,
    selfName,
  );
  let factor = 1;
  if (verdict.role === "neutral" && block.kind === "list-item" && block.leadIn !== null) {
    verdict = classifyContext(block.leadIn, "", false, selfName);
    factor = LEAD_IN_FACTOR;
  }
  if (verdict.role === "neutral" && block.opensSection && block.heading !== null && isNearStart(block.text, mention)) {
    verdict = classifyContext(`${block.heading}:`, "", false, selfName);
    factor = LEAD_IN_FACTOR;
  }
  // "fine-tuned on [X]" names a dataset as a rule, but a link to a model repository names the model trained.
  if (verdict.role === "not-parent" && verdict.reason === "dataset" && mention.via === "link" && !mention.isFile) {
    if (TUNED_ON.test(verdict.cue)) {
      return {
        kind: "phrase",
        text: `"${verdict.cue}" a model: ${snippet}`,
        weight: TUNED_ON_MODEL_WEIGHT,
        relation: "finetune",
      };
    }
  }
  return findingFor(verdict, factor, mention, snippet);
}

const TUNED_ON = /^(?:fine-?tuned|tuned|trained) on$/;

function findingFor(verdict: Verdict, factor: number, mention: Mention, snippet: string): Finding {
  if (verdict.role === "parent") {
    // A link into a repository's files names a file; a repository holding several checkpoints is their container.
    const weight = verdict.weight * factor * (mention.isFile ? FILE_LINK_FACTOR : 1);
    const where = mention.isFile ? " (a link to a file in that repository)" : "";
    return {
      kind: "phrase",
      text: `"${verdict.cue}"${where}: ${snippet}`,
      weight,
      relation: verdict.relation,
      isSource: verdict.isSource,
      severalAllowed: verdict.allowsSeveral,
    };
  }
  if (verdict.role === "not-parent") {
    return { kind: verdict.reason, text: `"${verdict.cue}": ${snippet}`, weight: 0, relation: null };
  }
  if (mention.isFile) return { kind: "file-link", text: snippet, weight: FILE_LINK_WEIGHT, relation: null };
  return mention.via === "link"
    ? { kind: "link", text: snippet, weight: PLAIN_LINK_WEIGHT, relation: null }
    : { kind: "mention", text: snippet, weight: BARE_ID_WEIGHT, relation: null };
}

const COMPONENT_COLUMN = new RegExp(
  "\\b(base|backbone|llm|language (?:part|model)|vision (?:part|encoder|tower)|text encoder|parent|original|" +
    "initiali[sz]ed from|fine-?tuned from|foundation)\\b",
  "i",
);
const LABEL_CELL = new RegExp(
  "^\\s*(?:base|parent|original|source|foundation|backbone|pre-?trained) (?:models?|llms?|checkpoints?)\\s*$|" +
    "^\\s*(?:fine-?tuned|trained|initiali[sz]ed) from(?: model)?\\s*$",
  "i",
);

/**
 * Tables mostly compare (benchmarks) or list files; a table names a parent only in a "Base model | X" row,
 * or in a component column ("Language Part") of the row that describes this very model.
 */
function readTableMention(block: Block, mention: Mention, snippet: string, selfId: string | null): Finding {
  const row = tableRow(block);
  const cells = row.cells;
  const cellIndex = cellAt(row, mention.start);
  if (cellIndex > 0 && LABEL_CELL.test(stripMarkup(cells[0]))) {
    return {
      kind: "phrase",
      text: `"${stripMarkup(cells[0]).trim()}" row: ${snippet}`,
      weight: TABLE_LABEL_WEIGHT,
      relation: null,
    };
  }
  const header = row.header;
  const isOwnRow = selfId !== null && foldModelName(stripMarkup(cells[0])) === foldModelName(modelName(selfId));
  if (cellIndex > 0 && isOwnRow && COMPONENT_COLUMN.test(stripMarkup(header[cellIndex] ?? ""))) {
    return {
      kind: "table-component",
      text: `column "${stripMarkup(header[cellIndex]).trim()}": ${snippet}`,
      weight: TABLE_COMPONENT_WEIGHT,
      relation: null,
    };
  }
  return { kind: "table", text: `named in a table (a comparison or a listing): ${snippet}`, weight: 0, relation: null };
}

interface TableRow {
  cells: string[];
  header: string[];
  /** Where the row's pipes are, and where its first cell starts (after a leading pipe). */
  pipes: number[];
  start: number;
}

/** Each table row split once, however many mentions it holds (a row of 50,000 cells is one flood). */
const TABLE_ROWS = new WeakMap<Block, TableRow>();

function tableRow(block: Block): TableRow {
  let row = TABLE_ROWS.get(block);
  if (row === undefined) {
    const pipes: number[] = [];
    for (let at = block.text.indexOf("|"); at >= 0; at = block.text.indexOf("|", at + 1)) pipes.push(at);
    row = {
      cells: splitRow(block.text),
      header: block.leadIn !== null && block.leadIn !== block.text ? splitRow(block.leadIn) : [],
      pipes,
      start: pipes.length > 0 && pipes[0] === block.text.search(/\S/) ? pipes[0] + 1 : 0,
    };
    TABLE_ROWS.set(block, row);
  }
  return row;
}

function splitRow(row: string): string[] {
  return row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|");
}

/** The cell holding `position`: the pipes between the first cell's start and it. */
function cellAt(row: TableRow, position: number): number {
  return Math.max(0, pipesBefore(row.pipes, position) - pipesBefore(row.pipes, row.start));
}

function pipesBefore(pipes: number[], position: number): number {
  return lowerBound(pipes.length, (i) => pipes[i] < position);
}

function stripMarkup(text: string): string {
  return text
    .replace(/<[^<>]+>/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "");
}

/**
 * Text from the start of the mention's sentence to the mention, with earlier mentions written as § (or as
 * "this model" for the model itself, whose description is not about another model).
 */
function maskedBefore(text: string, mention: Mention, all: Mention[], selfId: string | null): string {
  const start = sentenceStart(text, mention.start);
  let before = "";
  let cursor = start;
  for (const other of mentionsNear(all, start, mention.start)) {
    if (other.end <= start || other.start >= mention.start) continue;
    const isSelf = selfId !== null && idKey(other.id) === idKey(selfId);
    before += text.slice(cursor, Math.max(cursor, other.start)) + (isSelf ? "this model" : "§");
    cursor = Math.max(cursor, other.end);
  }
  return before + text.slice(cursor, mention.start);
}

/** Longest span a mention covers (a markdown or HTML link around its URL). */
const MAX_SPAN = 1000;

/**
 * The mentions (sorted by start) that may overlap [from, to): found by binary search, so that reading each of
 * thousands of mentions does not walk all the others.
 */
function mentionsNear(sorted: Mention[], from: number, to: number): Mention[] {
  const low = lowerBound(sorted.length, (i) => sorted[i].start < from - MAX_SPAN);
  const near: Mention[] = [];
  for (let i = low; i < sorted.length && sorted[i].start < to; i++) near.push(sorted[i]);
  return near;
}

function sentenceStart(text: string, position: number): number {
  const window = Math.max(0, position - 300);
  for (let i = position - 1; i > window; i--) {
    if (
      /[.!?]/.test(text[i]) &&
      /\s/.test(text[i + 1] ?? "") &&
      !/\b(?:e\.g|i\.e|vs|etc|approx|incl)$/i.test(text.slice(Math.max(0, i - 6), i))
    ) {
      return i + 1;
    }
  }
  return window;
}

function isNearStart(text: string, mention: Mention): boolean {
  return sentenceStart(text, mention.start) === 0 || mention.start < 80;
}

/** The sentence around a mention, links shortened to the Hub id they point at (or dropped for other sites). */
function snippetAround(text: string, mention: Mention): string {
  const start = sentenceStart(text, mention.start);
  const rest = text.slice(mention.end, mention.end + 300);
  const endMatch = /[.!?](\s|$)/.exec(rest);
  const end = mention.end + (endMatch ? endMatch.index + 1 : Math.min(rest.length, 120));
  return text
    .slice(start, end)
    .replace(/\]\(((?:[^()]|\([^)]*\))*)\)/g, (_link, url: string) => {
      const hub = /^\s*https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)(\/\S*)/i.exec(url);
      const target = hub ? parseHubUrlPath(hub[1]) : null;
      return target?.kind === "model" ? `](${target.id})` : "]";
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** No size clues: in a table only a size written with the name ("Qwen2.5-72B") singles out a member. */
const NO_CLUES: SizeClues = { ownName: [], parameterPhrases: [], configByFamily: new Map(), prose: [] };

/**
 * Families named as parents ("built on the open-source Qwen2.5 model"), resolved to one member when possible.
 * A family member named with its size in a table (a benchmark column) is listed as considered and dismissed.
 */
function readFamilies(
  block: Block,
  mentions: Mention[],
  clues: SizeClues,
  selfId: string | null,
  mayRead: () => boolean,
): { id: string; finding: Finding }[] {
  const results: { id: string; finding: Finding }[] = [];
  const inTable = block.kind === "table-row";
  const selfName = selfId === null ? null : modelName(selfId);
  for (const family of MODEL_FAMILIES) {
    for (const match of block.text.matchAll(family.pattern)) {
      if (!mayRead()) return results;
      const start = match.index;
      const end = start + match[0].length;
      // Inside a model link or id the link's own id is more precise.
      if (mentionsNear(mentions, start, end).some((m) => start < m.end && end > m.start)) continue;
      if (isInsideUrl(block.text, start)) continue;
      const pseudo: Mention = {
        id: family.name,
        start: linkStart(block.text, start),
        end,
        via: "bare",
        isFile: false,
        needsConfirmation: false,
      };
      if (inTable) {
        const member = resolveFamily(family, afterFamilyName(block.text, end), NO_CLUES);
        if (member !== null && member.certainty < 1) {
          const text =
            `${family.name} named in a table (a comparison or a listing): ` + `${snippetAround(block.text, pseudo)}`;
          results.push({ id: member.id, finding: { kind: "table", text, weight: 0, relation: null } });
        }
        continue;
      }
      const afterName = afterFamilyName(block.text, end).replace(
        /^[\s-]*(?:\d+(?:\.\d+)?\s?[bB]\b)?[\s-]*(?:(?:instruct|chat|it)\b)?/i,
        "",
      );
      let verdict = classifyContext(maskedBefore(block.text, pseudo, mentions, selfId), afterName, true, selfName);
      let factor = 1;
      if (verdict.role === "neutral" && block.kind === "list-item" && block.leadIn !== null && pseudo.start < 4) {
        verdict = classifyContext(block.leadIn, "", true, selfName);
        factor = LEAD_IN_FACTOR;
      }
      if (verdict.role !== "parent") continue;
      const resolution = resolveFamily(family, afterFamilyName(block.text, end), clues);
      if (resolution === null) continue;
      results.push({
        id: resolution.id,
        finding: {
          kind: "family",
          text: `"${verdict.cue}" ${family.name} (${resolution.how}): ${snippetAround(block.text, pseudo)}`,
          weight: verdict.weight * factor * resolution.certainty,
          relation: verdict.relation,
        },
      });
    }
  }
  return results;
}

/** Looks back 300 characters at most: a walk to the last space is quadratic in text without spaces. */
function isInsideUrl(text: string, position: number): boolean {
  const window = text.slice(Math.max(0, position - 300), position);
  const wordStart = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\t"), window.lastIndexOf("\n")) + 1;
  return /https?:\/\/\S*$/.test(window.slice(wordStart)) || /\]\([^)]*$/.test(window.slice(-200));
}

/** For a family named as a link's text ("[Qwen2.5](collection)"), the cue stands before the `[`. */
function linkStart(text: string, position: number): number {
  if (text[position] === "[") return position;
  if (text[position - 1] === "[") return position - 1;
  return text[position - 2] === "[" ? position - 2 : position;
}

/** The words after a family name, skipping the rest of its link ("[Qwen2.5](...) model" -> " model"). */
function afterFamilyName(text: string, end: number): string {
  const rest = text.slice(end, end + 300);
  const link = /^\]\((?:[^()]|\([^)]*\))*\)/.exec(rest);
  return link ? rest.slice(link[0].length) : rest;
}
