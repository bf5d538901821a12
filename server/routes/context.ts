// What every route family is built with: the database, the clock and the shared read cache.
import type { Db } from "../../db/open-database";
import type { ReadCache } from "../read-cache";

export interface RouteContext {
  db: Db;
  now: () => Date;
  cache: ReadCache;
}
