// Benchmark (not a test): nextPending of one direction on a walk's frontier (pending `card` items interleaved with
// the `down` ones, the first listed), with the direction index of migration 9 and without it, same process.
// Run: npx tsx bench/next-pending.ts [--items 60000] [--calls 20000]
import { loadavg } from "node:os";
import { enqueue, markDone, nextPending } from "../db/frontier";
import { openDatabase } from "../db/open-database";
import { median, readCount } from "./bench-options";

const items = readCount("--items", 60_000);
const calls = readCount("--calls", 20_000);
const db = openDatabase(":memory:");
// A walk part-way, as a down-walk leaves it: each listing enqueued its children to list and their cards to read (one
// after the other in queue order); the first third is listed (done), the card reads wait for the walk's end.
for (let i = 0; i < items; i++) {
  enqueue(db, "k", [
    { direction: "down", id: `m/${i}`, depth: 1 },
    { direction: "card", id: `m/${i}`, depth: 1 },
  ]);
}
for (let i = 0; i < items / 3; i++) markDone(db, "k", "down", `m/${i}`);

/** Median µs a call over 5 rounds, as the frontier pool asks: 9 items (8 in flight + 1). */
function time(): number {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let call = 0; call < calls; call++) nextPending(db, "k", "down", 9);
    rounds.push(((performance.now() - started) * 1000) / calls);
  }
  return median(rounds);
}

const withIndex = time();
db.exec("DROP INDEX frontier_direction_pending");
const without = time();
db.exec("CREATE INDEX frontier_direction_pending ON frontier(key, direction, done, seq)");
const again = time();
process.stdout.write(
  `nextPending('down', 9) over ${items.toLocaleString("en-US")} down items (a third done), each with a pending ` +
    `card item, load ${loadavg()[0].toFixed(1)}: ` +
    `with frontier_direction_pending ${withIndex.toFixed(1)} µs a call (${again.toFixed(1)} again), ` +
    `without ${without.toFixed(1)} µs\n`,
);
