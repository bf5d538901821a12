// GET /api/graph/columnar's answers as encoded bytes with their ETags (JSON and binary), computed once per family,
// options and data version. A warm request sends the stored bytes; after a write the slice is redone in steps with a turn of the event
// loop between them (other requests are answered meanwhile), requests for the same answer share one computation, and
// the layout carries over from the answer it replaces (lineage/place-new-models.ts).
import { createHash } from "node:crypto";
import { getGraphSlice } from "../db/graph/get-graph-slice";
import type { SliceOptions } from "../db/graph/graph-slice";
import { getLineageGraph } from "../db/graph/get-lineage-graph";
import type { Db } from "../db/open-database";
import { getDataVersion } from "../db/queries/stats";
import type { PreviousLayout } from "../lineage/place-new-models";
import { encodeColumnarBinary } from "./columnar-binary";
import { toColumnarSlice } from "./columnar-slice";

export interface EncodedAnswer {
  /** The answer's bytes. */
  body: Buffer;
  /** A strong ETag of `body`. */
  etag: string;
}

/** One answer in both forms: JSON (UTF-8) and binary (server/columnar-binary.ts), the same content. */
export interface EncodedAnswers {
  json: EncodedAnswer;
  binary: EncodedAnswer;
}

export interface ColumnarAnswers {
  /** The answer for `root` and `options` at the current data version; `key` names the pair (one answer per key). */
  get(root: string, options: SliceOptions, key: string): Promise<EncodedAnswers>;
}

interface Stored {
  version: string;
  answer: EncodedAnswers;
  layout: PreviousLayout;
}

const sizeOf = (answer: EncodedAnswers) => answer.json.body.length + answer.binary.body.length;

const encoded = (body: Buffer): EncodedAnswer => ({
  body,
  etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
});

/** About ten answers of 150,000-model families in both forms, with their layouts. */
const DEFAULT_MAX_BYTES = 300 * 2 ** 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Answers kept until `maxBytes` of bodies, least recently used first out; a stale one is kept for its layout. */
export function createColumnarAnswers(db: Db, maxBytes = DEFAULT_MAX_BYTES): ColumnarAnswers {
  const stored = new Map<string, Stored>();
  const running = new Map<string, { version: string; answer: Promise<EncodedAnswers> }>();
  let bytes = 0;

  const keep = (key: string, entry: Stored) => {
    const old = stored.get(key);
    if (old) bytes -= sizeOf(old.answer);
    stored.delete(key);
    stored.set(key, entry);
    bytes += sizeOf(entry.answer);
    for (const [oldKey, value] of stored) {
      if (bytes <= maxBytes || oldKey === key) break;
      stored.delete(oldKey);
      bytes -= sizeOf(value.answer);
    }
  };

  async function compute(key: string, version: string, root: string, options: SliceOptions): Promise<EncodedAnswers> {
    // Each step runs alone (the lineage graph's scratch is shared), but never two in one turn of the event loop.
    await nextTurn();
    getLineageGraph(db);
    await nextTurn();
    const slice = getGraphSlice(db, root, options);
    await nextTurn();
    const { columns, layout } = toColumnarSlice(slice, stored.get(key)?.layout ?? null);
    await nextTurn();
    const json = encoded(Buffer.from(JSON.stringify(columns)));
    await nextTurn();
    const answer = { json, binary: encoded(encodeColumnarBinary(columns)) };
    // Read at the start: a write meanwhile makes the answer older than its version, so the next request redoes it.
    keep(key, { version, answer, layout });
    return answer;
  }

  return {
    get(root, options, key) {
      const version = getDataVersion(db);
      const done = stored.get(key);
      if (done?.version === version) {
        stored.delete(key);
        stored.set(key, done);
        return Promise.resolve(done.answer);
      }
      const pending = running.get(key);
      if (pending?.version === version) return pending.answer;
      const answer = compute(key, version, root, options).finally(() => {
        if (running.get(key)?.answer === answer) running.delete(key);
      });
      running.set(key, { version, answer });
      return answer;
    },
  };
}
