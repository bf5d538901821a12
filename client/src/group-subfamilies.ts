// The sub-families of a drawn family that can close into one disc: a first-generation model's subtree in the
// layout, when it holds at least a few models. Pure: reads the graph's `subfamily` attribute.
import type { LineageGraph } from "./lineage-graph";

export interface Subfamily {
  head: string;
  /** The models below the head (the head itself left out), which a closed disc hides. */
  members: string[];
  /** The links that touch a member, hidden with them. */
  edges: string[];
}

/** Sub-families with at least `minMembers` models below their head, largest first. */
export function groupSubfamilies(graph: LineageGraph, minMembers: number): Subfamily[] {
  const byHead = new Map<string, Subfamily>();
  graph.forEachNode((node, { subfamily }) => {
    if (!subfamily || subfamily === node) return;
    let group = byHead.get(subfamily);
    if (!group) {
      group = { head: subfamily, members: [], edges: [] };
      byHead.set(subfamily, group);
    }
    group.members.push(node);
  });
  const groups = [...byHead.values()].filter((group) => group.members.length >= minMembers);
  const headOf = new Map<string, Subfamily>();
  for (const group of groups) for (const member of group.members) headOf.set(member, group);
  graph.forEachEdge((edge, _attrs, source, target) => {
    const group = headOf.get(target) ?? headOf.get(source);
    group?.edges.push(edge);
  });
  return groups.sort((a, b) => b.members.length - a.members.length || (a.head < b.head ? -1 : 1));
}
