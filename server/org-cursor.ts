// The org leaderboard cursor: opaque to clients, base64url of [derivatives, author] of a page's last entry.
import { z } from "zod";
import type { TopOrgsKey } from "../db/queries/top-orgs";
import { InvalidParameterError } from "./errors";

const cursorSchema = z.tuple([z.int().min(0), z.string().min(1).max(96)]);

export function encodeOrgCursor(key: TopOrgsKey): string {
  return Buffer.from(JSON.stringify([key.derivatives, key.author])).toString("base64url");
}

export function decodeOrgCursor(cursor: string): TopOrgsKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) {
    throw new InvalidParameterError(
      "cursor: not a cursor this API gave; pass nextCursor from the previous page unchanged",
      ["cursor"],
    );
  }
  return { derivatives: parsed.data[0], author: parsed.data[1] };
}
