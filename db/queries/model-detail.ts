// One model with its lineage: stored fields, preferred parents, direct and transitive counts, roots.
import { resolveId } from "../aliases";
import { getParents } from "../edges";
import { idKey } from "../../lineage/id-key";
import { getModel } from "../models";
import type { Db } from "../open-database";
import { getRoots } from "./ancestors";
import { createCountsReader, type LineageCounts } from "./counts";
import type { EdgeScope } from "./edges";
import { authorOf } from "./nodes";
import type { Edge, Model } from "../../lineage/types";

export interface ModelDetailRecord extends LineageCounts {
  /** The stored model; a model known only as someone's parent has null fields. */
  model: Model;
  /** The id asked for when it is an old (renamed) id of this model. */
  renamedFrom: string | null;
  /** One edge per parent: the preferred source (tag > card > inferred), so a disagreeing inferred edge is not shown. */
  parents: Edge[];
  roots: string[];
}

/** Null when neither the id nor an alias of it is known to the database. */
export function getModelDetail(db: Db, askedId: string, scope: EdgeScope): ModelDetailRecord | null {
  const id = resolveId(db, askedId);
  if (id === null) return null;
  const model = getModel(db, id) ?? bareModel(id);
  const seen = new Set<string>();
  // getParents orders each parent's rows by source priority: the first row of each parent is its preferred one.
  const parents = getParents(db, model.id, scope).filter(
    (edge) => !seen.has(idKey(edge.parent)) && seen.add(idKey(edge.parent)),
  );
  return {
    model,
    renamedFrom: idKey(askedId) === idKey(id) ? null : askedId,
    parents,
    ...createCountsReader(db)(model.id, scope),
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
