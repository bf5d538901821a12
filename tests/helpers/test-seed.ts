// Randomised tests: the generator's seed is TEST_SEED when set (to replay a run), else the test's own default; it
// is printed either way, so that any failure can be replayed.
import { createRandom } from "../../replay/prng";

/** TEST_SEED as a whole number, else `fallback`; says on stderr which seed `what` uses and how to replay it. */
export function testSeed(what: string, fallback: number): number {
  const raw = process.env.TEST_SEED?.trim();
  if (raw && !/^\d+$/.test(raw)) throw new Error(`TEST_SEED must be a whole number, got "${raw}"`);
  const seed = raw ? Number(raw) : fallback;
  process.stderr.write(`${what}: seed ${seed} (replay with TEST_SEED=${seed})\n`);
  return seed;
}

/** A seeded generator of numbers in [0, 1) (replay/prng.ts) whose seed testSeed chose and printed. */
export function seededRandom(what: string, fallback: number): () => number {
  return createRandom(testSeed(what, fallback));
}
