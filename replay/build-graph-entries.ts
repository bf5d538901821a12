// Rebuilds Hub records for the nodes of a typed-edge lineage graph (graphs/smollm2-family.json) with the Hub's tags.
import { isRelation, type Relation } from "../lineage/types";
import { buildBaseModelTags } from "./base-model-tags";
import { composeCard } from "./compose-card";
import type { WireModel } from "./hub-store";
import type { StoredEntry } from "./record-store";
import { HubDataError } from "./replay-errors";
import { objectIdFor, sha1Hex } from "./wire-ids";

interface GraphNode {
  id: string;
  likes?: number;
  downloads?: number;
  createdAt?: string;
  pipeline_tag?: string | null;
  library_name?: string | null;
}

interface GraphEdge {
  source: string;
  target: string;
  type: Relation;
}

/** Files a repository of that relation typically holds; the graph records no file list, so this is a stand-in. */
const SIBLINGS_BY_RELATION: Record<Relation | "base", string[]> = {
  base: ["config.json", "model.safetensors"],
  finetune: ["config.json", "model.safetensors"],
  adapter: ["adapter_config.json", "adapter_model.safetensors"],
  quantized: ["model.gguf"],
  merge: ["config.json", "mergekit_config.yml", "model.safetensors"],
};

function readGraph(graph: unknown, where: string): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const g = graph as { nodes?: unknown; edges?: unknown } | null;
  if (!g || !Array.isArray(g.nodes) || !Array.isArray(g.edges))
    throw new HubDataError(where, "expected {nodes, edges}");
  for (const node of g.nodes as GraphNode[]) {
    if (typeof node?.id !== "string") throw new HubDataError(where, `a node lacks an id: ${JSON.stringify(node)}`);
  }
  for (const edge of g.edges as GraphEdge[]) {
    if (typeof edge?.source !== "string" || typeof edge.target !== "string" || !isRelation(edge.type)) {
      throw new HubDataError(where, `an edge is not {source, target, type: relation}: ${JSON.stringify(edge)}`);
    }
  }
  return { nodes: g.nodes as GraphNode[], edges: g.edges as GraphEdge[] };
}

/**
 * One entry per node. Each edge into a node becomes the tag pair the Hub derives from a card's `base_model`, and the
 * synthesized README declares the same parents, so cards and tags agree. Edges whose ends are not nodes are ignored.
 */
export function buildGraphEntries(graph: unknown, where: string): StoredEntry[] {
  const { nodes, edges } = readGraph(graph, where);
  const known = new Set(nodes.map((n) => n.id));
  const parentsOf = new Map<string, { id: string; relation: Relation }[]>();
  for (const edge of edges) {
    if (!known.has(edge.source) || !known.has(edge.target)) continue;
    const list = parentsOf.get(edge.target) ?? [];
    list.push({ id: edge.source, relation: edge.type });
    parentsOf.set(edge.target, list);
  }
  return nodes.map((node) => {
    const parents = parentsOf.get(node.id) ?? [];
    const relation = parents[0]?.relation;
    const createdMs = Date.parse(node.createdAt ?? "");
    const createdAt = Number.isNaN(createdMs) ? undefined : new Date(createdMs).toISOString();
    const cardData: Record<string, unknown> = {};
    if (parents.length) cardData.base_model = parents.length === 1 ? parents[0].id : parents.map((p) => p.id);
    if (relation) cardData.base_model_relation = relation;
    if (node.library_name) cardData.library_name = node.library_name;
    if (node.pipeline_tag) cardData.pipeline_tag = node.pipeline_tag;
    const tags = [node.library_name, node.pipeline_tag, ...buildBaseModelTags(parents), "region:us"];
    const fields: [string, unknown][] = [
      ["_id", objectIdFor(Number.isNaN(createdMs) ? 0 : createdMs, node.id)],
      ["id", node.id],
      ["private", false],
      ["pipeline_tag", node.pipeline_tag],
      ["library_name", node.library_name],
      ["tags", tags.filter((t): t is string => typeof t === "string" && t !== "")],
      ["downloads", node.downloads ?? 0],
      ["likes", node.likes ?? 0],
      ["modelId", node.id],
      ["author", node.id.includes("/") ? node.id.slice(0, node.id.indexOf("/")) : undefined],
      ["sha", sha1Hex(`${node.id}@main`)],
      ["lastModified", createdAt],
      ["gated", false],
      ["disabled", false],
      ["cardData", cardData],
      [
        "siblings",
        [".gitattributes", "README.md", ...SIBLINGS_BY_RELATION[relation ?? "base"]].map((f) => ({ rfilename: f })),
      ],
      ["spaces", []],
      ["createdAt", createdAt],
    ];
    const record: Record<string, unknown> = {};
    for (const [key, value] of fields) if (value !== null && value !== undefined) record[key] = value;
    const title = node.id.slice(node.id.indexOf("/") + 1);
    const note = "Card rebuilt by hub-replay from the typed-edge lineage sample; only the front matter is data.";
    return { record: record as WireModel, card: composeCard(cardData, title, note) };
  });
}
