// GET /api/forks (the watcher's new-fork events, newest first, keyset-paginated) and GET /api/forks.atom (the same
// as an Atom feed, for feed readers).
import { createHash } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { canonicalId, resolveId } from "../../db/aliases";
import type { StoredForkEvent } from "../../db/fork-events";
import { idKey } from "../../lineage/id-key";
import { listForkEvents } from "../../db/queries/forks";
import { FORKS_FEED_ROUTE, FORKS_ROUTE } from "../contract/forks";
import { LIMITS } from "../contract/params";
import type { ForkItem, ForksPage } from "../contract/types";
import { ATOM_CONTENT_TYPE, isRfc3339, writeAtomFeed, type AtomEntry } from "../atom";
import { describeForkPlace } from "../describe-fork";
import { InvalidParameterError, ModelNotFoundError } from "../errors";
import { parseQuery } from "../parse-query";
import type { RouteContext } from "./context";
import { hubModelUrl, modelPath } from "../model-links";

const cursorSchema = z.tuple([z.literal("forks"), z.number().int().min(1)]);

/** A forks cursor is opaque to clients: base64url of ["forks", seq of the last event given]. */
export function encodeForkCursor(seq: number): string {
  return Buffer.from(JSON.stringify(["forks", seq])).toString("base64url");
}

export function decodeForkCursor(cursor: string): number {
  let decoded: unknown = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    // Reported below like any other cursor this API did not give.
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) {
    throw new InvalidParameterError(
      "cursor: not a cursor this API gave; pass nextCursor from the previous page unchanged",
      ["cursor"],
    );
  }
  return parsed.data[1];
}

// Entry and feed ids are name-based UUIDs (RFC 9562 version 5) in this project's own namespace: the same event
// keeps the same id on every server and every request, and no two events share one.
const ID_NAMESPACE = Buffer.from("72c22bf939db4025a4f6bfc5d43dcc71", "hex");

export function uuidV5(name: string): string {
  const bytes = createHash("sha1").update(ID_NAMESPACE).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toItem(event: StoredForkEvent): ForkItem {
  const { model, root: family, relation, depth, createdAt, seenAt, kind } = event;
  return { model, root: family, relation, depth, createdAt, seenAt, kind };
}

function toEntry(event: StoredForkEvent, origin: string): AtomEntry {
  const what = event.relation ?? "derivative";
  const place = describeForkPlace(event.relation, event.depth, event.root);
  const how = event.kind === "joined" ? `now derives from ${event.root}: it is ${place}` : `is ${place}`;
  const created = event.createdAt !== null && isRfc3339(event.createdAt) ? event.createdAt : undefined;
  return {
    id: `urn:uuid:${uuidV5(`fork\n${idKey(event.root)}\n${idKey(event.model)}`)}`,
    title: `${event.model}: ${what} of ${event.root}`,
    updated: event.seenAt,
    ...(created === undefined ? {} : { published: created }),
    authors: [{ name: event.model.includes("/") ? event.model.slice(0, event.model.indexOf("/")) : event.model }],
    links: [
      { rel: "alternate", type: "text/html", href: hubModelUrl(event.model) },
      { rel: "related", type: "text/html", href: `${origin}/model/${modelPath(event.model)}` },
    ],
    categories: [{ term: what }, { term: event.kind }],
    summary:
      `${event.model} ${how}` +
      `${created === undefined ? "" : `; published on the Hub ${created}`}; seen ${event.seenAt}.`,
  };
}

export function forkRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { db } = ctx;
  // A feed with no entry yet is dated once, when the server starts, not at each request: its body and ETag stay
  // the same between polls, so a feed reader's If-None-Match gets a 304.
  const quietSince = ctx.now().toISOString();

  /**
   * The family a validated root names (an old name is followed), or a 404 like the model route's when nothing is
   * known of it. Events are kept for roots the database may no longer hold, so a root with events is known too.
   */
  const familyOf = (root: string): string => {
    const family = canonicalId(db, root);
    const isKnown = resolveId(db, root) !== null || listForkEvents(db, { root: family, limit: 1 }).items.length > 0;
    if (!isKnown) throw new ModelNotFoundError(root);
    return family;
  };

  router.get("/api/forks", (req, res) => {
    const query = parseQuery(FORKS_ROUTE.query, req.query);
    const page = listForkEvents(db, {
      root: query.root === null ? null : familyOf(query.root),
      relation: query.relation ?? null,
      since: query.since,
      beforeSeq: query.cursor === undefined ? null : decodeForkCursor(query.cursor),
      limit: query.limit,
    });
    const body: ForksPage = {
      items: page.items.map(toItem),
      ...(page.nextBeforeSeq === null ? {} : { nextCursor: encodeForkCursor(page.nextBeforeSeq) }),
    };
    res.json(body);
  });

  router.get("/api/forks.atom", (req, res) => {
    const query = parseQuery(FORKS_FEED_ROUTE.query, req.query);
    const family = query.root === null ? null : familyOf(query.root);
    const { items } = listForkEvents(db, { root: family, limit: LIMITS.forks.feed });
    const origin = ctx.publicUrl;
    const xml = writeAtomFeed({
      id: `urn:uuid:${uuidV5(`forks\n${family === null ? "" : idKey(family)}`)}`,
      title: family === null ? "New forks of tracked families" : `New forks of ${family}`,
      subtitle:
        "Fine-tunes, adapters, quantizations and merges published on the Hugging Face Hub, as hf-lineage's watcher saw them.",
      updated: items[0]?.seenAt ?? quietSince,
      links: [
        { rel: "self", type: "application/atom+xml", href: `${origin}${req.originalUrl}` },
        {
          rel: "alternate",
          type: "text/html",
          href: family === null ? `${origin}/` : `${origin}/model/${modelPath(family)}`,
        },
      ],
      authors: [{ name: "hf-lineage" }],
      generator: { name: "hf-lineage" },
      entries: items.map((event) => toEntry(event, origin)),
    });
    res.type(ATOM_CONTENT_TYPE).send(xml);
  });

  return router;
}
