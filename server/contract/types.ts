// The JSON the API answers with, as TypeScript types inferred from the contract's schemas: what server/ builds
// and client/ reads (the client imports them with `import type` only, so no zod reaches its bundle).
import type { z } from "zod";
import type { RELATIONS, EDGE_SOURCES } from "../../lineage/types";
import type {
  ANCESTORS_ROUTE,
  DESCENDANT_ITEM,
  DESCENDANTS_ROUTE,
  GROWTH_PERIOD,
  GROWTH_ROUTE,
  MODEL_PARENT,
  MODEL_ROUTE,
} from "./models";
import type { GRAPH_COLUMNAR_ROUTE, GRAPH_EDGE_ATTRIBUTES, GRAPH_NODE_ATTRIBUTES, GRAPH_ROUTE } from "./graph";
import type { SEARCH_HIT, SEARCH_ROUTE } from "./search";
import type { FAMILIES_ROUTE, FAMILY_ITEM } from "./families";
import type { ORG_ROUTE, TOP_ORGS_ROUTE } from "./orgs";
import type { STATS_ROUTE } from "./stats";
import type { FORK_ITEM, FORKS_ROUTE } from "./forks";
import type { ResponseOf } from "./route";
import type {
  DESCENDANT_COUNTS,
  ERROR_BODY,
  LICENSE_CHANGE,
  LINK_SOURCE,
  MODEL_SUMMARY,
  PARENT_REF,
  RELATION_COUNTS,
} from "./shapes";
import type { LICENSE_CHANGE_KINDS, LICENSE_FAMILY_NAMES } from "../../lineage/license-family";

export type Relation = (typeof RELATIONS)[number];
export type EdgeSource = (typeof EDGE_SOURCES)[number];

export type ApiError = z.output<typeof ERROR_BODY>;
export type RelationCounts = z.output<typeof RELATION_COUNTS>;
export type DescendantCounts = z.output<typeof DESCENDANT_COUNTS>;
export type ParentRef = z.output<typeof PARENT_REF>;
export type LinkSource = z.output<typeof LINK_SOURCE>;
export type ModelParent = z.output<typeof MODEL_PARENT>;
export type LicenseChange = z.output<typeof LICENSE_CHANGE>;
export type LicenseChangeKind = (typeof LICENSE_CHANGE_KINDS)[number];
export type LicenseFamilyName = (typeof LICENSE_FAMILY_NAMES)[number];
export type ModelSummary = z.output<typeof MODEL_SUMMARY>;

export type ModelDetail = ResponseOf<typeof MODEL_ROUTE>;
export type AncestorsResponse = ResponseOf<typeof ANCESTORS_ROUTE>;
export type DescendantItem = z.output<typeof DESCENDANT_ITEM>;
export type DescendantsPage = ResponseOf<typeof DESCENDANTS_ROUTE>;
export type GrowthPeriod = z.output<typeof GROWTH_PERIOD>;
export type GrowthResponse = ResponseOf<typeof GROWTH_ROUTE>;
export type GraphNodeAttributes = z.output<typeof GRAPH_NODE_ATTRIBUTES>;
export type GraphEdgeAttributes = z.output<typeof GRAPH_EDGE_ATTRIBUTES>;
export type GraphSlice = ResponseOf<typeof GRAPH_ROUTE>;
export type ColumnarGraphSlice = ResponseOf<typeof GRAPH_COLUMNAR_ROUTE>;
export type SearchHit = z.output<typeof SEARCH_HIT>;
export type SearchHits = ResponseOf<typeof SEARCH_ROUTE>;
export type FamilyItem = z.output<typeof FAMILY_ITEM>;
export type FamiliesResponse = ResponseOf<typeof FAMILIES_ROUTE>;
export type OrgResponse = ResponseOf<typeof ORG_ROUTE>;
export type TopOrgsResponse = ResponseOf<typeof TOP_ORGS_ROUTE>;
export type StatsResponse = ResponseOf<typeof STATS_ROUTE>;
export type ForkItem = z.output<typeof FORK_ITEM>;
export type ForksPage = ResponseOf<typeof FORKS_ROUTE>;
