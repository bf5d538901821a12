// writeAtomFeed: hostile text escaped, readable by a real feed parser, invalid ids and dates refused.
import { AtomFeedError, escapeXml, isRfc3339, writeAtomFeed, type AtomFeed } from "../../server/atom";
import { parseWithFeedparser, readXmlTexts } from "./feed-readers";

const HOSTILE = `a & b <script>alert("x")</script> 'q' ]]> \u0001\u0008\uFFFE end`;

function feed(overrides: Partial<AtomFeed> = {}): AtomFeed {
  return {
    id: "urn:uuid:6f2f0a4e-1c3b-5d7e-8a9b-0c1d2e3f4a5b",
    title: HOSTILE,
    updated: "2025-08-01T10:00:00.000Z",
    links: [{ rel: "self", href: `https://example.invalid/api/forks.atom?root=a&b="c"` }],
    authors: [{ name: HOSTILE }],
    entries: [
      {
        id: "urn:uuid:0e6c0c0c-2b2b-5c3c-9d4d-5e5e6f6f7a7a",
        title: HOSTILE,
        updated: "2025-08-01T10:00:00.000Z",
        published: "2025-07-31T23:59:60Z",
        links: [{ rel: "alternate", type: "text/html", href: "https://huggingface.co/a/b?x=1&y=<2>" }],
        summary: HOSTILE,
        categories: [{ term: `t"&<`, label: "l'" }],
      },
    ],
    ...overrides,
  };
}

const CLEANED = `a & b <script>alert("x")</script> 'q' ]]>  end`;

describe("writeAtomFeed", () => {
  it("escapes every text and attribute, drops characters XML cannot carry, and stays well-formed", async () => {
    const xml = writeAtomFeed(feed());
    const { root, texts } = readXmlTexts(xml);
    expect(root).toEqual({ name: "feed", uri: "http://www.w3.org/2005/Atom" });
    expect(texts.get("feed/title")).toEqual([CLEANED]);
    expect(texts.get("feed/entry/summary")).toEqual([CLEANED]);
    expect(texts.get("feed/author/name")).toEqual([CLEANED]);
    const parsed = await parseWithFeedparser(xml);
    expect(parsed.meta["#type"]).toBe("atom");
    // feedparser strips markup from titles as readers do; the escaped text itself arrived intact (above).
    expect(parsed.meta.title).toBe(`a & b alert("x") 'q' ]]>  end`);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0].link).toBe("https://huggingface.co/a/b?x=1&y=%3C2%3E");
    expect(parsed.items[0].guid).toBe("urn:uuid:0e6c0c0c-2b2b-5c3c-9d4d-5e5e6f6f7a7a");
    expect(parsed.items[0].categories).toEqual([`t"&<`]);
  });

  it.each([
    ["feed id", { id: "not an iri" }, "id"],
    ["feed date", { updated: "2025-08-01 10:00:00" }, "updated"],
    ["entry date", { entries: [{ ...feed().entries[0], updated: "2025-02-30T00:00:00Z" }] }, "entries[0].updated"],
    ["entry id", { entries: [{ ...feed().entries[0], id: "relative/id" }] }, "entries[0].id"],
    ["repeated entry id", { entries: [feed().entries[0], feed().entries[0]] }, "entries[1].id"],
    ["missing author", { authors: [] }, "authors"],
  ])("refuses a bad %s", (_what, overrides, field) => {
    expect(() => writeAtomFeed(feed(overrides as Partial<AtomFeed>))).toThrow(AtomFeedError);
    try {
      writeAtomFeed(feed(overrides as Partial<AtomFeed>));
    } catch (error) {
      expect((error as AtomFeedError).field).toBe(field);
    }
  });
});

describe("isRfc3339", () => {
  it.each(["2025-08-01T10:00:00Z", "2025-08-01T10:00:00.123Z", "2024-02-29T00:00:00+05:30", "2016-12-31T23:59:60Z"])(
    "accepts %s",
    (date) => {
      expect(isRfc3339(date)).toBe(true);
    },
  );
  it.each([
    "2025-08-01",
    "2025-08-01T10:00Z",
    "2025-13-01T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2025-08-01T24:00:00Z",
    "2025-08-01t10:00:00z",
    "",
  ])("refuses %j", (date) => {
    expect(isRfc3339(date)).toBe(false);
  });
});

describe("escapeXml", () => {
  it("escapes the five markup characters", () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  });
});
