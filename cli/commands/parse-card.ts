// `parse-card --json FILE...`: the lineage each model card declares, one JSON line per file.
import { printCardLines } from "../../app/print-card-lines";
import { MAX_CARD_BYTES } from "../../lineage/card/parse-card";
import { parseCommandArgs, UsageError, type Command } from "../command";
import { expandCardPaths } from "../expand-card-paths";

const MAX_CARD_MIB = MAX_CARD_BYTES / 1024 / 1024;

const USAGE = `Usage: hf-lineage parse-card --json FILE|DIR...

Reads each model card (a README.md: YAML front matter, then markdown) and prints one JSON line per file, in the
order given:
  {"file","frontMatter","baseModels","relation","relationSource","license","newVersion","problems"}

  frontMatter     true when the file opens with a closed --- block (blank lines before it are allowed)
  baseModels      the declared base_model values that are Hub ids (URLs stripped, local paths dropped)
  relation        finetune | adapter | quantized | merge, or null when there is no parent
  relationSource  "card" when the card states it (base_model_relation, or its own base_model:<relation>:<id>
                  tag), "rule" when the rule chose it, null when there is no parent. The rule, first match wins:
                  several parents -> merge; gguf/gptq/awq/exl2/bnb/4bit/... markers or a quantized_by key ->
                  quantized; peft/lora/adapter markers -> adapter; merge/mergekit markers -> merge; else finetune.
                  Markers are read in the card's own tags and library_name only: the file name is not taken as
                  the model's id (the crawler, which knows the id, also looks for markers there).
  newVersion      the successor named by new_version (never a parent)
  problems        [{kind, message}]: broken YAML, dropped base_model values, unreadable, binary or
                  over-${MAX_CARD_MIB} MiB files

Options:
  --json        print JSON lines (required; the only output format)
  -h, --help    show this help

Exit status: 0 when every file got its line, even when some were bad (their problems say why), or when the
reader closed the pipe early (| head); 2 on a usage error (no --json, no FILE, an unknown option).

A DIR stands for the *.md files directly inside it, in name order. Use it for thousands of cards: \`npm run\`
hands its arguments to sh as one string, which Linux caps at 128 KiB (E2BIG), so a glob of 2,700 paths fails there:
  npm run -s cli -- parse-card --json ../shared/hub-data/cards ../shared/hub-data/cards-edge-cases
`;

export const parseCardCommand: Command = {
  name: "parse-card",
  summary: "print the lineage each model card declares, one JSON line per file",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" } }, true);
    if (!values.json) throw new UsageError("--json is required (JSON lines are the only output format)");
    if (positionals.length === 0) throw new UsageError("give at least one card file or folder");
    const files = await expandCardPaths(positionals);
    return printCardLines(files, io);
  },
};
