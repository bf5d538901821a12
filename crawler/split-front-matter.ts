// Splits a model card into its YAML front matter and its markdown body.
// Only a block that starts the file counts (a UTF-8 BOM and trailing spaces on the fences are tolerated);
// any later `---` block is body text, as on the Hub.

export interface SplitCard {
  /** The YAML between the fences, or null when the card has no front matter. */
  frontMatter: string | null;
  /** Everything after the closing fence (the whole text when there is no front matter). */
  body: string;
  /** 1-based line on which the body starts, for pointing at evidence. */
  bodyStartLine: number;
  /** Set when the card opens a front matter but never closes it. */
  unclosed: boolean;
}

const FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(---|\.\.\.)[ \t]*$/;

export function splitFrontMatter(text: string): SplitCard {
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = content.split(/\r?\n/);
  if (lines.length === 0 || !FENCE.test(lines[0])) {
    return { frontMatter: null, body: content, bodyStartLine: 1, unclosed: false };
  }
  for (let i = 1; i < lines.length; i++) {
    if (CLOSING_FENCE.test(lines[i])) {
      return {
        frontMatter: lines.slice(1, i).join("\n"),
        body: lines.slice(i + 1).join("\n"),
        bodyStartLine: i + 2,
        unclosed: false,
      };
    }
  }
  return { frontMatter: null, body: content, bodyStartLine: 1, unclosed: true };
}
