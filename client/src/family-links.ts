// A large family's links reach its graphology graph after the first frame (the view draws them from the columns): in
// slices between turns of the event loop, so the page answers input meanwhile, or at once when something needs them.
import { addColumnLinks } from "./columnar-graph";
import type { FamilyColumns } from "./family-columns";
import type { LineageGraph } from "./lineage-graph";

/** The family's links may reach the graph after its first frame: the discs wait for them, the header counts them. */
export interface FamilyLinks {
  /** Adds the links not in the graph yet. */
  complete(): void;
  /** How many links the family has (in the graph or not yet). */
  count(): number;
}

/** Families with more links than this get them after the first frame. */
export const DEFER_LINKS_ABOVE = 10_000;
/** Links added per turn of the event loop (a few tens of milliseconds on a slow machine). */
const SLICE = 8_000;

export interface DeferredLinks extends FamilyLinks {
  /** Starts adding the missing links; `onDone` once all are in the graph (at once when none is missing). */
  start(onDone: () => void): void;
  stop(): void;
}

/** The links of `columns` from number `added` on, for `graph` (built from the columns with the ones before). */
export function deferLinks(graph: LineageGraph, columns: FamilyColumns, added: number): DeferredLinks {
  const total = columns.edges.parent.length;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done: (() => void) | null = null;
  const addUpTo = (to: number) => {
    addColumnLinks(graph, columns, added, to);
    added = to;
    if (added === total && done) {
      const onDone = done;
      done = null;
      clearTimeout(timer);
      onDone();
    }
  };
  const step = () => {
    addUpTo(Math.min(total, added + SLICE));
    if (added < total) timer = setTimeout(step, 0);
  };
  return {
    complete: () => addUpTo(total),
    // Expansions add links of their own once these are all in.
    count: () => graph.size + total - added,
    start(onDone) {
      done = onDone;
      step();
    },
    stop() {
      clearTimeout(timer);
      done = null;
    },
  };
}
