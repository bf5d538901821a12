// Unit tests of splitFrontMatter: which block counts as a card's front matter.
import { splitFrontMatter } from "../../../lineage/card/split-front-matter";

describe("splitFrontMatter", () => {
  it("splits a block that opens the file", () => {
    expect(splitFrontMatter("---\na: 1\nb: 2\n---\n# Title\ntext")).toEqual({
      frontMatter: "a: 1\nb: 2",
      body: "# Title\ntext",
      bodyStartLine: 5,
      unclosed: false,
    });
  });

  it("finds no front matter when the file does not open with a fence", () => {
    const text = "# Title\n---\na: 1\n---\n";
    expect(splitFrontMatter(text)).toEqual({ frontMatter: null, body: text, bodyStartLine: 1, unclosed: false });
  });

  it("keeps a second block in the body", () => {
    const split = splitFrontMatter("---\na: 1\n---\n---\nb: 2\n---\nbody");
    expect(split.frontMatter).toBe("a: 1");
    expect(split.body).toBe("---\nb: 2\n---\nbody");
  });

  it("accepts blank lines and a BOM before the opening fence, as the Hub does", () => {
    expect(splitFrontMatter("\n\n---\na: 1\n---\nbody").frontMatter).toBe("a: 1");
    expect(splitFrontMatter(" \t\n---\na: 1\n---\n").frontMatter).toBe("a: 1");
    expect(splitFrontMatter("\ufeff---\na: 1\n---\n").frontMatter).toBe("a: 1");
  });

  it("reads \\r\\n, lone \\r and \\r\\r\\n line ends", () => {
    expect(splitFrontMatter("---\r\na: 1\r\n---\r\nbody").frontMatter).toBe("a: 1");
    expect(splitFrontMatter("---\ra: 1\r---\rbody").frontMatter).toBe("a: 1");
    const split = splitFrontMatter("---\r\r\na: 1\r\r\nb: 2\r\r\n---\r\r\nbody");
    expect(split.frontMatter).toBe("\na: 1\n\nb: 2\n");
    expect(split.body).toBe("\nbody");
  });

  it("tolerates trailing spaces on the fences and a `...` closing fence", () => {
    expect(splitFrontMatter("--- \na: 1\n---\t\n").frontMatter).toBe("a: 1");
    expect(splitFrontMatter("---\na: 1\n...\nbody").frontMatter).toBe("a: 1");
  });

  it("reports a block that is never closed", () => {
    const text = "---\na: 1\n# no closing fence";
    expect(splitFrontMatter(text)).toEqual({ frontMatter: null, body: text, bodyStartLine: 1, unclosed: true });
  });

  it("is not fooled by a fence-like line that is not exactly ---", () => {
    expect(splitFrontMatter("----\na: 1\n----\n").frontMatter).toBeNull();
    expect(splitFrontMatter("--- a: 1\n---\n").frontMatter).toBeNull();
  });
});
