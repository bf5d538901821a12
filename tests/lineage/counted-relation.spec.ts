// countedRelation and the precedence table: a property test mixing sources with conflicting relations.
import { countedRelation, type CountedLink } from "../../lineage/counted-relation";
import { isStrongerSource, SOURCE_PRECEDENCE, sourceRank } from "../../lineage/source-precedence";
import { RELATIONS, type Relation } from "../../lineage/types";
import { createRandom } from "../../replay/prng";

/** The rule written out plainly, as an oracle: merge if any link is; else the strongest source's first relation. */
function oracle(links: CountedLink[]): Relation | null {
  if (links.some((l) => l.relation === "merge")) return "merge";
  if (links.length === 0) return null;
  const best = Math.min(...links.map((l) => SOURCE_PRECEDENCE.indexOf(l.source)));
  const top = links.filter((l) => SOURCE_PRECEDENCE.indexOf(l.source) === best).map((l) => l.relation);
  return (["finetune", "adapter", "quantized"] as const).find((r) => top.includes(r)) ?? null;
}

describe("source precedence", () => {
  it("ranks tag over card over inferred", () => {
    expect(SOURCE_PRECEDENCE.map(sourceRank)).toEqual([0, 1, 2]);
    expect(isStrongerSource("tag", "card")).toBe(true);
    expect(isStrongerSource("card", "inferred")).toBe(true);
    expect(isStrongerSource("inferred", "tag")).toBe(false);
    expect(isStrongerSource("card", "card")).toBe(false);
  });
});

describe("countedRelation", () => {
  it("agrees with the plain rule on random mixes of sources and conflicting relations, in any order", () => {
    const seed = Number(process.env.TEST_SEED ?? 12);
    const random = createRandom(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    for (let run = 0; run < 2000; run++) {
      const links: CountedLink[] = Array.from({ length: Math.floor(random() * 5) }, () => ({
        source: pick(SOURCE_PRECEDENCE),
        relation: pick([...RELATIONS, null]),
      }));
      const expected = oracle(links);
      expect({ seed, run, links, relation: countedRelation(links) }).toEqual({ seed, run, links, relation: expected });
      expect(countedRelation([...links].reverse())).toBe(expected);
    }
  });

  it("lets a stronger source's relation win over a weaker one's, and a merge from any source count", () => {
    expect(
      countedRelation([
        { source: "inferred", relation: "finetune" },
        { source: "card", relation: "quantized" },
      ]),
    ).toBe("quantized");
    expect(
      countedRelation([
        { source: "tag", relation: "adapter" },
        { source: "inferred", relation: "merge" },
      ]),
    ).toBe("merge");
    expect(
      countedRelation([
        { source: "tag", relation: null },
        { source: "card", relation: "finetune" },
      ]),
    ).toBeNull();
  });
});
