// The family's answer, requested by the entry module before the app (the renderer, the views) has even been downloaded:
// on a model page the largest request starts at once, in parallel with the bundle, and the model view takes it.
import type { ApiClient, GraphQuery } from "./api-client";
import type { FamilyColumns } from "./family-columns";
import type { ModelRoute } from "./route";
import { familyQueryOf } from "../../common/model-page";

/** A prefetched answer; `settled` once it arrived, so that the view can take it without waiting a turn. */
export interface PrefetchedFamily {
  answer: Promise<FamilyColumns | null>;
  settled: { value: FamilyColumns | null } | null;
}

let early: { key: string; family: PrefetchedFamily } | null = null;

const keyOf = (query: GraphQuery) =>
  JSON.stringify([query.root, query.up, query.down, query.relations, query.inferred ?? false]);

/** Starts the family's request now; the first model view asking for the same query takes its answer. */
export function prefetchFamily(api: ApiClient, route: ModelRoute): void {
  // The model view asks with the same familyQueryOf, so that the two match.
  const query = familyQueryOf(route);
  const answer = api.getColumnarGraph(query);
  const family: PrefetchedFamily = { answer, settled: null };
  // A failure is the model view's to show (it takes this promise); never an unhandled rejection before that.
  answer.then(
    (value) => {
      family.settled = { value };
    },
    () => undefined,
  );
  early = { key: keyOf(query), family };
}

/** The prefetched answer for this query, once (later loads fetch afresh); null when none matches. */
export function takePrefetchedFamily(query: GraphQuery): PrefetchedFamily | null {
  const taken = early;
  early = null;
  return taken !== null && taken.key === keyOf(query) ? taken.family : null;
}
