// Splits a model card into its YAML front matter and its markdown body.
// Only a block that opens the file counts, as on the Hub: blank lines and a UTF-8 BOM may precede it (the Hub
// reads those cards' metadata too), trailing spaces on the fences are tolerated, and any later `---` block is
// body text. Lines may end in \n, \r\n or a lone \r (some real cards use \r\r\n).

export interface SplitCard {
  /** The YAML between the fences, lines joined with \n, or null when the card has no front matter. */
  frontMatter: string | null;
  /** Everything after the closing fence (the whole text when there is no front matter). */
  body: string;
  /** 1-based line on which the body starts, for pointing at evidence. */
  bodyStartLine: number;
  /** Set when the card opens a front matter but never closes it. */
  unclosed: boolean;
}

const LINE_BREAK = /\r\n|\r|\n/;
const FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(---|\.\.\.)[ \t]*$/;

export function splitFrontMatter(text: string): SplitCard {
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The first line that is not blank is found without splitting the card: most cards open no front matter, and
  // one of a million line breaks would be a million lines (\s is the set of characters trim() removes).
  const first = content.search(/\S/);
  const lineStart = first < 0 ? 0 : Math.max(content.lastIndexOf("\n", first), content.lastIndexOf("\r", first)) + 1;
  if (first < 0 || !FENCE.test(content.slice(lineStart).split(LINE_BREAK, 1)[0])) {
    return { frontMatter: null, body: content, bodyStartLine: 1, unclosed: false };
  }
  const lines = content.split(LINE_BREAK);
  let open = 0;
  while (open < lines.length && lines[open].trim() === "") open++;
  if (open === lines.length || !FENCE.test(lines[open])) {
    return { frontMatter: null, body: content, bodyStartLine: 1, unclosed: false };
  }
  for (let i = open + 1; i < lines.length; i++) {
    if (CLOSING_FENCE.test(lines[i])) {
      return {
        frontMatter: lines.slice(open + 1, i).join("\n"),
        body: lines.slice(i + 1).join("\n"),
        bodyStartLine: i + 2,
        unclosed: false,
      };
    }
  }
  return { frontMatter: null, body: content, bodyStartLine: 1, unclosed: true };
}
