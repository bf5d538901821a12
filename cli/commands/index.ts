// Every CLI command, in the order `--help` lists them.
import type { Command } from "../command";
import { crawlCommand } from "./crawl";
import { exportCommand } from "./export";
import { parseCardCommand } from "./parse-card";
import { serveCommand } from "./serve";

export const COMMANDS: Command[] = [parseCardCommand, crawlCommand, exportCommand, serveCommand];
