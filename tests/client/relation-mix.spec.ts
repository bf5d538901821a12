// Tests of relationMixByGeneration: per descendant generation, how many models of each relation.
import { relationMixByGeneration } from "../../client/src/relation-mix";

describe("relationMixByGeneration", () => {
  test("counts descendants per generation and relation, ancestors and the focus left out, in order", () => {
    const rows = relationMixByGeneration([
      { generation: -1, relation: null },
      { generation: 0, relation: null },
      { generation: 2, relation: "quantized" },
      { generation: 1, relation: "finetune" },
      { generation: 1, relation: "adapter" },
      { generation: 1, relation: null },
      { generation: 2, relation: "quantized" },
    ]);
    expect(rows.map((row) => row.generation)).toEqual([1, 2]);
    expect(rows[0]).toEqual({
      generation: 1,
      total: 3,
      counts: { finetune: 1, adapter: 1, quantized: 0, merge: 0, unknown: 1 },
    });
    expect(rows[1].counts.quantized).toBe(2);
    expect(rows[1].total).toBe(2);
  });

  test("is empty for a model without descendants", () => {
    expect(relationMixByGeneration([{ generation: 0, relation: null }])).toEqual([]);
  });
});
