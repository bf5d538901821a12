// One model with its lineage: stored fields, its parent links with their sources and licences, the licence
// changes from its parents, direct and transitive counts, roots.
import { resolveId } from "../aliases";
import { getParents } from "../edges";
import { idKey } from "../../lineage/id-key";
import { getModel } from "../models";
import type { Db } from "../open-database";
import { getRoots } from "./ancestors";
import { createCountsReader, type LineageCounts } from "./counts";
import type { EdgeScope } from "./edges";
import { authorOf } from "./nodes";
import type { Edge, EdgeSource, Model, Relation } from "../../lineage/types";
import { getLicenseChanges, type LicenseChange } from "./license-changes";
import { peekLineageGraph } from "../graph/get-lineage-graph";
import { readLineageCountsInGraph } from "../graph/count-children-in-graph";
import { countLicenseChangesBelowInGraph } from "../graph/count-license-changes-in-graph";

/** One parent link: the strongest source's edge, every source of the pair in scope, and the parent's licence. */
export interface ParentDetail extends Edge {
  sources: { source: EdgeSource; relation: Relation | null; confidence: number }[];
  /** The parent's stored licence; null when unknown or the parent is not stored. */
  license: string | null;
}

export interface ModelDetailRecord extends LineageCounts {
  /** The stored model; a model known only as someone's parent has null fields. */
  model: Model;
  /** The id asked for when it is an old (renamed) id of this model. */
  renamedFrom: string | null;
  /** One link per parent: the strongest source's (tag > card > inferred), with the others as its sources. */
  parents: ParentDetail[];
  licenseChanges: LicenseChange[];
  /**
   * Models below with a licence change, counted on the cached lineage graph; null when no graph is cached that the
   * change journal brings up to date (the caller counts in SQL: countLicenseChangesBelow).
   */
  licenseChangesBelow: number | null;
  roots: string[];
}

/**
 * Null when neither the id nor an alias of it is known to the database. The direct children and the licence changes
 * below are counted on the cached lineage graph when it is current (brought up to date from the change journal),
 * else in SQL: the same figures either way.
 */
export function getModelDetail(db: Db, askedId: string, scope: EdgeScope): ModelDetailRecord | null {
  const id = resolveId(db, askedId);
  if (id === null) return null;
  const model = getModel(db, id) ?? bareModel(id);
  // getParents orders each parent's rows by source precedence: the first row of each parent is its link's.
  const parents = new Map<string, ParentDetail>();
  for (const edge of getParents(db, model.id, scope)) {
    const source = { source: edge.source, relation: edge.relation, confidence: edge.confidence };
    const known = parents.get(idKey(edge.parent));
    if (known) known.sources.push(source);
    else
      parents.set(idKey(edge.parent), {
        ...edge,
        sources: [source],
        license: getModel(db, edge.parent)?.license ?? null,
      });
  }
  const graph = peekLineageGraph(db);
  return {
    model,
    renamedFrom: idKey(askedId) === idKey(id) ? null : askedId,
    parents: [...parents.values()],
    licenseChanges: getLicenseChanges(db, model.id, scope),
    licenseChangesBelow: graph ? countLicenseChangesBelowInGraph(db, graph, model.id, scope) : null,
    ...(graph ? readLineageCountsInGraph(db, graph, model.id, scope) : createCountsReader(db)(model.id, scope)),
    roots: getRoots(db, model.id, scope),
  };
}

function bareModel(id: string): Model {
  return {
    id,
    author: authorOf(id),
    createdAt: null,
    lastModified: null,
    downloads: null,
    likes: null,
    pipelineTag: null,
    libraryName: null,
    license: null,
    gated: null,
    private: null,
    sha: null,
    newVersion: null,
    fetchedAt: null,
    listedAt: null,
    goneAt: null,
  };
}
