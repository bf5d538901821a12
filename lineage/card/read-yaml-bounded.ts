// Parses untrusted YAML (a card's front matter, a config in a code block) in bounded time and memory, never throwing.
import { parseDocument } from "yaml";

/**
 * The `yaml` parser's cost grows with nesting: a line of `: : : ...` or a run of `[` nests one level per token, and
 * 100 KB of either takes seconds (1 MB: a minute). Such text is refused by a linear scan before it is parsed.
 * Limits sit above anything in the 4,600 recorded cards once `model-index` is set aside: at most 44 KB, 4,048
 * structural tokens, flow nesting 2, 10 indicators on a line.
 */
export const YAML_LIMITS = {
  /** Bytes parsed at most, after a front matter's `model-index` is set aside (the recorded cards reach 44 KB). */
  maxBytes: 128 * 1024,
  /** `[` and `{` open at once. */
  maxFlowDepth: 32,
  /** `- `, `? ` and `: ` on one line, outside quotes: each opens a nested collection. */
  maxIndicatorsPerLine: 16,
  /** Structural tokens in all (`- `, `? `, `: `, `[`, `{`, `,`, `&`, `*`): the parser's cost is per node. */
  maxTokens: 6_000,
  /** Alias expansions while building the value (the billion-laughs guard of the `yaml` package). */
  maxAliasCount: 100,
  /** Levels of nesting kept in the value; deeper values are refused. */
  maxDepth: 64,
} as const;

export type YamlResult =
  | { ok: true; value: unknown }
  | { ok: false; kind: "yaml-error" | "yaml-too-large" | "yaml-too-complex"; message: string };

/** Leading spaces of one line; a key at column 0 starts a top-level entry. */
const TOP_LEVEL_KEY = /^([A-Za-z0-9_][\w.-]*)\s*:/;

/**
 * The front matter without its top-level `model-index` entry: benchmark results nobody reads for lineage, and the
 * bulk of the largest cards (480 KB of 515 KB in one). Done on lines, so it costs one pass.
 */
export function withoutModelIndex(yamlText: string): string {
  if (!yamlText.includes("model-index")) return yamlText;
  const lines = yamlText.split("\n");
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    const key = TOP_LEVEL_KEY.exec(line);
    if (key) skipping = key[1] === "model-index";
    else if (skipping && line.length > 0 && line[0] !== " " && line[0] !== "\t" && line[0] !== "-" && line[0] !== "#")
      skipping = false;
    if (!skipping) kept.push(line);
  }
  return kept.join("\n");
}

/** Why a text is too complex to parse, or null. One pass over the characters. */
export function yamlComplexity(text: string): string | null {
  let flowDepth = 0;
  let indicators = 0;
  let tokens = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      indicators = 0;
      quote = null; // A quoted scalar may span lines, but reading it as closed only makes the scan stricter.
      continue;
    }
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const previous = text[i - 1];
      if (previous === undefined || " \t[{,:-\n".includes(previous)) quote = c;
      continue;
    }
    if (c === "#" && (i === 0 || text[i - 1] === " " || text[i - 1] === "\t" || text[i - 1] === "\n")) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end - 1;
      continue;
    }
    if ("[{,&*-?:".includes(c) && ++tokens > YAML_LIMITS.maxTokens)
      return `more than ${YAML_LIMITS.maxTokens} structural tokens ("- ", ": ", "[", ",", "&", ...)`;
    if (c === "[" || c === "{") {
      if (++flowDepth > YAML_LIMITS.maxFlowDepth) return `more than ${YAML_LIMITS.maxFlowDepth} nested [ or {`;
    } else if ((c === "]" || c === "}") && flowDepth > 0) flowDepth--;
    else if ((c === "-" || c === "?" || c === ":") && isIndicatorEnd(text[i + 1])) {
      if (++indicators > YAML_LIMITS.maxIndicatorsPerLine)
        return `more than ${YAML_LIMITS.maxIndicatorsPerLine} "- ", "? " or ": " on one line`;
    }
  }
  return null;
}

function isIndicatorEnd(next: string | undefined): boolean {
  return next === undefined || next === " " || next === "\t" || next === "\n" || next === "\r";
}

/**
 * The value of a YAML text, or why it was refused. Aliases are expanded at most maxAliasCount times, and a value
 * that refers to itself (`a: &x [*x]`) or nests deeper than maxDepth is refused, so callers may walk or
 * JSON.stringify what they get.
 */
export function readYamlBounded(text: string): YamlResult {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > YAML_LIMITS.maxBytes) {
    return {
      ok: false,
      kind: "yaml-too-large",
      message: `YAML of ${bytes} bytes, over the ${YAML_LIMITS.maxBytes}-byte limit; not parsed`,
    };
  }
  const complexity = yamlComplexity(text);
  if (complexity !== null) return { ok: false, kind: "yaml-too-complex", message: `${complexity}; not parsed` };
  try {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const detail = doc.errors[0].message.split("\n")[0].replace(/:$/, "");
      return { ok: false, kind: "yaml-error", message: detail };
    }
    // toJS throws on alias bombs (more than maxAliasCount expansions), which the parse alone does not catch.
    const value: unknown = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
    const shape = shapeProblem(value);
    if (shape !== null) return { ok: false, kind: "yaml-too-complex", message: `${shape}; not read` };
    return { ok: true, value };
  } catch (err) {
    return { ok: false, kind: "yaml-error", message: `cannot be read: ${(err as Error).message.split("\n")[0]}` };
  }
}

/** A cycle or an over-deep value, found by walking it once (shared subtrees are walked each time they occur). */
function shapeProblem(root: unknown): string | null {
  const path = new Set<object>();
  let visits = 0;
  const walk = (value: unknown, depth: number): string | null => {
    if (value === null || typeof value !== "object") return null;
    if (path.has(value)) return "a value that contains itself (an alias cycle)";
    if (depth > YAML_LIMITS.maxDepth) return `more than ${YAML_LIMITS.maxDepth} levels of nesting`;
    // Aliases share subtrees: maxAliasCount bounds expansions, this bounds the walk over what they share.
    if (++visits > 200_000) return "more than 200,000 nested values";
    path.add(value);
    const children = value instanceof Map ? [...value.values()] : Object.values(value);
    for (const child of children) {
      const problem = walk(child, depth + 1);
      if (problem !== null) return problem;
    }
    path.delete(value);
    return null;
  };
  return walk(root, 0);
}
