// Every CLI command, in the order `--help` lists them.
import type { Command } from "../command";
import { exportCommand } from "./export";
import { parseCardCommand } from "./parse-card";

export const COMMANDS: Command[] = [parseCardCommand, exportCommand];
