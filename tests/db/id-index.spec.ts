// IdIndex: NOCASE numbering of ids (as idKey compares them), first spelling kept, idKey order, growth.
import { idKey } from "../../lineage/id-key";
import { IdIndex } from "../../db/id-index";

describe("IdIndex", () => {
  const ids = Array.from(
    { length: 20_000 },
    (_, i) => `${i % 3 ? "Org" : "org"}/Model-${(i * 7919) % 20_000}${i % 5 ? "" : "-É"}`,
  );

  it("numbers ids once however they are cased, keeping the first spelling, through many table growths", () => {
    const index = new IdIndex();
    const numbers = ids.map((id) => index.add(id));
    expect(index.size).toBe(new Set(ids.map(idKey)).size);
    expect(ids.map((id) => index.add(id.toUpperCase().replace("-É", "-É")))).toEqual(numbers);
    index.seal();
    ids.forEach((id, k) => expect([id, index.find(idKey(id))]).toEqual([id, numbers[k]]));
    expect(index.spelling(numbers[0])).toBe(ids[0]);
    expect(index.find("org/model-absent")).toBe(-1);
    expect(index.find("org/model-1-é")).toBe(-1);
  });

  it("orders numbers as idKey strings sort", () => {
    const index = new IdIndex();
    const sample = ["B/x", "a/Y", "a/y2", "A/", "a/É", "a/e", "a/[", "a/Z"];
    sample.forEach((id) => index.add(id));
    index.seal();
    for (let a = 0; a < sample.length; a++) {
      for (let b = 0; b < sample.length; b++) {
        const [ka, kb] = [idKey(sample[a]), idKey(sample[b])];
        expect([sample[a], sample[b], Math.sign(index.compare(a, b))]).toEqual([
          sample[a],
          sample[b],
          ka < kb ? -1 : ka > kb ? 1 : 0,
        ]);
      }
    }
  });

  it("adds ids after seal, keeping the sealed ones, and orders them with the others", () => {
    const index = new IdIndex();
    index.add("o/b");
    index.seal();
    expect(index.add("O/B")).toBe(0);
    expect(index.add("o/C")).toBe(1);
    expect(index.add("o/a")).toBe(2);
    expect([index.find("o/c"), index.spelling(1), index.spelling(0), index.size]).toEqual([1, "o/C", "o/b", 3]);
    expect([Math.sign(index.compare(2, 0)), Math.sign(index.compare(1, 0)), index.compare(1, 1)]).toEqual([-1, 1, 0]);
  });
});
