// Reads an Atom document back the way feed readers do (feedparser, a real RSS/Atom parser) and as strict XML
// (saxes), so the feed tests check what a reader gets, not what the writer meant.
import FeedParser from "feedparser";
import { SaxesParser } from "saxes";

export interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** feedparser in strict mode: rejects what is not well-formed XML or not a feed. */
export function parseWithFeedparser(xml: string): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ strict: true, normalize: true, addmeta: false });
    const items: FeedParser.Item[] = [];
    let meta: FeedParser.Meta | null = null;
    parser.on("error", reject);
    parser.on("meta", (value: FeedParser.Meta) => {
      meta = value;
    });
    parser.on("readable", function (this: FeedParser) {
      for (let item = this.read(); item !== null; item = this.read()) items.push(item);
    });
    parser.on("end", () => (meta ? resolve({ meta, items }) : reject(new Error("feedparser saw no feed"))));
    parser.end(xml);
  });
}

/** Element texts by path (`feed/entry/id`), in document order, from a namespace-aware strict XML parse. */
export function readXmlTexts(xml: string): { root: { name: string; uri: string }; texts: Map<string, string[]> } {
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  const texts = new Map<string, string[]>();
  let text = "";
  let root: { name: string; uri: string } | null = null;
  parser.on("opentag", (tag) => {
    root ??= { name: tag.local, uri: tag.uri };
    stack.push(tag.local);
    text = "";
  });
  parser.on("text", (value) => {
    text += value;
  });
  parser.on("closetag", () => {
    const path = stack.join("/");
    texts.set(path, [...(texts.get(path) ?? []), text]);
    stack.pop();
    text = "";
  });
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  if (root === null) throw new Error("no root element");
  return { root, texts };
}

/** RFC 3339 section 5.6 date-time, checked apart from the writer's own check. */
export function isRfc3339DateTime(text: string): boolean {
  return (
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(
      text,
    ) && !Number.isNaN(Date.parse(text))
  );
}

export const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
