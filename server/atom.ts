// An Atom 1.0 (RFC 4287) writer: every text and attribute escaped, ids checked as absolute IRIs, dates as RFC 3339.

export interface AtomPerson {
  name: string;
  uri?: string;
}

export interface AtomLink {
  href: string;
  rel?: "alternate" | "self" | "related";
  type?: string;
}

export interface AtomCategory {
  term: string;
  label?: string;
}

export interface AtomEntry {
  /** A permanent, unique absolute IRI (a `urn:uuid:` or `tag:` URI). */
  id: string;
  title: string;
  /** RFC 3339. */
  updated: string;
  published?: string;
  links: AtomLink[];
  summary?: string;
  authors?: AtomPerson[];
  categories?: AtomCategory[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  links: AtomLink[];
  /** Atom needs an author on the feed unless every entry has one. */
  authors: AtomPerson[];
  generator?: { name: string; uri?: string };
  entries: AtomEntry[];
}

/** A feed that would not be valid Atom: `field` names what, `value` what it held. */
export class AtomFeedError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly value: unknown,
  ) {
    super(message);
    this.name = "AtomFeedError";
  }
}

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

// Characters XML 1.0 cannot carry at all, even escaped (C0 controls other than tab and line ends, lone
// surrogates, U+FFFE/U+FFFF): removed rather than let them break every reader.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe inside an element or a quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A date-time as RFC 3339 (section 5.6) writes it, naming a day and time that exist. */
export function isRfc3339(text: string): boolean {
  const match = RFC3339.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second <= 60;
}

const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;

function checkId(id: string, field: string): void {
  if (!ABSOLUTE_IRI.test(id))
    throw new AtomFeedError(
      `${field} must be an absolute IRI such as urn:uuid:..., got ${JSON.stringify(id)}`,
      field,
      id,
    );
}

function checkDate(date: string, field: string): void {
  if (!isRfc3339(date))
    throw new AtomFeedError(`${field} must be an RFC 3339 date-time, got ${JSON.stringify(date)}`, field, date);
}

function element(name: string, text: string, indent: string): string {
  return `${indent}<${name}>${escapeXml(text)}</${name}>\n`;
}

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
}

function person(tag: "author", who: AtomPerson, indent: string): string {
  const uri = who.uri === undefined ? "" : element("uri", who.uri, `${indent}  `);
  return `${indent}<${tag}>\n${element("name", who.name, `${indent}  `)}${uri}${indent}</${tag}>\n`;
}

function link(value: AtomLink, indent: string): string {
  return `${indent}<link${attributes({ rel: value.rel, type: value.type, href: value.href })}/>\n`;
}

function entryXml(entry: AtomEntry, index: number): string {
  const where = `entries[${index}]`;
  checkId(entry.id, `${where}.id`);
  checkDate(entry.updated, `${where}.updated`);
  if (entry.published !== undefined) checkDate(entry.published, `${where}.published`);
  const indent = "    ";
  return (
    "  <entry>\n" +
    element("id", entry.id, indent) +
    element("title", entry.title, indent) +
    element("updated", entry.updated, indent) +
    (entry.published === undefined ? "" : element("published", entry.published, indent)) +
    (entry.authors ?? []).map((who) => person("author", who, indent)).join("") +
    entry.links.map((value) => link(value, indent)).join("") +
    (entry.categories ?? [])
      .map((c) => `${indent}<category${attributes({ term: c.term, label: c.label })}/>\n`)
      .join("") +
    (entry.summary === undefined ? "" : `${indent}<summary type="text">${escapeXml(entry.summary)}</summary>\n`) +
    "  </entry>\n"
  );
}

/** The feed as an Atom document; throws AtomFeedError on a bad id or date, or a missing author. */
export function writeAtomFeed(feed: AtomFeed): string {
  checkId(feed.id, "id");
  checkDate(feed.updated, "updated");
  if (feed.authors.length === 0 && feed.entries.some((entry) => !entry.authors?.length)) {
    throw new AtomFeedError("a feed without an author needs one on every entry", "authors", feed.authors);
  }
  const entryIds = new Set<string>();
  feed.entries.forEach((entry, index) => {
    if (entryIds.has(entry.id))
      throw new AtomFeedError(`entries[${index}].id repeats an earlier entry's id`, `entries[${index}].id`, entry.id);
    entryIds.add(entry.id);
  });
  const indent = "  ";
  const generator = feed.generator
    ? `${indent}<generator${attributes({ uri: feed.generator.uri })}>${escapeXml(feed.generator.name)}</generator>\n`
    : "";
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom">\n' +
    element("id", feed.id, indent) +
    element("title", feed.title, indent) +
    (feed.subtitle === undefined ? "" : element("subtitle", feed.subtitle, indent)) +
    element("updated", feed.updated, indent) +
    feed.links.map((value) => link(value, indent)).join("") +
    feed.authors.map((who) => person("author", who, indent)).join("") +
    generator +
    feed.entries.map(entryXml).join("") +
    "</feed>\n"
  );
}
