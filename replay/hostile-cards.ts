// Seeded generator of hostile model cards (YAML bombs, floods, pathological markdown, binary),
// for fuzz tests and benches.

export interface HostileCard {
  /** The shape's name and its size, e.g. `colon-flood 812345`. */
  name: string;
  text: string;
}

type Shape = (size: number, pick: Picker) => string;

interface Picker {
  int(max: number): number;
  of<T>(items: readonly T[]): T;
}

const IDS = ["Qwen/Qwen2.5-7B", "meta-llama/Llama-3.1-8B", "mistralai/Mistral-7B-v0.1", "a/b", "x-y/z.1"];
const PHRASES = ["fine-tuned from ", "based on ", "merge of ", "GGUF of ", "LoRA for ", "Base model: ", "version of "];
const MARKUP = ["[", "]", "(", ")", "`", "*", "_", "#", "|", "<", ">", "-", ":", " ", "\t", "\n", "/", ".", '"', "'"];

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.floor(size / Math.max(1, unit.length))));
}

function frontMatter(yaml: string, body = "# card\n"): string {
  return `---\n${yaml}\n---\n${body}`;
}

/** Each shape targets one known weak spot of a YAML parser or a regex-driven scan. */
const SHAPES: Record<string, Shape> = {
  "alias-cycle": () => frontMatter("base_model: &a [*a]\nlicense: mit"),
  "alias-cycle-map": () => frontMatter("base_model: &a {x: *a}\ntags: &t [*t, *t]"),
  "colon-after-list-item": (size) => frontMatter(`base_model:\n- a${repeatTo(": ", Math.min(size, 4096))}`),
  "colon-flood": (size) => frontMatter(`a${repeatTo(": ", size)}`),
  "bracket-flood": (size, p) => frontMatter(`base_model: ${repeatTo(p.of(["[", "{", "[{", "- "]), size)}`),
  "deep-indent": (size) =>
    frontMatter(
      Array.from({ length: Math.min(2000, size / 100) }, (_, i) => `${" ".repeat(i)}k${i}:`)
        .join("\n")
        .slice(0, size),
    ),
  "billion-laughs": () => {
    const levels = ["a: &a [x,x,x,x,x,x,x,x,x,x]"];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(",")}]`);
    }
    return frontMatter(`${levels.join("\n")}\nbase_model: *j`);
  },
  "many-anchors": (size) => frontMatter(repeatTo("k: &a [x, y]\n", size)),
  "heading-spaces": (size, p) => `# Base model${repeatTo(p.of([" ", "\t", " \t"]), size)}x\n`,
  "heading-hashes": (size) => `${repeatTo("#", size)} x ${repeatTo("#", size / 4)}`,
  "run-of-spaces": (size, p) => `based on${repeatTo(p.of([" ", "\t"]), size)}${p.of(IDS)}`,
  "run-of-brackets": (size, p) => repeatTo(p.of(["[", "](", "]", "[[", "((", "<a ", "<", "{"]), size),
  "run-of-backticks": (size, p) => repeatTo(p.of(["`", "```", "~~~\n", "```\n"]), size),
  "anchor-flood": (size, p) => repeatTo(`<a href="https://huggingface.co/${p.of(IDS)}">x</a> `, size),
  "anchor-unclosed": (size, p) => repeatTo(`<a href="https://huggingface.co/${p.of(IDS)}">`, size),
  "link-flood": (size, p) => repeatTo(`[x](https://huggingface.co/${p.of(IDS)}) ${p.of(PHRASES)}`, size),
  "url-no-spaces": (size, p) => repeatTo(`https://huggingface.co/${p.of(IDS)}`, size),
  "other-urls-no-spaces": (size) => repeatTo("https://github.com/a/b", size),
  "hub-path-flood": (size) => `https://huggingface.co/${repeatTo("a/", size)}`,
  "id-flood": (size, p) => repeatTo(`${p.of(IDS)} `, size),
  "id-flood-no-spaces": (size, p) => repeatTo(`${p.of(IDS)},`, size),
  "quoted-ids-code-line": (size, p) => `\`\`\`python\nbase_model = ${repeatTo(`"${p.of(IDS)}", `, size)}\n\`\`\`\n`,
  "quoted-ids-code-lines": (size, p) =>
    `\`\`\`python\n${repeatTo(`pipe = Pipeline.from_pretrained("${p.of(IDS)}")\n`, size)}\`\`\`\n`,
  "mergekit-flood": (size, p) => `\`\`\`yaml\nmodels:\n${repeatTo(`  - model: ${p.of(IDS)}\n`, size)}\`\`\`\n`,
  "phrase-flood": (size, p) => repeatTo(`${p.of(PHRASES)}${p.of(IDS)} `, size),
  "phrase-flood-no-ids": (size, p) => repeatTo(p.of(PHRASES), size),
  "family-flood": (size, p) => repeatTo(`built on ${p.of(["Qwen2.5", "Llama 3", "Mistral", "Gemma", "SDXL"])} `, size),
  "sentence-without-end": (size) => repeatTo("word ", size),
  "table-flood": (size, p) => `| Base model | ${repeatTo(`${p.of(IDS)} | `, size)}\n|---|---|\n`,
  "table-rows": (size, p) => `| a | b |\n|---|---|\n${repeatTo(`| ${p.of(IDS)} | x |\n`, size)}`,
  "list-flood": (size, p) => `Base models:\n${repeatTo(`- ${p.of(IDS)}\n`, size)}`,
  "html-comment-unclosed": (size) => `<!--${repeatTo("<!-- x ", size)}`,
  "html-heading-unclosed": (size) => repeatTo("<h1 <h2>", size),
  "emphasis-soup": (size) => repeatTo('*_`~"“', size),
  "markup-soup": (size, p) => Array.from({ length: size }, () => p.of(MARKUP)).join(""),
  "line-breaks": (size, p) => repeatTo(p.of(["\n", "\r", "\r\n", "\r\r\n"]), size),
  binary: (size, p) => Array.from({ length: size }, () => String.fromCharCode(p.int(256))).join(""),
  "binary-no-nul": (size, p) => Array.from({ length: size }, () => String.fromCharCode(1 + p.int(0xd7ff))).join(""),
};

export const HOSTILE_SHAPES = Object.keys(SHAPES);

/**
 * One card of every shape, sized at random up to `maxBytes` characters (some shapes are fixed-size bombs).
 * `random` is a seeded generator such as replay/prng.ts createRandom(seed): the same seed gives the same cards.
 */
export function generateHostileCards(random: () => number, maxBytes: number): HostileCard[] {
  const pick: Picker = {
    int: (max) => Math.floor(random() * max),
    of: (items) => items[Math.floor(random() * items.length)],
  };
  return HOSTILE_SHAPES.map((name) => {
    // Half the cards near the cap, half anywhere below it: both the largest input and odd sizes matter.
    const size = Math.max(16, Math.floor(maxBytes * (random() < 0.5 ? 0.9 + random() * 0.1 : random())));
    const text = SHAPES[name](size, pick).slice(0, maxBytes);
    return { name: `${name} ${text.length}`, text };
  });
}
