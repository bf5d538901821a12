// Benchmark (not a test): the slowest hostile card through parseCard and inferLineage, per shape, at the card-size cap.
// Run: npx tsx bench/card-fuzz-bench.ts [--seed N] [--bytes 1048576] [--runs 3] [--only SHAPE]
import { loadavg } from "node:os";
import { MAX_CARD_BYTES, parseCard } from "../lineage/card/parse-card";
import { inferLineage } from "../lineage/infer/infer-lineage";
import { generateHostileCards } from "../replay/hostile-cards";
import { createRandom } from "../replay/prng";

function readOption(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU milliseconds of this process: on a machine shared with other work, wall time mostly measures the others. */
function cpuMs(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

function main(): void {
  const seed = Number(readOption("--seed", String(Date.now() % 100_000)));
  const bytes = Number(readOption("--bytes", String(MAX_CARD_BYTES)));
  const runs = Number(readOption("--runs", "3"));
  const only = readOption("--only", "");
  process.stdout.write(`seed ${seed}, cards up to ${bytes} characters, CPU time, median of ${runs} runs per card\n`);
  process.stdout.write(
    `load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (2 shared cores)\n`,
  );
  const cards = generateHostileCards(createRandom(seed), bytes).filter((c) => only === "" || c.name.startsWith(only));
  // Warm up the regex and YAML code paths on an ordinary card first, so the first hostile card is not charged for it.
  for (let i = 0; i < 3; i++)
    inferLineage({ id: "a/b", cardText: "---\nlicense: mit\n---\nBased on [x](https://huggingface.co/a/c)" });
  const rows = cards.map((card) => {
    const parse = median(Array.from({ length: runs }, () => cpuMs(() => parseCard(card.text, { id: "fuzz/card" }))));
    const infer = median(
      Array.from({ length: runs }, () => cpuMs(() => inferLineage({ id: "fuzz/card", cardText: card.text }))),
    );
    const line =
      `${card.name.padEnd(32)} parse ${parse.toFixed(1).padStart(8)} ms  infer ` + `${infer.toFixed(1).padStart(8)} ms`;
    process.stdout.write(`${line}\n`);
    return { name: card.name, parse, infer };
  });
  const worst = (key: "parse" | "infer") => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
  process.stdout.write(
    `worst parseCard ${worst("parse").parse.toFixed(1)} ms (${worst("parse").name}); ` +
      `worst inferLineage ${worst("infer").infer.toFixed(1)} ms (${worst("infer").name})\n`,
  );
  process.stdout.write(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
}

main();
