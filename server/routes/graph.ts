// GET /api/graph: a lineage slice around a model in graphology's SerializedGraph shape, trimmed to `limit`;
// GET /api/graph/columnar: the same slice as parallel arrays with server-side positions, for whole families.
import { type Request, Router } from "express";
import { resolveId } from "../../db/aliases";
import { idKey } from "../../lineage/id-key";
import { knownLicense, licenseChangeKind, licenseFamily } from "../../lineage/license-family";
import { readLicenses } from "../../db/queries/license-changes";
import type { GraphSliceResult } from "../../db/graph/graph-slice";
import { getGraphSlice } from "../../db/graph/get-graph-slice";
import { toColumnarSlice } from "../columnar-slice";
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

  /** The slice options of a request, its root resolved, and the cache key of its answer in `format`. */
  function readSliceRequest(req: Request, schema: typeof GRAPH_ROUTE.query, format: string) {
    const query = parseQuery(schema, req.query);
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
    const { root, options, key } = readSliceRequest(req, GRAPH_ROUTE.query, "graphology");
    const body = ctx.cache.get(key, () => {
      const slice = getGraphSlice(ctx.db, root, options);
      const value = toSerializedGraph(
        slice,
        readLicenses(
          ctx.db,
          slice.nodes.map((node) => node.id),
        ),
      );
      return { value, weight: value.nodes.length };
    });
    res.json(body);
  });
  router.get("/api/graph/columnar", (req, res) => {
    const { root, options, key } = readSliceRequest(req, GRAPH_COLUMNAR_ROUTE.query, "columnar");
    // Cached with the layout, as text: positions are computed once per family, options and data version, and
    // stringifying 150,000 models again would cost as much as the slice.
    const body = ctx.cache.get(key, () => {
      const slice = getGraphSlice(ctx.db, root, options);
      const value = toColumnarSlice(
        slice,
        readLicenses(
          ctx.db,
          slice.nodes.map((node) => node.id),
        ),
      );
      return { value: JSON.stringify(value), weight: value.nodes.id.length };
    });
    res.type("json").send(body);
  });
  return router;
}

/** `licenses[k]` is the licence of `slice.nodes[k]`. */
function toSerializedGraph(slice: GraphSliceResult, licenses: (string | null)[]): GraphSlice {
  const licenseOf = new Map(slice.nodes.map((node, k) => [idKey(node.id), licenses[k]]));
  return {
    attributes: { root: slice.focus, truncated: slice.truncated, omitted: slice.omitted, total: slice.total },
    options: { type: "directed", multi: false, allowSelfLoops: true },
    nodes: slice.nodes.map((node, k) => ({
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
        license: knownLicense(licenses[k]),
        licenseFamily: knownLicense(licenses[k]) === null ? null : licenseFamily(licenses[k] as string).name,
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
