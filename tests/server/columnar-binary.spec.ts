// GET /api/graph/columnar?format=binary: the JSON answer's content in typed arrays, read back by the client's decoder.
import request from "supertest";
import { decodeColumnarBinary, FamilyBinaryError } from "../../client/src/columnar-binary";
import type { FamilyColumns } from "../../client/src/family-columns";
import { rebuildDescendantCounts } from "../../db/counts/descendant-counts";
import { setParents } from "../../db/edges";
import { upsertModels } from "../../db/models";
import { openDatabase, type Db } from "../../db/open-database";
import type { ParentLink } from "../../lineage/types";
import { createRandom } from "../../replay/prng";
import type { ColumnarGraphSlice } from "../../server/contract/types";
import { createApp } from "../../server/create-app";
import { modelInput, NOW } from "../helpers/lineage-db";

const LICENSES = ["apache-2.0", "llama3.1", "cc-by-nc-4.0", "mit", "other", null];
const RELATIONS = ["finetune", "adapter", "quantized", null] as const;

/**
 * A random family of `size` models below `<owner>/m0`: each model a child of an earlier one, about one in eight a
 * merge of two, one in ten also an inferred child of a third; licences mixed (so links change licence), downloads
 * sometimes unknown, some ids not ASCII.
 */
function buildFamily(owner: string, size: number, seed: number): Db {
  const random = createRandom(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const ids = Array.from({ length: size }, (_, i) => (i % 17 === 5 ? `${owner}/modèle-${i}-日本` : `${owner}/m${i}`));
  const db = openDatabase(":memory:");
  upsertModels(
    db,
    ids.map((id) => ({
      ...modelInput({ id, downloads: random() < 0.2 ? null : Math.floor(random() * 1e7) }),
      license: pick(LICENSES),
    })),
    NOW,
  );
  for (let i = 1; i < size; i++) {
    const parent = ids[Math.floor(random() * i)];
    const other = ids[Math.floor(random() * i)];
    const links: ParentLink[] =
      i > 2 && random() < 0.125 && other !== parent
        ? [parent, other].map((id) => ({ id, relation: "merge", source: "tag", confidence: 1 }))
        : [{ id: parent, relation: pick(RELATIONS), source: "tag", confidence: 1 }];
    setParents(db, ids[i], "tag", links, NOW);
    const guess = ids[Math.floor(random() * i)];
    if (random() < 0.1 && !links.some((link) => link.id === guess))
      setParents(
        db,
        ids[i],
        "inferred",
        [{ id: guess, relation: "finetune", source: "inferred", confidence: 0.7 }],
        NOW,
      );
  }
  rebuildDescendantCounts(db);
  return db;
}

/** supertest's body parser for a binary answer: the bytes as one Buffer. */
const readBytes: Parameters<request.Test["parse"]>[0] = (res, done) => {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => done(null, Buffer.concat(chunks)));
};

/** The decoded columns as the JSON answer would carry them (typed arrays as arrays, downloads -1 as null). */
function asJsonContent(columns: FamilyColumns): ColumnarGraphSlice {
  const plain = (column: ArrayLike<number>) => Array.from(column);
  const { nodes, edges } = columns;
  return {
    attributes: columns.attributes,
    relationCodes: columns.relationCodes,
    licenseCodes: columns.licenseCodes,
    licenseChangeCodes: columns.licenseChangeCodes,
    sourceCodes: columns.sourceCodes,
    nodes: {
      id: [...nodes.id],
      x: plain(nodes.x),
      y: plain(nodes.y),
      generation: plain(nodes.generation),
      relation: plain(nodes.relation),
      descendants: plain(nodes.descendants),
      downloads: Array.from(nodes.downloads, (value) => (value === null || value < 0 ? null : value)),
      hasHiddenChildren: plain(nodes.hasHiddenChildren),
      license: plain(nodes.license),
      subfamily: plain(nodes.subfamily),
    },
    labelled: plain(columns.labelled),
    edges: {
      parent: plain(edges.parent),
      child: plain(edges.child),
      relation: plain(edges.relation),
      source: plain(edges.source),
      licenseChange: plain(edges.licenseChange),
    },
  };
}

/** The bytes as a fresh ArrayBuffer, as `response.arrayBuffer()` gives them. */
const arrayBufferOf = (bytes: Buffer): ArrayBuffer => new Uint8Array(bytes).buffer;

/** Both answers; `order`: JSON first, binary first, or both at once (sharing one computation). */
async function fetchBoth(db: Db, query: string, order: "json" | "binary" | "together" = "json") {
  const app = createApp({ db });
  const getJson = () => request(app).get(`/api/graph/columnar?${query}`).expect(200);
  const getBinary = () =>
    request(app).get(`/api/graph/columnar?${query}&format=binary`).buffer(true).parse(readBytes).expect(200);
  let json: request.Response;
  let binary: request.Response;
  if (order === "together") [json, binary] = await Promise.all([getJson(), getBinary()]);
  else if (order === "binary") {
    binary = await getBinary();
    json = await getJson();
  } else {
    json = await getJson();
    binary = await getBinary();
  }
  return { app, json, binary, bytes: binary.body as Buffer };
}

describe("encodeColumnarBinary", () => {
  const cases = [
    { name: "a whole family", owner: "a", size: 300, seed: 1, query: "root=a/m0", order: "json" },
    { name: "a truncated family", owner: "b", size: 400, seed: 2, query: "root=b/m0&limit=120", order: "binary" },
    {
      name: "inferred links followed",
      owner: "c",
      size: 250,
      seed: 3,
      query: "root=c/m0&inferred=include",
      order: "together",
    },
    { name: "focused below the base", owner: "d", size: 200, seed: 4, query: "root=d/m7&up=3", order: "binary" },
    { name: "a lone model", owner: "e", size: 1, seed: 5, query: "root=e/m0", order: "json" },
  ] as const;

  it.each(cases)(
    "carries the JSON answer's content: $name, asked $order first",
    async ({ owner, size, seed, query, order }) => {
      const db = buildFamily(owner, size, seed);
      try {
        const { json, binary, bytes } = await fetchBoth(db, query, order);
        expect(binary.headers["content-type"]).toBe("application/octet-stream");
        const expected = json.body as ColumnarGraphSlice;
        // Coordinates travel as Float32.
        expected.nodes.x = expected.nodes.x.map(Math.fround);
        expected.nodes.y = expected.nodes.y.map(Math.fround);
        expect(asJsonContent(decodeColumnarBinary(arrayBufferOf(bytes)))).toEqual(expected);
      } finally {
        db.close();
      }
    },
  );

  it("covers what it claims: truncation, merges, inferred links, licence changes, unknown downloads", async () => {
    const truncated = buildFamily("b", 400, 2);
    const inferred = buildFamily("c", 250, 3);
    try {
      const cut = decodeColumnarBinary(arrayBufferOf((await fetchBoth(truncated, cases[1].query)).bytes));
      expect(cut.attributes.truncated).toBe(true);
      expect(cut.attributes.omitted.length).toBeGreaterThan(0);
      const all = decodeColumnarBinary(arrayBufferOf((await fetchBoth(inferred, cases[2].query)).bytes));
      const codes = (column: ArrayLike<number>, table: readonly unknown[]) =>
        new Set(Array.from(column, (code) => (code >= 0 ? table[code] : null)));
      expect(codes(all.edges.source, all.sourceCodes)).toEqual(new Set(["tag", "inferred"]));
      expect(codes(all.edges.relation, all.relationCodes).has("merge")).toBe(true);
      expect(codes(all.edges.licenseChange, all.licenseChangeCodes)).toEqual(
        new Set(["may-conflict", "changed", null]),
      );
      expect(Array.from(all.nodes.downloads).some((value) => value === -1)).toBe(true);
      expect(all.nodes.id.some((id) => id.includes("日本"))).toBe(true);
      // Each integer column in the narrowest type: codes in a byte, downloads up to 1e7 (and -1) in 32 bits.
      const columns = [all.nodes.relation, all.edges.licenseChange, all.nodes.downloads, all.nodes.x];
      expect(columns.map((column) => column.constructor.name)).toEqual([
        "Uint8Array",
        "Int8Array",
        "Int32Array",
        "Float32Array",
      ]);
    } finally {
      truncated.close();
      inferred.close();
    }
  });

  it("sends its own ETag and length, and answers a matching If-None-Match with 304", async () => {
    const db = buildFamily("f", 120, 6);
    try {
      const { app, json, binary, bytes } = await fetchBoth(db, "root=f/m0");
      expect(binary.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(binary.headers.etag).not.toBe(json.headers.etag);
      expect(Number(binary.headers["content-length"])).toBe(bytes.length);
      await request(app)
        .get("/api/graph/columnar?root=f/m0&format=binary")
        .set("If-None-Match", binary.headers.etag)
        .expect(304);
    } finally {
      db.close();
    }
  });
});

describe("the columnar answers' cache", () => {
  /** How many times the family's columns were turned into JSON text. */
  const countJsonEncodes = () => {
    const stringify = jest.spyOn(JSON, "stringify");
    return {
      count: () =>
        stringify.mock.calls.filter(([value]) => (value as ColumnarGraphSlice)?.nodes?.x !== undefined).length,
      restore: () => stringify.mockRestore(),
    };
  };

  it("encodes the JSON form only when it is asked for, once per data version", async () => {
    const db = buildFamily("g", 150, 7);
    const encodes = countJsonEncodes();
    try {
      const app = createApp({ db });
      const getBinary = () =>
        request(app).get("/api/graph/columnar?root=g/m0&format=binary").buffer(true).parse(readBytes).expect(200);
      // The cache's steps each wait a turn of the event loop; a timer runs after them.
      const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
      const first = await getBinary();
      await settle();
      expect(encodes.count()).toBe(0);
      const json = await request(app).get("/api/graph/columnar?root=g/m0").expect(200);
      await request(app).get("/api/graph/columnar?root=g/m0").expect(200);
      expect(encodes.count()).toBe(1);
      expect(asJsonContent(decodeColumnarBinary(arrayBufferOf(first.body as Buffer))).nodes.id).toEqual(
        (json.body as ColumnarGraphSlice).nodes.id,
      );
      // A write: the next binary answer is redone, and still without its JSON form.
      upsertModels(db, [modelInput({ id: "g/new" })], NOW);
      setParents(db, "g/new", "tag", [{ id: "g/m0", relation: "finetune", source: "tag", confidence: 1 }], NOW);
      rebuildDescendantCounts(db);
      const second = await getBinary();
      expect(decodeColumnarBinary(arrayBufferOf(second.body as Buffer)).nodes.id).toContain("g/new");
      await settle();
      expect(encodes.count()).toBe(1);
    } finally {
      encodes.restore();
      db.close();
    }
  });
});

describe("decodeColumnarBinary", () => {
  it("refuses an answer cut short or of another layout", async () => {
    const db = buildFamily("g", 50, 7);
    try {
      const { bytes } = await fetchBoth(db, "root=g/m0");
      expect(() => decodeColumnarBinary(arrayBufferOf(bytes.subarray(0, bytes.length - 9)))).toThrow(FamilyBinaryError);
      const other = Buffer.from(bytes);
      other.writeUInt32LE(2, 4);
      expect(() => decodeColumnarBinary(arrayBufferOf(other))).toThrow(FamilyBinaryError);
      expect(() => decodeColumnarBinary(new ArrayBuffer(8))).toThrow(FamilyBinaryError);
    } finally {
      db.close();
    }
  });
});
