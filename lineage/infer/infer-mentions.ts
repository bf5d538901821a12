// Finds where a text names a Hub model: huggingface.co links (markdown, HTML or bare URLs) and bare `owner/name` ids.
import { HUB_URL, isHubModelId, LEGACY_FAMILIES, ownerReadsAsModelName, parseHubUrlPath } from "./infer-hub-ids";

export interface Mention {
  id: string;
  /** Span in the text, covering the whole markdown or HTML link when there is one. */
  start: number;
  end: number;
  via: "link" | "bare";
  /** A link to a file inside the repository (`/blob/main/LICENSE`, `/resolve/main/x.png`), not to the model. */
  isFile: boolean;
  /**
   * A bare id whose owner part reads as a model name (`Llm-1.5b-base/Llm-7b-base`, two sizes named in prose):
   * to be taken for an id only when the caller knows it exists.
   */
  needsConfirmation: boolean;
}

/** Longer id-shaped runs are not ids (a Hub id is at most 96 + 1 + 96 characters). */
const MAX_ID_LENGTH = 200;
const ANY_URL = /\bhttps?:\/\/[^\s)\]"'<>`]+/gi;
const BARE_ID = /(?<![\w./:@#=%~-])([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)(?![\w/])/g;
/**
 * An owner-less legacy id written whole in prose (`bert-base-uncased`, "Language model: roberta-large"): the
 * family alone ("a BERT model") is a word, so a variant part is required.
 */
const BARE_LEGACY_ID = new RegExp(`(?<![\\w./:@#=%~-])(?:${LEGACY_FAMILIES})-[a-z0-9][a-z0-9-]*(?![\\w/-])`, "gi");

/**
 * The model mentions of a text, in order. Links to datasets, spaces, collections and other sites are not
 * mentions, and an id-shaped text inside them is not one either. At most `limit` links and `limit` bare ids are
 * read (a flood of ids is cut short rather than read whole).
 */
export function findMentions(text: string, limit = Number.POSITIVE_INFINITY): Mention[] {
  const mentions: Mention[] = [];
  // Lower-cased once: a link span looks for its `</a>` in it, for every mention.
  const lower = text.toLowerCase();
  const spans: { start: number; end: number }[] = [];
  const mask = (start: number, end: number): void => {
    spans.push({ start, end });
  };

  for (const match of text.matchAll(HUB_URL)) {
    if (mentions.length >= limit) break;
    const urlStart = match.index;
    const url = trimUrl(match[0]);
    const urlEnd = urlStart + url.length;
    const target = parseHubUrlPath(url.replace(/^[^/]*\/\/[^/]*/, ""));
    const span = linkSpan(text, lower, urlStart, urlEnd);
    mask(span.start, span.end);
    if (target.kind === "model")
      mentions.push({
        id: target.id,
        start: span.start,
        end: span.end,
        via: "link",
        isFile: target.isFile,
        needsConfirmation: false,
      });
  }
  const rest = blankOut(text, spans);
  // An id-shaped text of another site's link (`[cg123/mergekit](https://github.com/...)`) names that site's repo.
  for (const match of rest.matchAll(ANY_URL)) {
    const span = linkSpan(text, lower, match.index, match.index + trimUrl(match[0]).length);
    mask(span.start, span.end);
  }
  const bare = blankOut(text, spans);
  const links = mentions.length;
  for (const match of bare.matchAll(BARE_ID)) {
    if (mentions.length - links >= limit) break;
    if (match[1].length > MAX_ID_LENGTH) continue;
    const id = trimEnd(match[1], ".-");
    if (!isHubModelId(id) || !looksLikeBareId(id)) continue;
    const span = linkSpan(text, lower, match.index, match.index + id.length);
    mentions.push({
      id,
      start: span.start,
      end: span.end,
      via: "bare",
      isFile: false,
      needsConfirmation: ownerReadsAsModelName(id.slice(0, id.indexOf("/"))),
    });
  }
  const bareIds = mentions.length;
  for (const match of bare.matchAll(BARE_LEGACY_ID)) {
    if (mentions.length - bareIds >= limit) break;
    const id = trimEnd(match[0], "-");
    const span = linkSpan(text, lower, match.index, match.index + id.length);
    mentions.push({ id, start: span.start, end: span.end, via: "bare", isFile: false, needsConfirmation: false });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** The text with the spans (in any order, possibly overlapping) replaced by spaces, its length unchanged. */
function blankOut(text: string, spans: { start: number; end: number }[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let cursor = 0;
  for (const { start, end } of sorted) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    parts.push(text.slice(cursor, from), " ".repeat(end - from));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}

/**
 * Prose is full of slashes ("and/or", "Linux/macOS", "1Gbit/s", "ViT-L/14"); a bare id must look like one: both
 * parts of two characters or more, a name that is not a bare number, and a digit, dash, dot or underscore.
 */
function looksLikeBareId(id: string): boolean {
  const [owner, name] = id.split("/");
  if (owner.length < 2 || name.length < 2 || /^\d+$/.test(name) || /^\d[\d.]*[a-z]*$/i.test(owner)) return false;
  return /[\d\-_.]/.test(owner + name);
}

function trimUrl(url: string): string {
  return trimEnd(url, ".,;:!?*_");
}

/** Drops trailing characters of `chars`; a loop, since /[...]+$/ is quadratic on a long run of them. */
function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * Widens a URL (or id) to the markdown `[text](url)` or HTML `<a href="url">text</a>` around it. Every scan is
 * bounded (LINK_REACH characters), so a text of thousands of links costs linear time.
 */
function linkSpan(text: string, lower: string, start: number, end: number): { start: number; end: number } {
  if (text.slice(start - 2, start) === "](") {
    const open = matchingBracket(text, start - 2);
    const close = text.slice(end, end + 200).indexOf(")");
    if (open >= 0) return { start: open, end: close >= 0 ? end + close + 1 : end };
  }
  const anchor = anchorStart(lower, start);
  if (anchor >= 0) {
    const close = lower.slice(end, end + LINK_REACH).indexOf("</a>");
    return { start: anchor, end: close >= 0 ? end + close + 4 : end };
  }
  return { start, end };
}

const LINK_REACH = 300;

/** Where `<a ... href="` opens right before `position` (within LINK_REACH characters), or -1. */
function anchorStart(lower: string, position: number): number {
  // `href=`, `href="` or `href='` ends right before the URL; anything else is no anchor.
  if (!`="'`.includes(lower[position - 1] ?? "x")) return -1;
  const from = Math.max(0, position - LINK_REACH);
  const window = lower.slice(from, position);
  const at = window.lastIndexOf("<a");
  if (at < 0) return -1;
  const open = from + at;
  const tag = window.slice(at);
  return /^<a\s[^<>]*href=["']?$/.test(tag) ? open : -1;
}

/** Index of the `[` that opens the bracket closed at `closeIndex`, allowing nested brackets (image links). */
function matchingBracket(text: string, closeIndex: number): number {
  let depth = 0;
  for (let i = closeIndex; i >= 0 && closeIndex - i < 500; i--) {
    if (text[i] === "]") depth++;
    else if (text[i] === "[") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
