// Finds where a text names a Hub model: huggingface.co links (markdown, HTML or bare URLs) and bare `owner/name` ids.
import { HUB_URL, isHubModelId, ownerReadsAsModelName, parseHubUrlPath } from "./infer-hub-ids";

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

const ANY_URL = /\bhttps?:\/\/[^\s)\]"'<>`]+/gi;
const BARE_ID = /(?<![\w./:@#=%~-])([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)(?![\w/])/g;

/**
 * The model mentions of a text, in order. Links to datasets, spaces, collections and other sites are not
 * mentions, and an id-shaped text inside them is not one either.
 */
export function findMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  const masked = text.split("");
  const mask = (start: number, end: number): void => {
    for (let i = start; i < end; i++) masked[i] = " ";
  };

  for (const match of text.matchAll(HUB_URL)) {
    const urlStart = match.index;
    const url = trimUrl(match[0]);
    const urlEnd = urlStart + url.length;
    const target = parseHubUrlPath(url.replace(/^[^/]*\/\/[^/]*/, ""));
    const span = linkSpan(text, urlStart, urlEnd);
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
  const rest = masked.join("");
  // An id-shaped text of another site's link (`[cg123/mergekit](https://github.com/...)`) names that site's repo.
  for (const match of rest.matchAll(ANY_URL)) {
    const span = linkSpan(text, match.index, match.index + trimUrl(match[0]).length);
    mask(span.start, span.end);
  }
  const bare = masked.join("");
  for (const match of bare.matchAll(BARE_ID)) {
    const id = match[1].replace(/[.-]+$/, "");
    if (!isHubModelId(id) || !looksLikeBareId(id)) continue;
    const span = linkSpan(text, match.index, match.index + id.length);
    mentions.push({
      id,
      start: span.start,
      end: span.end,
      via: "bare",
      isFile: false,
      needsConfirmation: ownerReadsAsModelName(id.slice(0, id.indexOf("/"))),
    });
  }
  return mentions.sort((a, b) => a.start - b.start);
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
  return url.replace(/[.,;:!?*_]+$/, "");
}

/** Widens a URL (or id) to the markdown `[text](url)` or HTML `<a href="url">text</a>` around it. */
function linkSpan(text: string, start: number, end: number): { start: number; end: number } {
  if (text.slice(start - 2, start) === "](") {
    const open = matchingBracket(text, start - 2);
    const close = text.indexOf(")", end);
    if (open >= 0) return { start: open, end: close >= 0 && close - end < 200 ? close + 1 : end };
  }
  const before = text.slice(Math.max(0, start - 300), start);
  const anchor = /<a\s[^>]*href=["']?$/i.exec(before);
  if (anchor) {
    const close = text.toLowerCase().indexOf("</a>", end);
    return { start: start - (before.length - anchor.index), end: close >= 0 ? close + 4 : end };
  }
  return { start, end };
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
