// What every route family is built with: the database, the clock, the shared read cache and the public URL.
import type { Db } from "../../db/open-database";
import type { ReadCache } from "../read-cache";

export interface RouteContext {
  db: Db;
  now: () => Date;
  cache: ReadCache;
  /** This server's address as its users reach it (no trailing slash), for absolute links: never the Host header. */
  publicUrl: string;
}
