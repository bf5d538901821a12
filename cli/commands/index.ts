// Every CLI command, in the order `--help` lists them.
import type { Command } from "../command";
import { crawlCommand } from "./crawl";
import { demoCommand } from "./demo";
import { exportCommand } from "./export";
import { inferCardCommand } from "./infer-card";
import { parseCardCommand } from "./parse-card";
import { serveCommand } from "./serve";
import { startCommand } from "./start";
import { watchCommand } from "./watch";

export const COMMANDS: Command[] = [
  startCommand,
  demoCommand,
  parseCardCommand,
  inferCardCommand,
  crawlCommand,
  exportCommand,
  serveCommand,
  watchCommand,
];
