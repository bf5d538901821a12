// Fuzz: seeded hostile cards through parseCard and inferLineage, which must neither throw nor run for seconds.
// Replay a failure with TEST_SEED=<the seed printed>.
import { MAX_CARD_BYTES, parseCard } from "../../lineage/card/parse-card";
import { inferLineage } from "../../lineage/infer/infer-lineage";
import { generateHostileCards, HOSTILE_SHAPES } from "../../replay/hostile-cards";
import { createRandom } from "../../replay/prng";

const SEED = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : Math.floor(Math.random() * 1_000_000);
/** Generous on purpose: this catches a card that takes seconds (a quadratic scan), not a slow machine. */
const LIMIT_MS = 5000;

function cpuMs(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

describe("generateHostileCards", () => {
  beforeAll(() => process.stderr.write(`hostile-cards fuzz seed ${SEED} (replay with TEST_SEED=${SEED})\n`));

  it("gives one card per shape, the same cards for the same seed", () => {
    const a = generateHostileCards(createRandom(SEED), 4096);
    expect(a.map((card) => card.name.split(" ")[0])).toEqual(HOSTILE_SHAPES);
    expect(generateHostileCards(createRandom(SEED), 4096)).toEqual(a);
  });

  // Two rounds: small cards (odd sizes, many shapes' edge cases) and cards at the size cap.
  for (const maxBytes of [16 * 1024, MAX_CARD_BYTES]) {
    const cards = generateHostileCards(createRandom(SEED + maxBytes), maxBytes);
    it.each(cards.map((card) => [card.name, card.text]))(
      `parseCard and inferLineage read %s (up to ${maxBytes} characters) without throwing, in time`,
      (_name, text) => {
        let parsed: ReturnType<typeof parseCard> | undefined;
        const parseMs = cpuMs(() => {
          parsed = parseCard(text, { id: "fuzz/card" });
        });
        expect(() => JSON.stringify(parsed)).not.toThrow();
        expect(parseMs).toBeLessThan(LIMIT_MS);
        let candidates: ReturnType<typeof inferLineage> = [];
        const inferMs = cpuMs(() => {
          candidates = inferLineage({ id: "fuzz/card", cardText: text });
        });
        expect(() => JSON.stringify(candidates)).not.toThrow();
        expect(inferMs).toBeLessThan(LIMIT_MS);
        for (const candidate of candidates) {
          expect(candidate.confidence).toBeGreaterThanOrEqual(0);
          expect(candidate.confidence).toBeLessThanOrEqual(1);
        }
      },
    );
  }
});

describe("inferLineage on refused cards", () => {
  it("infers nothing from a card over the size cap, even one naming a parent outright", () => {
    const text = `Fine-tuned from [a/b](https://huggingface.co/a/b).\n${" ".repeat(MAX_CARD_BYTES)}`;
    expect(inferLineage({ id: "x/y", cardText: text })).toEqual([]);
    expect(inferLineage({ id: "x/y", cardText: text.trim() })[0]).toMatchObject({ id: "a/b" });
  });

  it("infers nothing once the time budget is spent", () => {
    let clock = 0;
    const text = "Fine-tuned from [a/b](https://huggingface.co/a/b).";
    expect(inferLineage({ id: "x/y", cardText: text, now: () => (clock += 600) })).toEqual([]);
    expect(inferLineage({ id: "x/y", cardText: text, now: () => 0 })[0]).toMatchObject({ id: "a/b" });
  });
});
