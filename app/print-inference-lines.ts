// What `infer-card` runs: the parents each card implies once its declarations are hidden, one JSON line per file.
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { MAX_CARD_BYTES } from "../lineage/card/parse-card";
import { idFromCardFileName } from "../lineage/infer/infer-card-text";
import { inferLineage, type Candidate } from "../lineage/infer/infer-lineage";
import type { CliIo } from "./cli-io";
import { lineSink } from "./line-sink";

interface InferenceLine {
  file: string;
  candidates: Candidate[];
}

async function inferFile(file: string, id: string | undefined, io: CliIo): Promise<InferenceLine> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_CARD_BYTES)
      throw new Error(`${info.size} bytes, over the ${MAX_CARD_BYTES}-byte limit for a card`);
    const text = await readFile(file, "utf8");
    const selfId = id ?? idFromCardFileName(basename(file), text) ?? undefined;
    return { file, candidates: inferLineage({ id: selfId, cardText: text }) };
  } catch (err) {
    io.stderr.write(`hf-lineage infer-card: ${file}: ${(err as Error).message}; printed with no candidates\n`);
    return { file, candidates: [] };
  }
}

/**
 * Resolves to the exit code (0): an unreadable file gets no candidates and a warning on stderr. `id` is the model's
 * own id (one file only); without it a file named owner_name.md gives owner/name.
 */
export async function printInferenceLines(files: string[], id: string | undefined, io: CliIo): Promise<number> {
  const out = lineSink(io.stdout);
  for (const file of files) {
    if (!(await out.write(JSON.stringify(await inferFile(file, id, io))))) break;
  }
  return 0;
}
