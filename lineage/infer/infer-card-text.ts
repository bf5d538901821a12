// Prepares a model card for inference: parses its front matter and hides what the card declares about its parents.
import { readYamlBounded, withoutModelIndex } from "../card/read-yaml-bounded";
import { splitFrontMatter } from "../card/split-front-matter";

export interface CardForInference {
  /** Front matter without `base_model`, `base_model_relation` and `base_model:*` tags; {} when absent or broken. */
  frontMatter: Record<string, unknown>;
  /** The markdown body (a second front-matter block at its top is treated as front matter too). */
  body: string;
}

const DECLARED_KEYS = ["base_model", "base_model_relation"];
const LEADING_FENCE = /^\s*---[ \t]*\r?\n/;

export function prepareCardForInference(cardText: string): CardForInference {
  const split = splitFrontMatter(cardText);
  let body = split.body;
  const blocks: string[] = split.frontMatter === null ? [] : [split.frontMatter];
  // Some cards carry a second metadata block right under the first (a template pasted twice); its declared
  // base_model is as much a declaration as the first one's, so it is hidden the same way.
  if (blocks.length > 0 && LEADING_FENCE.test(body)) {
    const second = splitFrontMatter(body.replace(/^\s+/, ""));
    if (second.frontMatter !== null) {
      blocks.push(second.frontMatter);
      body = second.body;
    }
  }
  const frontMatter: Record<string, unknown> = {};
  for (const block of blocks) {
    // YAML that does not parse, or is refused as too large or complex, tells nothing; the body is still read.
    const yaml = readYamlBounded(withoutModelIndex(block));
    const value = yaml.ok ? yaml.value : null;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, entry] of Object.entries(value)) if (!(key in frontMatter)) frontMatter[key] = entry;
    }
  }
  return { frontMatter: hideDeclaredParents(frontMatter), body };
}

/** A copy of the front matter without the parent declarations the inference must not see. */
export function hideDeclaredParents(frontMatter: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(frontMatter)) {
    if (DECLARED_KEYS.includes(key)) continue;
    copy[key] =
      key === "tags" && Array.isArray(value)
        ? value.filter((tag) => !(typeof tag === "string" && tag.toLowerCase().startsWith("base_model:")))
        : value;
  }
  return copy;
}

/** The strings of a front-matter field that may be a string or a list of strings. */
export function frontMatterStrings(frontMatter: Record<string, unknown>, key: string): string[] {
  const value = frontMatter[key];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/**
 * The own id of a card saved as `owner_name.md` (the naming of ../shared/hub-data/cards): the first `_` is the
 * `/`, unless the card links to an id that maps to the same file name (owners may contain `_`). Null when the
 * name has no `_`.
 */
export function idFromCardFileName(fileName: string, cardText: string): string | null {
  const stem = fileName.replace(/^.*[\\/]/, "").replace(/\.md$/i, "");
  for (const match of cardText.matchAll(/huggingface\.co\/([\w.-]+\/[\w.-]+)/g)) {
    if (match[1].replace("/", "_").toLowerCase() === stem.toLowerCase()) return match[1];
  }
  const underscore = stem.indexOf("_");
  return underscore <= 0 ? null : `${stem.slice(0, underscore)}/${stem.slice(underscore + 1)}`;
}
