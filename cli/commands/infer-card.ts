// `infer-card --json FILE...`: the parents each model card implies once its declarations are hidden, one JSON line
// per file.
import { printInferenceLines } from "../../app/print-inference-lines";
import { isModelId } from "../../lineage/infer/infer-hub-ids";
import { DEFAULT_INFERENCE_THRESHOLD } from "../../lineage/infer/infer-lineage";
import { parseCommandArgs, UsageError, type Command } from "../command";
import { expandCardPaths } from "../expand-card-paths";

const THRESHOLD = DEFAULT_INFERENCE_THRESHOLD;

const USAGE = `Usage: hf-lineage infer-card --json [--id ID] FILE|DIR...

Infers each model card's parents from the card text alone and prints one JSON line per file, in the order given:
  {"file","candidates":[{"id","relation","confidence","evidence":[{"kind","text"}]}]}

The card's declared base_model, base_model_relation and base_model:* tags are hidden first; the rest of the front
matter (tags, library_name, datasets, new_version, license_link) and the body are read: huggingface.co links and
ids, phrases ("fine-tuned version of", "based on", "merge of", "GGUF of", "LoRA for", ...), mergekit and training
configs in code blocks, family names with a size ("built on Qwen2.5" + "72B-parameter"), the model's own id.

  candidates  every model considered, strongest first. confidence is 0..1; those at or above
              ${THRESHOLD} are the predictions (a lone hint such as a plain link never reaches it; one explicit
              statement or two hints together do). relation is finetune | adapter | quantized | merge, or null
              when the evidence does not say. evidence kinds that argue for a parent: phrase, mergekit,
              training-config, code, table-component, family, family-name (a family and size in the own id),
              family-tag (an image LoRA's family from its tags), own-name, link, mention; kinds that record why a
              mention is not a parent (confidence stays low): benchmark, table, credit, see-also, dataset, usage,
              ancestor, architecture, original-card, new-version.

Options:
  --json        print JSON lines (required; the only output format)
  --id ID       the model's own id (one FILE only): mentions of itself are not parents, and its name is a hint
                ("org/X-GGUF" quantizes X). Without it, a file named owner_name.md gives owner/name.
  -h, --help    show this help

A DIR stands for the *.md files directly inside it, in name order (for thousands of cards: \`npm run\` caps its
argument string at 128 KiB).

Exit status: 0 when every file got its line (an unreadable file gets no candidates and a warning on stderr);
2 on a usage error.`;

export const inferCardCommand: Command = {
  name: "infer-card",
  summary: "infer each model card's parents from its text, with evidence, one JSON line per file",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" }, id: { type: "string" } }, true);
    if (!values.json) throw new UsageError("--json is required (JSON lines are the only output format)");
    if (positionals.length === 0) throw new UsageError("give at least one card file or folder");
    const files = await expandCardPaths(positionals);
    if (values.id !== undefined && files.length > 1)
      throw new UsageError("--id names one model: give exactly one FILE with it");
    if (values.id !== undefined && !isModelId(values.id))
      throw new UsageError(`--id takes a Hub model id such as org/name, got "${values.id}"`);
    return printInferenceLines(files, values.id, io);
  },
};
