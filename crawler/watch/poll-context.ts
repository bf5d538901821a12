// What one poll carries from page to page (the database, the watermark, the models listed so far, the tracked
// families) and the lookups built on it: tracked ancestors, declared parents, problems filed.
import type { Db } from "../../db/open-database";
import { getParents } from "../../db/edges";
import type { ParentSummary } from "../../db/fork-events";
import { recordProblem } from "../../db/problems";
import { updateRunCounters, type RunId } from "../../db/runs";
import { listTrackedFamilies } from "../../db/tracked-families";
import { detectForks, type TrackedAncestor } from "../../lineage/detect-forks";
import { idKey } from "../../lineage/id-key";
import type { ListedModel, Watermark } from "./watermark";

export interface PollContext {
  db: Db;
  watermark: Watermark | null;
  listed: Map<string, ListedModel>;
  tracked: TrackedLookup;
  runId: RunId | null;
}

export interface TrackedLookup {
  trackedId(id: string): string | null;
}

export function readTracked(db: Db): TrackedLookup {
  const byKey = new Map(listTrackedFamilies(db).map((family) => [idKey(family.id), family.id]));
  return { trackedId: (id) => byKey.get(idKey(id)) ?? null };
}

export function detect(ctx: PollContext, id: string): TrackedAncestor[] {
  return detectForks(id, {
    parentsOf: (child) => declaredParents(ctx.db, child),
    trackedId: ctx.tracked.trackedId,
    keyOf: idKey,
  });
}

/** The model's declared parents, one per parent (the winning source's relation), by parent id. */
export function declaredParents(db: Db, id: string): ParentSummary[] {
  const seen = new Set<string>();
  const parents: ParentSummary[] = [];
  for (const edge of getParents(db, id)) {
    const key = idKey(edge.parent);
    if (seen.has(key)) continue;
    seen.add(key);
    parents.push({ id: edge.parent, relation: edge.relation });
  }
  return parents;
}

export function sameParents(a: ParentSummary[], b: ParentSummary[]): boolean {
  const keys = (list: ParentSummary[]) =>
    list
      .map((p) => `${idKey(p.id)}\n${p.relation}`)
      .sort()
      .join("\n\n");
  return keys(a) === keys(b);
}

export function fileProblems(ctx: PollContext, now: string, problems: [string, string][]): number {
  for (const [kind, message] of problems)
    recordProblem(ctx.db, { runId: ctx.runId, modelId: null, kind, message }, now);
  if (ctx.runId !== null && problems.length > 0) updateRunCounters(ctx.db, ctx.runId, { problems: problems.length });
  return problems.length;
}
