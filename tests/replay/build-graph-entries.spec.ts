// Records rebuilt from a typed-edge graph carry the Hub's tag pairs, and their cards agree with them.
import { parse } from "yaml";
import { buildGraphEntries } from "../../replay/build-graph-entries";
import { HubDataError } from "../../replay/replay-errors";

const GRAPH = {
  nodes: [
    {
      id: "org/base",
      likes: 5,
      downloads: 50,
      createdAt: "2024-10-30T22:50:10.000Z",
      pipeline_tag: "text-generation",
      library_name: "transformers",
    },
    {
      id: "u/lora",
      likes: 0,
      downloads: 1,
      createdAt: "2025-01-18T20:29:14.000Z",
      pipeline_tag: null,
      library_name: "peft",
    },
  ],
  edges: [
    { source: "org/base", target: "u/lora", type: "adapter" },
    { source: "org/base", target: "not/a-node", type: "finetune" },
  ],
};

describe("buildGraphEntries", () => {
  test("each edge into a node becomes base_model:<parent> + base_model:<relation>:<parent>", () => {
    const [base, lora] = buildGraphEntries(GRAPH, "g.json");
    expect(base.record.tags).toEqual(["transformers", "text-generation", "region:us"]);
    expect(lora.record.tags).toEqual(["peft", "base_model:org/base", "base_model:adapter:org/base", "region:us"]);
    expect(lora.record._id.slice(0, 8)).toBe(Math.floor(Date.parse("2025-01-18T20:29:14.000Z") / 1000).toString(16));
    expect(lora.record).not.toHaveProperty("pipeline_tag");
  });

  test("the README front matter declares the same parents and relation as the tags", () => {
    const [, lora] = buildGraphEntries(GRAPH, "g.json");
    const front = parse(lora.card!.split("---")[1]);
    expect(front).toEqual(lora.record.cardData);
    expect(front).toMatchObject({ base_model: "org/base", base_model_relation: "adapter" });
  });

  test("an edge with an unknown relation is a HubDataError", () => {
    const bad = { nodes: GRAPH.nodes, edges: [{ source: "org/base", target: "u/lora", type: "distill" }] };
    expect(() => buildGraphEntries(bad, "g.json")).toThrow(HubDataError);
  });
});
