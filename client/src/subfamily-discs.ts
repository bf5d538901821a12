// Sub-families closed into discs and opened again: hides a first-generation model's subtree in the view and draws
// the model as one disc sized by its descendants. Keeps count of what is shown, for the header.
import { groupSubfamilies, type Subfamily } from "./group-subfamilies";
import type { FamilyLinks } from "./family-links";
import type { GraphView } from "./graph-view";
import type { LineageGraph } from "./lineage-graph";

/** A sub-family closes into a disc when it holds at least this many models below its head. */
export const SUBFAMILY_MIN_MEMBERS = 25;

export interface SubfamilyDiscs {
  /** How many sub-families can close. */
  readonly count: number;
  closeAll(): void;
  openAll(): void;
  /** Opens one closed disc; false when `head` is no closed disc. */
  open(head: string): boolean;
  isClosed(head: string): boolean;
  shown(): { models: number; links: number };
}

export function createSubfamilyDiscs(graph: LineageGraph, view: GraphView, links: FamilyLinks): SubfamilyDiscs {
  // Grouped when first asked for: the grouping walks every model and link.
  let grouped: Map<string, Subfamily> | null = null;
  const groupsOf = () => {
    links.complete();
    grouped ??= new Map(groupSubfamilies(graph, SUBFAMILY_MIN_MEMBERS).map((group) => [group.head, group]));
    return grouped;
  };
  const closed = new Set<string>();
  let hiddenModels = 0;
  let hiddenLinks = 0;

  /** Closes or opens groups in one batch: each state change restyles the view once, whatever its size. */
  const setClosed = (changing: Subfamily[], isClosed: boolean) => {
    const groups = changing.filter((group) => closed.has(group.head) !== isClosed);
    if (groups.length === 0) return;
    const members = groups.flatMap((group) => group.members);
    const edges = groups.flatMap((group) => group.edges);
    for (const group of groups) {
      if (isClosed) closed.add(group.head);
      else closed.delete(group.head);
    }
    view.setHidden(members, edges, isClosed);
    view.setDiscs(
      groups.map((group) => group.head),
      isClosed,
    );
    const sign = isClosed ? 1 : -1;
    hiddenModels += sign * members.length;
    hiddenLinks += sign * edges.length;
  };

  return {
    get count() {
      return groupsOf().size;
    },
    closeAll() {
      setClosed([...groupsOf().values()], true);
    },
    openAll() {
      setClosed([...groupsOf().values()], false);
    },
    open(head) {
      const group = grouped?.get(head);
      if (!group || !closed.has(head)) return false;
      setClosed([group], false);
      return true;
    },
    isClosed: (head) => closed.has(head),
    shown: () => ({ models: graph.order - hiddenModels, links: links.count() - hiddenLinks }),
  };
}
