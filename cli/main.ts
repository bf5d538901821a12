// The hf-lineage command line: dispatches to one module per command in cli/commands/.
import { UsageError, type CliIo, type Command } from "./command";
import { COMMANDS } from "./commands";

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: hf-lineage <command> [options]   (from a checkout: npm run -s cli -- <command>)",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `hf-lineage <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`${overview()}\n\nhf-lineage: unknown command "${name}"\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      // One line: what was wrong, and where the options are (the help is long; it would bury the reason).
      io.stderr.write(`hf-lineage ${name}: ${err.message} (see hf-lineage ${name} --help)\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`hf-lineage ${name}: ${message}\n`);
    return 1;
  }
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, isTty: Boolean(process.stderr.isTTY) };
}

export type { Command };
