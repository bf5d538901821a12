// Every CLI command, in the order `--help` lists them.
import type { Command } from "../command";
import { parseCardCommand } from "./parse-card";

export const COMMANDS: Command[] = [parseCardCommand];
