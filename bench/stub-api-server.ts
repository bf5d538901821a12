// A stand-in API over synthetic families, so the client benchmark measures the client alone (not the DB).
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import express from "express";
import type { GraphSlice, GrowthResponse, ModelDetail, RelationCounts } from "../server/contract/types";

export interface StubServer {
  url: string;
  close(): Promise<void>;
}

function emptyCounts(): RelationCounts {
  return { total: 0, finetune: 0, adapter: 0, quantized: 0, merge: 0 };
}

/** The detail of one node of a synthetic family, with counts computed from the slice itself. */
function describeNode(slice: GraphSlice, id: string): ModelDetail | null {
  const node = slice.nodes.find((n) => n.key === id);
  if (!node) return null;
  const childrenOf = new Map<string, string[]>();
  for (const edge of slice.edges) childrenOf.set(edge.source, [...(childrenOf.get(edge.source) ?? []), edge.target]);
  const relationOf = new Map(slice.nodes.map((n) => [n.key, n.attributes.relation]));
  const children = emptyCounts();
  const descendants = { ...emptyCounts(), maxDepth: 0 };
  const walk = (key: string, depth: number) => {
    for (const child of childrenOf.get(key) ?? []) {
      const relation = relationOf.get(child);
      if (depth === 0) {
        children.total++;
        if (relation) children[relation]++;
      }
      descendants.total++;
      if (relation) descendants[relation]++;
      descendants.maxDepth = Math.max(descendants.maxDepth, depth + 1);
      walk(child, depth + 1);
    }
  };
  walk(id, 0);
  const parents = slice.edges
    .filter((edge) => edge.target === id)
    .map((edge) => ({
      id: edge.source,
      relation: edge.attributes.relation,
      source: edge.attributes.source,
      confidence: edge.attributes.confidence,
      sources: [
        { source: edge.attributes.source, relation: edge.attributes.relation, confidence: edge.attributes.confidence },
      ],
      license: "apache-2.0",
    }));
  return {
    id,
    url: `https://huggingface.co/${id}`,
    author: node.attributes.author,
    createdAt: node.attributes.createdAt,
    lastModified: null,
    downloads: node.attributes.downloads,
    likes: node.attributes.likes,
    pipelineTag: "text-generation",
    libraryName: "transformers",
    license: "apache-2.0",
    gated: null,
    private: false,
    sha: null,
    newVersion: null,
    fetchedAt: null,
    goneAt: null,
    parents,
    children,
    descendants: { ...descendants, licenseChanges: 0 },
    roots: [slice.attributes.root],
    licenseChanges: [],
    inferred: { included: false, children: 0, descendants: 0 },
  };
}

/** Serves dist/client (with the SPA fallback for /model/*) and /api/graph, /api/models/<id> over `families`. */
export async function startStubServer(clientDir: string, families: GraphSlice[]): Promise<StubServer> {
  if (!existsSync(resolve(clientDir, "index.html"))) {
    throw new Error(`startStubServer: ${clientDir}/index.html is missing; run \`npm run build\` first`);
  }
  const byRoot = new Map(families.map((slice) => [slice.attributes.root, slice]));
  const familyOf = (id: string) => families.find((slice) => slice.nodes.some((n) => n.key === id));
  const app = express();
  app.get("/api/graph", (req, res) => {
    const slice = byRoot.get(String(req.query.root));
    if (!slice) res.status(404).json({ error: { code: "not_found", message: "unknown root" } });
    else res.json(slice);
  });
  app.get("/api/models/*id", (req, res) => {
    const path = (req.params as { id: string[] }).id.join("/");
    if (path.endsWith("/growth")) {
      const growth: GrowthResponse = {
        id: path.slice(0, -"/growth".length),
        interval: "month",
        relation: null,
        periods: [],
        unknown: emptyCounts(),
        total: 0,
        inferred: { included: false },
      };
      res.json(growth);
      return;
    }
    const family = familyOf(path);
    const detail = family ? describeNode(family, path) : null;
    if (!detail) res.status(404).json({ error: { code: "not_found", message: "unknown model" } });
    else res.json(detail);
  });
  app.use("/api", (_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "not served by the benchmark stub" } });
  });
  app.use(express.static(clientDir, { index: false }));
  app.get("/*path", (_req, res) => res.sendFile(resolve(clientDir, "index.html")));
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((done, fail) => server.once("listening", done).once("error", fail));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
