// How many models below a model have a licence change from one of their parents, on the cached lineage graph and the
// licences kept beside it (db/graph/graph-fields.ts): countLicenseChangesBelow's figure for one model, found by one
// walk down its family, or for every model at once, walked up from each changed model over integers (no SQL a model).
import { idKey } from "../../lineage/id-key";
import { licenseChangeKind } from "../../lineage/license-family";
import type { Db } from "../open-database";
import type { EdgeScope } from "../queries/edges";
import { ensureGraphFields } from "./graph-fields";
import { type GraphFields, isRowInScope, type LineageGraph } from "./lineage-graph";

/**
 * The distinct models below `id` (through links in scope; `id` itself never, even in a cycle) with at least one
 * parent link in scope, self-loops aside, whose two stored licences are known and differ (in more than ASCII case,
 * as SQL's lower() compares them) with a licenseChangeKind. 0 when the graph does not hold `id`.
 */
export function countLicenseChangesBelowInGraph(db: Db, graph: LineageGraph, id: string, scope: EdgeScope): number {
  const start = graph.ids.find(id);
  if (start < 0) return 0;
  const isMet = new Uint8Array(graph.size);
  isMet[start] = 1;
  // Breadth first from `start`: family[0] is `start`, the rest every model below it once.
  const family = [start];
  for (let head = 0; head < family.length; head++) {
    const v = family[head];
    for (let k = graph.childStart[v]; k < graph.childStart[v + 1]; k++) {
      const row = graph.childRows[k];
      const child = graph.rowChild[row];
      if (isMet[child] || !isRowInScope(graph, row, scope)) continue;
      isMet[child] = 1;
      family.push(child);
    }
  }
  if (family.length === 1) return 0;
  // The licences of the family and of their parents outside it (a merge's other base).
  const needed = family.slice();
  for (let f = 1; f < family.length; f++) {
    const v = family[f];
    for (let k = graph.parentStart[v]; k < graph.parentStart[v + 1]; k++) {
      const parent = graph.rowParent[graph.parentRows[k]];
      if (isMet[parent]) continue;
      isMet[parent] = 1;
      needed.push(parent);
    }
  }
  const isChangedModel = createChangedModelTest(graph, ensureGraphFields(db, graph, needed), scope);
  let count = 0;
  for (let f = 1; f < family.length; f++) if (isChangedModel(family[f])) count++;
  return count;
}

/**
 * countLicenseChangesBelow's figure for every node of `graph` (0 for none): each changed model walked up once, its
 * ancestors (through links in scope) counting it once however many paths lead to them, itself never (in a cycle).
 * Reads the licence of every model not read yet (all of them the first time), then only those the journal names.
 */
export function countAllLicenseChangesBelowInGraph(db: Db, graph: LineageGraph, scope: EdgeScope): Int32Array {
  const every = new Int32Array(graph.size);
  for (let v = 0; v < graph.size; v++) every[v] = v;
  const isChangedModel = createChangedModelTest(graph, ensureGraphFields(db, graph, every), scope);
  const below = new Int32Array(graph.size);
  // metBy[v] = start + 1 once the walk up from `start` met v: no set to clear between walks.
  const metBy = new Int32Array(graph.size);
  const queue = every;
  for (let start = 0; start < graph.size; start++) {
    if (!isChangedModel(start)) continue;
    metBy[start] = start + 1;
    queue[0] = start;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head];
      for (let k = graph.parentStart[v]; k < graph.parentStart[v + 1]; k++) {
        const row = graph.parentRows[k];
        const parent = graph.rowParent[row];
        if (metBy[parent] === start + 1 || !isRowInScope(graph, row, scope)) continue;
        metBy[parent] = start + 1;
        below[parent]++;
        queue[tail++] = parent;
      }
    }
  }
  return below;
}

/**
 * Whether node v has at least one parent link in scope, self-loops aside, whose two stored licences (read into
 * `fields`) are known and differ (in more than ASCII case, as SQL's lower() compares them) with a licenseChangeKind.
 */
function createChangedModelTest(graph: LineageGraph, fields: GraphFields, scope: EdgeScope): (v: number) => boolean {
  // Licence codes (graph-fields.ts: 0 unknown) in pairs: a store holds few licences, so each pair is judged once.
  const judged = new Map<number, boolean>();
  const isChange = (parentCode: number, childCode: number) => {
    const pair = parentCode * 65_536 + childCode;
    let change = judged.get(pair);
    if (change === undefined) {
      const parentLicense = fields.licenseNames[parentCode - 1];
      const license = fields.licenseNames[childCode - 1];
      change = idKey(parentLicense) !== idKey(license) && licenseChangeKind(parentLicense, license) !== null;
      judged.set(pair, change);
    }
    return change;
  };
  return (v) => {
    const childCode = fields.license[v];
    if (childCode === 0) return false;
    for (let k = graph.parentStart[v]; k < graph.parentStart[v + 1]; k++) {
      const row = graph.parentRows[k];
      const parent = graph.rowParent[row];
      const parentCode = fields.license[parent];
      if (parent === v || parentCode === 0) continue;
      if (!isRowInScope(graph, row, scope)) continue;
      if (isChange(parentCode, childCode)) return true;
    }
    return false;
  };
}
