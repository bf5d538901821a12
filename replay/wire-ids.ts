// Hub-shaped identifiers for records the replay builds itself: Mongo-style `_id`s and git-style shas.
import { createHash } from "node:crypto";

/** A Mongo ObjectId's first 4 bytes are its creation second, as on the Hub; the other 8 come from `text`. */
export function objectIdFor(createdAtMs: number, text: string): string {
  const seconds = Math.max(0, Math.floor(createdAtMs / 1000));
  const tail = createHash("sha1").update(text).digest("hex").slice(0, 16);
  return seconds.toString(16).padStart(8, "0") + tail;
}

export function sha1Hex(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The id git gives a file's content (`git hash-object`), which the Hub sends as a regular file's ETag. */
export function gitBlobSha(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}
