// Every CLI command, in the order `--help` lists them.
import type { Command } from "../command";
import { crawlCommand } from "./crawl";
import { exportCommand } from "./export";
import { inferCardCommand } from "./infer-card";
import { parseCardCommand } from "./parse-card";
import { serveCommand } from "./serve";
import { watchCommand } from "./watch";

export const COMMANDS: Command[] = [parseCardCommand, inferCardCommand, crawlCommand, exportCommand, serveCommand, watchCommand];
