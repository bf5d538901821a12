// The shape of a CLI command and the shared argument parsing (node:util parseArgs) with usage errors.
import { parseArgs, type ParseArgsConfig } from "node:util";

import type { CliIo } from "../app/cli-io";

export type { CliIo };

export interface Command {
  name: string;
  summary: string;
  /** Full `--help` text. */
  usage: string;
  /** Resolves to the exit code: 0 done (even with recorded problems), 1 failed, 2 usage error. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A bad command line: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs with `--help` added and its errors turned into UsageError. */
export function parseCommandArgs<T extends OptionsConfig>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Parses a whole positive number option, or throws a UsageError naming the option. */
export function parsePositiveInt(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${option} takes a whole number of at least 1, got "${value}"`);
  }
  return Number(value);
}
