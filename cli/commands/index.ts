// Every CLI command, in the order `--help` lists them.
import type { Command } from "../command";

export const COMMANDS: Command[] = [];
