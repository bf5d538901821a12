// Cuts a card body into the blocks whose kind decides what a model mention there means (prose, list, table, code).

export type BlockKind = "prose" | "list-item" | "table-row" | "heading" | "code";

export interface Block {
  kind: BlockKind;
  text: string;
  /** Text of the nearest heading above the block, or null. */
  heading: string | null;
  /** For a list item: the prose line that introduces the list; for a table row: the table's header row. */
  leadIn: string | null;
  /** True for the first prose, list or table after its heading: a "## Base model" heading labels it. */
  opensSection: boolean;
  /**
   * True inside an embedded copy of another model's card ("# Original model card" in quantizers' cards): what
   * that text says about lineage is about the parent, not about this model.
   */
  inOriginalCard: boolean;
}

const FENCE = /^\s*(```+|~~~+)/;
const HTML_HEADING = /^\s*<h([1-6])[^<>]*>(.*?)<\/h\1>\s*$/i;
const LIST_ITEM = /^\s*(?:[-*+•]|\d+[.)])\s+/;
const TABLE_ROW = /^\s*\|/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const ORIGINAL_CARD =
  /\boriginal\s+(model\s+)?(card|readme)\b|\bmodel\s+card\s+of\s+the\s+original\b|\boriginal\s+model'?s?\s+card\b/i;

/** Removes HTML comments, keeping line breaks so that blocks stay on their lines. */
export function stripHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(-->|$)/g, (comment) => comment.replace(/[^\n]/g, " "));
}

/**
 * The text of an ATX heading (`## Base model ##`), or null. Read with index steps rather than the regex
 * /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/, whose lazy middle and trailing runs are cubic on a run of spaces.
 */
export function readHeading(line: string): string | null {
  let i = 0;
  while (i < 3 && line[i] === " ") i++;
  let hashes = 0;
  while (line[i + hashes] === "#") hashes++;
  if (hashes < 1 || hashes > 6) return null;
  const rest = line.slice(i + hashes);
  if (!/^\s/.test(rest)) return null;
  // One closing run of #s goes, with the spaces around it.
  let end = rest.trimEnd().length;
  while (end > 0 && rest[end - 1] === "#") end--;
  return rest.slice(0, end).trim();
}

/** The blocks of a card body, in order; paragraphs are joined into one prose block, code keeps its lines. */
export function splitBlocks(body: string): Block[] {
  const lines = stripHtmlComments(body).split(/\r?\n/);
  const blocks: Block[] = [];
  let heading: string | null = null;
  let sectionOpen = false;
  let inOriginalCard = false;
  let paragraph: string[] = [];
  let listLeadIn: string | null = null;
  let lastProse: string | null = null;
  let tableHeader: string | null = null;

  const push = (kind: BlockKind, text: string, extra: Partial<Block> = {}): void => {
    const opensSection = sectionOpen && kind !== "heading" && kind !== "code";
    if (opensSection) sectionOpen = false;
    blocks.push({ kind, text, heading, leadIn: null, opensSection, inOriginalCard, ...extra });
  };
  const flushParagraph = (): void => {
    if (paragraph.length === 0) return;
    const text = paragraph.join(" ");
    push("prose", text);
    lastProse = text;
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      flushParagraph();
      const code: string[] = [];
      const marker = fence[1];
      let j = i + 1;
      while (j < lines.length && !lines[j].trim().startsWith(marker)) code.push(lines[j++]);
      push("code", code.join("\n"));
      i = j;
      continue;
    }
    const headingText = readHeading(line) ?? HTML_HEADING.exec(line)?.[2] ?? null;
    if (headingText !== null) {
      flushParagraph();
      const text = headingText.replace(/<[^<>]+>/g, " ").trim();
      if (ORIGINAL_CARD.test(text)) inOriginalCard = true;
      heading = text;
      push("heading", text);
      sectionOpen = true;
      listLeadIn = null;
      lastProse = null;
      tableHeader = null;
      continue;
    }
    if (line.trim() === "") {
      flushParagraph();
      continue;
    }
    if (TABLE_ROW.test(line) || (TABLE_SEPARATOR.test(lines[i + 1] ?? "") && line.includes("|"))) {
      flushParagraph();
      if (TABLE_SEPARATOR.test(line)) continue;
      const continuesTable = TABLE_ROW.test(lines[i - 1] ?? "") || TABLE_SEPARATOR.test(lines[i - 1] ?? "");
      if (tableHeader === null || !continuesTable) tableHeader = line;
      push("table-row", line, { leadIn: tableHeader });
      continue;
    }
    tableHeader = null;
    if (LIST_ITEM.test(line)) {
      flushParagraph();
      if (listLeadIn === null) listLeadIn = lastProse;
      push("list-item", line.replace(LIST_ITEM, ""), { leadIn: listLeadIn });
      continue;
    }
    if (
      /^\s{2,}\S/.test(line) &&
      blocks.length > 0 &&
      blocks[blocks.length - 1].kind === "list-item" &&
      paragraph.length === 0
    ) {
      // A wrapped continuation of the list item above.
      blocks[blocks.length - 1].text += ` ${line.trim()}`;
      continue;
    }
    listLeadIn = null;
    const prose = line.replace(/^\s*>+\s?/, "");
    if (ORIGINAL_CARD.test(prose) && /^\W*(original|\*)/i.test(prose.trim()) && prose.length < 120)
      inOriginalCard = true;
    paragraph.push(prose.trim());
  }
  flushParagraph();
  return blocks;
}
