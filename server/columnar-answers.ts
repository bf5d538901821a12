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

export interface ColumnarAnswers {
  /**
   * The answer for `root` and `options` at the current data version, in `format`; `key` names the pair (one answer
   * per key).
   */
  get(root: string, options: SliceOptions, key: string, format: AnswerFormat): Promise<EncodedAnswer>;
}

/** One key's answer at one data version: the binary form first, the JSON form encoded on its first request. */
interface Answer {
  version: string;
  slice: Promise<ColumnarSlice>;
  binary: Promise<EncodedAnswer>;
  json: Promise<EncodedAnswer> | null;
}

interface Stored {
  answer: Answer;
  /** The slice's layout, which the next version's answer carries over. */
  layout: PreviousLayout;
  /** Bytes held: the bodies, and the columns kept for a later JSON form (about the binary body's size again). */
  bytes: number;
}

type ColumnarSlice = ReturnType<typeof toColumnarSlice>;

const encoded = (body: Buffer): EncodedAnswer => ({
  body,
  etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
});

/** About ten answers of 150,000-model families in both forms, with their layouts. */
const DEFAULT_MAX_BYTES = 300 * 2 ** 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Answers kept until `maxBytes` of bodies, least recently used first out; a stale one is kept for its layout. The JSON
 * form, which the web client does not ask for, is encoded only when asked (0.13 s at 150,000 models).
 */
export function createColumnarAnswers(db: Db, maxBytes = DEFAULT_MAX_BYTES): ColumnarAnswers {
  const stored = new Map<string, Stored>();
  const running = new Map<string, Answer>();
  let bytes = 0;

  const keep = (key: string, entry: Stored) => {
    const old = stored.get(key);
    if (old) bytes -= old.bytes;
    stored.delete(key);
    stored.set(key, entry);
    bytes += entry.bytes;
    for (const [oldKey, value] of stored) {
      if (bytes <= maxBytes || oldKey === key) break;
      stored.delete(oldKey);
      bytes -= value.bytes;
    }
  };

  /** Grows a stored answer's size by its JSON body once encoded (if it is still the one stored). */
  const grow = (key: string, answer: Answer, json: EncodedAnswer) => {
    const entry = stored.get(key);
    if (entry?.answer !== answer) return;
    entry.bytes += json.body.length;
    bytes += json.body.length;
    keep(key, entry);
  };

  function compute(key: string, version: string, root: string, options: SliceOptions): Answer {
    // Each step runs alone (the lineage graph's scratch is shared), but never two in one turn of the event loop.
    const slice = (async () => {
      await nextTurn();
      getLineageGraph(db);
      await nextTurn();
      const slice = getGraphSlice(db, root, options);
      await nextTurn();
      return toColumnarSlice(slice, stored.get(key)?.layout ?? null);
    })();
    const answer: Answer = {
      version,
      slice,
      binary: slice.then(async ({ columns, layout }) => {
        await nextTurn();
        const binary = encoded(encodeColumnarBinary(columns));
        // Read at the start: a write meanwhile makes the answer older than its version, so the next request redoes it.
        keep(key, { answer, layout, bytes: 2 * binary.body.length });
        return binary;
      }),
      json: null,
    };
    return answer;
  }

  function jsonOf(key: string, answer: Answer): Promise<EncodedAnswer> {
    answer.json ??= answer.binary.then(async () => {
      const { columns } = await answer.slice;
      await nextTurn();
      const json = encoded(Buffer.from(JSON.stringify(columns)));
      grow(key, answer, json);
      return json;
    });
    return answer.json;
  }

  const inForm = (key: string, answer: Answer, format: AnswerFormat) =>
    format === "binary" ? answer.binary : jsonOf(key, answer);

  return {
    get(root, options, key, format) {
      const version = getDataVersion(db);
      const done = stored.get(key);
      if (done?.answer.version === version) {
        stored.delete(key);
        stored.set(key, done);
        return inForm(key, done.answer, format);
      }
      const pending = running.get(key);
      if (pending?.version === version) return inForm(key, pending, format);
      const computing = compute(key, version, root, options);
      running.set(key, computing);
      // Once the binary form is done (or failed: the requests were told) the answer is stored or given up.
      computing.binary
        .finally(() => {
          if (running.get(key) === computing) running.delete(key);
        })
        .catch(() => undefined);
      return inForm(key, computing, format);
    },
  };
}
