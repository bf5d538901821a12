// Tests of mergeExpansion: what "show hidden children" adds to the view, where, and what stays counted as hidden.
import type { GraphSlice } from "../../server/contract/types";
import { mergeExpansion } from "../../client/src/merge-expansion";

function slice(root: string, children: string[], truncated = false): GraphSlice {
  const attributes = (label: string, generation: number) => ({
    label,
    author: null,
    relation: generation ? ("finetune" as const) : null,
    descendants: 0,
    downloads: null,
    likes: null,
    createdAt: null,
    generation,
    hasHiddenChildren: false,
    license: null,
    licenseFamily: null,
  });
  return {
    attributes: { root, truncated, omitted: [], total: children.length + 1 },
    options: { type: "directed", multi: false, allowSelfLoops: true },
    nodes: [
      { key: root, attributes: attributes(root, 0) },
      ...children.map((c) => ({ key: c, attributes: attributes(c, 1) })),
    ],
    edges: children.map((c) => ({
      key: `${root}->${c}`,
      source: root,
      target: c,
      attributes: { relation: "finetune" as const, source: "tag" as const, confidence: 1, licenseChange: null },
    })),
  };
}

const shown = (nodes: string[], edges: string[]) => ({
  hasNode: (id: string) => nodes.includes(id),
  hasEdge: (parent: string, child: string) => edges.includes(`${parent}->${child}`),
});

describe("mergeExpansion", () => {
  const node = { id: "a/ft", generation: 2, x: 30, y: 40, subfamily: "a/head" };

  test("adds only the children not shown yet, one generation below, in the expanded model's sub-family", () => {
    const expansion = mergeExpansion(
      shown(["a/ft", "a/old"], ["a/ft->a/old"]),
      node,
      slice("a/ft", ["a/old", "a/n1", "a/n2"]),
      [],
    );
    expect(expansion.nodes.map((n) => n.key)).toEqual(["a/n1", "a/n2"]);
    expect(expansion.nodes.every((n) => n.attributes.generation === 3 && n.attributes.subfamily === "a/head")).toBe(
      true,
    );
    expect(expansion.edges.map((e) => e.key)).toEqual(["a/ft->a/n1", "a/ft->a/n2"]);
  });

  test("places new models beyond the expanded one, away from the focus, apart from each other", () => {
    const expansion = mergeExpansion(shown(["a/ft"], []), node, slice("a/ft", ["c1", "c2", "c3", "c4"]), []);
    const distanceFromFocus = Math.hypot(node.x, node.y);
    for (const { attributes } of expansion.nodes) {
      expect(Math.hypot(attributes.x, attributes.y)).toBeGreaterThan(distanceFromFocus - 1e-9);
    }
    const points = expansion.nodes.map(({ attributes }) => attributes);
    for (let i = 1; i < points.length; i++) {
      expect(Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y)).toBeGreaterThanOrEqual(1.99);
    }
  });

  test("counts the added models off the generation below and drops emptied entries", () => {
    const omitted = [
      { generation: 3, count: 2 },
      { generation: 4, count: 7 },
    ];
    const expansion = mergeExpansion(shown(["a/ft"], []), node, slice("a/ft", ["c1", "c2"], true), omitted);
    expect(expansion.omitted).toEqual([{ generation: 4, count: 7 }]);
    expect(expansion.hasHiddenChildren).toBe(true);
  });

  test("children of the focus open their own sub-families", () => {
    const focus = { id: "f", generation: 0, x: 0, y: 0, subfamily: null };
    const expansion = mergeExpansion(shown(["f"], []), focus, slice("f", ["k1"]), []);
    expect(expansion.nodes[0].attributes.subfamily).toBe("k1");
  });
});
