// Every API route, in the order the docs list them: adding a route to the contract means adding it here.
import { DOCS_ROUTE, OPENAPI_ROUTE } from "./docs";
import { EXPORT_ROUTE } from "./export";
import { FAMILIES_ROUTE } from "./families";
import { FORKS_FEED_ROUTE, FORKS_ROUTE } from "./forks";
import { GRAPH_ROUTE } from "./graph";
import { ANCESTORS_ROUTE, DESCENDANTS_ROUTE, GROWTH_ROUTE, MODEL_ROUTE } from "./models";
import { ORG_ROUTE } from "./orgs";
import type { ApiRoute } from "./route";
import { SEARCH_ROUTE } from "./search";
import { STATS_ROUTE } from "./stats";

export const API_ROUTES: readonly ApiRoute[] = [
  MODEL_ROUTE,
  ANCESTORS_ROUTE,
  DESCENDANTS_ROUTE,
  GROWTH_ROUTE,
  GRAPH_ROUTE,
  SEARCH_ROUTE,
  FAMILIES_ROUTE,
  ORG_ROUTE,
  STATS_ROUTE,
  EXPORT_ROUTE,
  FORKS_ROUTE,
  FORKS_FEED_ROUTE,
  OPENAPI_ROUTE,
  DOCS_ROUTE,
];
