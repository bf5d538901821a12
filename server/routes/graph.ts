// GET /api/graph: a lineage slice around a model in graphology's SerializedGraph shape, trimmed to `limit`;
// GET /api/graph/columnar: the same slice as parallel arrays with server-side positions, for whole families (JSON, or
// typed arrays with format=binary).
import { Router } from "express";
import type { z } from "zod";
import { resolveId } from "../../db/aliases";
import { idKey } from "../../lineage/id-key";
import { knownLicense, licenseChangeKind, licenseFamily } from "../../lineage/license-family";
import type { GraphSliceResult } from "../../db/graph/graph-slice";
import { getGraphSlice } from "../../db/graph/get-graph-slice";
import { FAMILY_BINARY_MEDIA_TYPE } from "../../common/family-binary-layout";
import { createColumnarAnswers } from "../columnar-answers";
import { GRAPH_COLUMNAR_ROUTE, GRAPH_ROUTE } from "../contract/graph";
import type { GraphSlice } from "../contract/types";
import { ModelNotFoundError } from "../errors";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";

/** Edge keys are `parent->child`: unique in a simple directed graph, and `>` never occurs in a Hub id. */
function edgeKey(parent: string, child: string): string {
  return `${parent}->${child}`;
}

export function graphRoutes(ctx: RouteContext): Router {
  const router = Router();
  const columnarAnswers = createColumnarAnswers(ctx.db);

  /** The slice options of a parsed request, its root resolved, and the cache key of its answer in `format`. */
  function readSliceRequest(query: z.output<typeof GRAPH_ROUTE.query>, format: string) {
    const root = resolveId(ctx.db, query.root);
    if (root === null) throw new ModelNotFoundError(query.root);
    const options = {
      includeInferred: query.inferred,
      up: query.up,
      down: query.down,
      relations: query.relations,
      limit: query.limit,
    };
    return { root, options, key: `graph-${format}\n${idKey(root)}\n${JSON.stringify(options)}` };
  }

  router.get("/api/graph", (req, res) => {
    const { root, options, key } = readSliceRequest(parseQuery(GRAPH_ROUTE.query, req.query), "graphology");
    const body = ctx.cache.get(key, () => {
      const value = toSerializedGraph(getGraphSlice(ctx.db, root, options));
      return { value, weight: value.nodes.length };
    });
    res.json(body);
  });
  router.get("/api/graph/columnar", async (req, res) => {
    const query = parseQuery(GRAPH_COLUMNAR_ROUTE.query, req.query);
    const { root, options, key } = readSliceRequest(query, "columnar");
    // Kept as encoded bytes with their ETags: a warm answer costs no encoding, hashing or layout.
    const { body, etag } = await columnarAnswers.get(root, options, key, query.format);
    res
      .set("ETag", etag)
      .type(query.format === "binary" ? FAMILY_BINARY_MEDIA_TYPE : "json")
      .send(body);
  });
  return router;
}

function toSerializedGraph(slice: GraphSliceResult): GraphSlice {
  const licenseOf = new Map(slice.nodes.map((node) => [idKey(node.id), node.license]));
  return {
    attributes: { root: slice.focus, truncated: slice.truncated, omitted: slice.omitted, total: slice.total },
    options: { type: "directed", multi: false, allowSelfLoops: true },
    nodes: slice.nodes.map((node) => ({
      key: node.id,
      attributes: {
        label: node.id,
        author: node.author,
        relation: node.relation,
        descendants: node.descendants,
        downloads: node.downloads,
        likes: node.likes,
        createdAt: node.createdAt,
        generation: node.generation,
        hasHiddenChildren: node.hasHiddenChildren,
        license: knownLicense(node.license),
        licenseFamily: knownLicense(node.license) === null ? null : licenseFamily(node.license as string).name,
      },
    })),
    edges: slice.edges.map((edge) => ({
      key: edgeKey(edge.parent, edge.child),
      source: edge.parent,
      target: edge.child,
      attributes: {
        relation: edge.relation,
        source: edge.source,
        confidence: edge.confidence,
        licenseChange: licenseChangeKind(
          licenseOf.get(idKey(edge.parent)) ?? null,
          licenseOf.get(idKey(edge.child)) ?? null,
        ),
      },
    })),
  };
}
