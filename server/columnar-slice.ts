// A graph slice as parallel arrays (GET /api/graph/columnar): positions laid out here, once per family and data
// version (server/columnar-answers.ts keeps the answer), so that the browser builds its graph without parsing one
// object per model. Given the layout of the answer it replaces, the models already there keep their places.
import type { GraphSliceResult } from "../db/graph/graph-slice";
import { layoutGenerations } from "../lineage/layout-generations";
import { type PreviousLayout, placeNewModels } from "../lineage/place-new-models";
import { knownLicense, LICENSE_CHANGE_KINDS, licenseChangeKind, licenseFamily } from "../lineage/license-family";
import { EDGE_SOURCES, RELATIONS, type Relation } from "../lineage/types";
import type { ColumnarGraphSlice } from "./contract/types";
import { lowerBound } from "../common/lower-bound";

/** How many models the answer names as worth a label (the client's label grid picks among them on screen). */
export const LABELLED_MODELS = 400;
/** Coordinates are sent with one decimal: models sit at least 2 layout units apart (never -0: JSON has none). */
const round = (value: number) => Math.round(value * 10) / 10 + 0;

const RELATION_CODES: (Relation | null)[] = [...RELATIONS, null];

/**
 * The models worth a label, most significant first: by descendants, then downloads, then id. The best `limit` are
 * kept in order as the models are met (most are beaten by the last kept at once), rather than sorting them all.
 */
function pickLabelled(slice: GraphSliceResult, limit: number): number[] {
  const { nodes } = slice;
  const compare = (a: number, b: number) =>
    nodes[b].descendants - nodes[a].descendants ||
    (nodes[b].downloads ?? -1) - (nodes[a].downloads ?? -1) ||
    (nodes[a].id < nodes[b].id ? -1 : 1);
  const best: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (!(i === 0 || nodes[i].descendants > 0 || nodes[i].generation <= 1)) continue;
    if (best.length === limit && compare(i, best[limit - 1]) > 0) continue;
    best.splice(
      lowerBound(best.length, (k) => compare(best[k], i) < 0),
      0,
      i,
    );
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * The slice in columns, and its layout for the next answer; model 0 is the focus (getGraphSlice lists it first).
 * `previous`: the layout of the answer this one replaces, or null to lay the family out whole.
 */
export function toColumnarSlice(
  slice: GraphSliceResult,
  previous: PreviousLayout | null,
): { columns: ColumnarGraphSlice; layout: PreviousLayout } {
  const { nodes, edges } = slice;
  const known = nodes.map((node) => knownLicense(node.license));
  const licenseCodes: string[] = [...new Set(known.filter((license): license is string => license !== null))];
  const licenseCode = new Map(licenseCodes.map((license, code) => [license, code]));
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));
  const parent = new Array<number>(edges.length);
  const child = new Array<number>(edges.length);
  edges.forEach((edge, l) => {
    parent[l] = index.get(edge.parent) as number;
    child[l] = index.get(edge.child) as number;
  });
  const generation = nodes.map((node) => node.generation);
  const family = {
    ids: nodes.map((node) => node.id),
    generation,
    relation: nodes.map((node) => node.relation),
    descendants: nodes.map((node) => node.descendants),
    createdAt: nodes.map((node) => node.createdAt),
    linkParent: parent,
    linkChild: child,
  };
  const { x, y, treeParent } = (previous && placeNewModels(family, 0, previous)) ?? layoutGenerations(family, 0);
  // A descendant's sub-family is the first-generation model its layout chain starts from (parents come first
  // in generation order, so one pass in that order suffices).
  const subfamily = new Array<number>(nodes.length).fill(-1);
  const byGeneration: number[][] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (generation[i] < 1) continue;
    const level = byGeneration[generation[i]];
    if (level) level.push(i);
    else byGeneration[generation[i]] = [i];
  }
  for (const i of byGeneration[1] ?? []) subfamily[i] = i;
  for (let at = 2; at < byGeneration.length; at++)
    for (const i of byGeneration[at] ?? []) if (treeParent[i] >= 0) subfamily[i] = subfamily[treeParent[i]];
  const columns: ColumnarGraphSlice = {
    attributes: { root: slice.focus, truncated: slice.truncated, omitted: slice.omitted, total: slice.total },
    relationCodes: RELATION_CODES,
    licenseCodes: licenseCodes.map((license) => ({ license, family: licenseFamily(license).name })),
    licenseChangeCodes: [...LICENSE_CHANGE_KINDS],
    sourceCodes: [...EDGE_SOURCES],
    nodes: {
      id: nodes.map((node) => node.id),
      x: Array.from(x, round),
      y: Array.from(y, round),
      generation,
      relation: nodes.map((node) => RELATION_CODES.indexOf(node.relation)),
      descendants: nodes.map((node) => node.descendants),
      downloads: nodes.map((node) => node.downloads),
      hasHiddenChildren: nodes.map((node) => (node.hasHiddenChildren ? 1 : 0)),
      license: known.map((license) => (license === null ? -1 : (licenseCode.get(license) as number))),
      subfamily,
    },
    labelled: pickLabelled(slice, LABELLED_MODELS),
    edges: {
      parent,
      child,
      relation: edges.map((edge) => RELATION_CODES.indexOf(edge.relation)),
      source: edges.map((edge) => EDGE_SOURCES.indexOf(edge.source)),
      licenseChange: edges.map((_, l) => {
        const kind = licenseChangeKind(known[parent[l]], known[child[l]]);
        return kind === null ? -1 : LICENSE_CHANGE_KINDS.indexOf(kind);
      }),
    },
  };
  return { columns, layout: { at: index, x, y, generation } };
}
