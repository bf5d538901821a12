// Seeded randomness for the replay: a sequential generator and a stateless hash for values derived lazily per model.

/** mulberry32: small, fast, and good enough for shaping test data (not for anything secret). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of (seed, a, b): the same inputs give the same value in any order of calls. */
export function hash32(seed: number, a: number, b = 0): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (a >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ (b >>> 0), 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 0;
}

/** hash32 mapped to [0, 1). */
export function hashUnit(seed: number, a: number, b = 0): number {
  return hash32(seed, a, b) / 4294967296;
}

/** A 40-hex-digit string derived from (seed, a, b), shaped like a git commit sha. */
export function hashHex40(seed: number, a: number, b = 0): string {
  let out = "";
  for (let k = 0; k < 5; k++)
    out += hash32(seed + k, a, b)
      .toString(16)
      .padStart(8, "0");
  return out;
}
