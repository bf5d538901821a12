// The descendants cursor: opaque to clients, base64url of [sort, last value, last id].
import { z } from "zod";
import { DESCENDANT_SORTS, type DescendantKey, type DescendantSort } from "../db/queries/descendants";
import { InvalidParameterError } from "./errors";

const cursorSchema = z.tuple([
  z.enum(DESCENDANT_SORTS),
  z.union([z.number().int().min(-1), z.string().max(64)]),
  z.string().min(1).max(256),
]);

export function encodeCursor(sort: DescendantSort, key: DescendantKey): string {
  return Buffer.from(JSON.stringify([sort, key.value, key.id])).toString("base64url");
}

export function decodeCursor(cursor: string, sort: DescendantSort): DescendantKey {
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
  const [cursorSort, value, id] = parsed.data;
  const expectsText = sort === "created";
  if (cursorSort !== sort || (typeof value === "string") !== expectsText) {
    throw new InvalidParameterError(
      `cursor: it belongs to sort=${cursorSort}; keep the same sort while paging, or start without a cursor`,
      ["cursor"],
    );
  }
  return { value, id };
}
