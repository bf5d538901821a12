// GET /api/graph/columnar's answers as encoded bytes with their ETags, binary and JSON, computed once per family,
// options and data version. A warm request sends the stored bytes; after a write the slice is redone in steps with a
// turn of the event loop between them (other requests are answered meanwhile), the binary answer (the web client's) is
// ready before the JSON is encoded, requests for the same answer share one computation, and the layout carries over
// from the answer it replaces (lineage/place-new-models.ts).
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

/** The answer's forms, the same content: JSON (UTF-8) and binary (server/columnar-binary.ts). */
export type AnswerFormat = "json" | "binary";

type EncodedAnswers = Record<AnswerFormat, EncodedAnswer>;

export interface ColumnarAnswers {
  /**
   * The answer for `root` and `options` at the current data version, in `format`; `key` names the pair (one answer
   * per key).
   */
  get(root: string, options: SliceOptions, key: string, format: AnswerFormat): Promise<EncodedAnswer>;
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
  const running = new Map<string, { version: string } & Record<AnswerFormat, Promise<EncodedAnswer>>>();
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

  function compute(key: string, version: string, root: string, options: SliceOptions) {
    // Each step runs alone (the lineage graph's scratch is shared), but never two in one turn of the event loop.
    const slice = (async () => {
      await nextTurn();
      getLineageGraph(db);
      await nextTurn();
      const slice = getGraphSlice(db, root, options);
      await nextTurn();
      return toColumnarSlice(slice, stored.get(key)?.layout ?? null);
    })();
    const binary = slice.then(async ({ columns }) => {
      await nextTurn();
      return encoded(encodeColumnarBinary(columns));
    });
    const json = binary.then(async (binaryAnswer) => {
      const { columns, layout } = await slice;
      await nextTurn();
      const answer = { binary: binaryAnswer, json: encoded(Buffer.from(JSON.stringify(columns))) };
      // Read at the start: a write meanwhile makes the answer older than its version, so the next request redoes it.
      keep(key, { version, answer, layout });
      return answer.json;
    });
    return { version, binary, json };
  }

  return {
    get(root, options, key, format) {
      const version = getDataVersion(db);
      const done = stored.get(key);
      if (done?.version === version) {
        stored.delete(key);
        stored.set(key, done);
        return Promise.resolve(done.answer[format]);
      }
      const pending = running.get(key);
      if (pending?.version === version) return pending[format];
      const computing = compute(key, version, root, options);
      running.set(key, computing);
      // The JSON comes last: once it is done (or failed: the requests were told) the answer is stored or given up.
      computing.json
        .finally(() => {
          if (running.get(key) === computing) running.delete(key);
        })
        .catch(() => undefined);
      return computing[format];
    },
  };
}
