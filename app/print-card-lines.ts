// What `parse-card` runs: the lineage each card declares, one JSON line per file in the order given.
import { readFile, stat } from "node:fs/promises";
import { MAX_CARD_BYTES, parseCard, type ParsedCard } from "../lineage/card/parse-card";
import type { Problem } from "../lineage/types";
import type { CliIo } from "./cli-io";
import { lineSink } from "./line-sink";

/** The fields of one output line, in the order they are printed. */
interface CardLine {
  file: string;
  frontMatter: boolean;
  baseModels: string[];
  relation: ParsedCard["relation"];
  relationSource: ParsedCard["relationSource"];
  license: string | null;
  newVersion: string | null;
  problems: Array<Pick<Problem, "kind" | "message">>;
}

function problemLine(file: string, kind: string, message: string): CardLine {
  return {
    file,
    frontMatter: false,
    baseModels: [],
    relation: null,
    relationSource: null,
    license: null,
    newVersion: null,
    problems: [{ kind, message }],
  };
}

async function readCardLine(file: string): Promise<CardLine> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return problemLine(file, "unreadable", `${file} is not a regular file`);
    if (info.size > MAX_CARD_BYTES) {
      return problemLine(
        file,
        "too-large",
        `card is ${info.size} bytes, over the ${MAX_CARD_BYTES}-byte limit; not parsed`,
      );
    }
    text = await readFile(file, "utf8");
  } catch (err) {
    return problemLine(file, "unreadable", `cannot read ${file}: ${(err as Error).message}`);
  }
  const card = parseCard(text);
  return {
    file,
    frontMatter: card.frontMatter,
    baseModels: card.baseModels,
    relation: card.relation,
    relationSource: card.relationSource,
    license: card.license,
    newVersion: card.newVersion,
    problems: card.problems.map(({ kind, message }) => ({ kind, message })),
  };
}

/** Resolves to the exit code (0): a bad file gets a line that names its problem; a closed pipe stops quietly. */
export async function printCardLines(files: string[], io: CliIo): Promise<number> {
  const out = lineSink(io.stdout);
  for (const file of files) {
    if (!(await out.write(JSON.stringify(await readCardLine(file))))) break;
  }
  return 0;
}
