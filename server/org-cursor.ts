// The org leaderboard cursor: opaque to clients, base64url of [derivatives, author] of a page's last entry.
import { z } from "zod";
import type { TopOrgsKey } from "../db/queries/top-orgs";
import { readCursor } from "./descendants-cursor";

const cursorSchema = z.tuple([z.int().min(0), z.string().min(1).max(96)]);

export function encodeOrgCursor(key: TopOrgsKey): string {
  return Buffer.from(JSON.stringify([key.derivatives, key.author])).toString("base64url");
}

export function decodeOrgCursor(cursor: string): TopOrgsKey {
  const [derivatives, author] = readCursor(cursor, cursorSchema);
  return { derivatives, author };
}
