// The graph the model view draws: graphology, with the attributes the view reads of models and links.
import type Graph from "graphology";
import type { GraphEdgeAttributes, GraphNodeAttributes, Relation } from "../../server/contract/types";

/**
 * What the view draws of a model: the server's fields and position, and what the client derives when it builds the
 * graph: the node's role (the focus, or a base model with no parent in view), whether it is worth a label, and the
 * first-generation model whose subtree holds it (null for the focus and above).
 */
export interface LaidOutNodeAttributes {
  label: string;
  relation: Relation | null;
  descendants: number;
  downloads: number | null;
  generation: number;
  hasHiddenChildren: boolean;
  license: string | null;
  licenseFamily: GraphNodeAttributes["licenseFamily"];
  x: number;
  y: number;
  role?: "focus" | "base";
  isLabelled?: boolean;
  subfamily?: string | null;
}
export type LineageGraph = Graph<LaidOutNodeAttributes, GraphEdgeAttributes>;
