// Converting the trees' Python-style metadata back to the Hub's JSON record.
import { convertTreeMetadata, parseSiblingRepr, pythonDateToIso } from "../../replay/convert-tree-metadata";
import { HubDataError } from "../../replay/replay-errors";

describe("pythonDateToIso", () => {
  test("reads str(datetime) with an offset; null for anything else", () => {
    expect(pythonDateToIso("2023-12-19 16:45:41+00:00")).toBe("2023-12-19T16:45:41.000Z");
    expect(pythonDateToIso("2023-12-19 18:45:41+02:00")).toBe("2023-12-19T16:45:41.000Z");
    expect(pythonDateToIso("yesterday")).toBeNull();
    expect(pythonDateToIso(null)).toBeNull();
  });
});

describe("parseSiblingRepr", () => {
  test("takes rfilename from either quoting, undoing the repr's escapes", () => {
    expect(parseSiblingRepr("RepoSibling(rfilename='config.json', size=None, blob_id=None, lfs=None)")).toBe(
      "config.json",
    );
    expect(parseSiblingRepr(`RepoSibling(rfilename="it's.md", size=None)`)).toBe("it's.md");
    expect(parseSiblingRepr(`RepoSibling(rfilename='a\\'b', size=None)`)).toBe("a'b");
    expect(parseSiblingRepr("config.json")).toBeNull();
  });
});

describe("convertTreeMetadata", () => {
  const meta = {
    id: "o/m",
    _id: "6581c8b55311fe07be8dae4b",
    author: "o",
    sha: "abc",
    created_at: "2023-12-19 16:45:41+00:00",
    last_modified: "2024-08-15 16:52:38+00:00",
    lastModified: "2024-08-15 16:52:38+00:00",
    private: false,
    gated: "auto",
    disabled: false,
    downloads: 3,
    downloads_all_time: null,
    likes: 1,
    library_name: null,
    tags: ["base_model:p/q"],
    pipeline_tag: "text-generation",
    card_data: "base_model: p/q\nlicense: mit",
    cardData: "base_model: p/q\nlicense: mit",
    widget_data: null,
    model_index: [{ name: "m" }],
    config: { model_type: "phi" },
    siblings: ["RepoSibling(rfilename='README.md', size=None, blob_id=None, lfs=None)"],
    spaces: [],
    safetensors: null,
    modelId: "o/m",
    usedStorage: 10,
  };

  test("gives the Hub's keys in its order, absent and null values left out", () => {
    const record = convertTreeMetadata(meta, "t");
    expect(Object.keys(record)).toEqual([
      "_id",
      "id",
      "private",
      "pipeline_tag",
      "tags",
      "downloads",
      "likes",
      "modelId",
      "author",
      "sha",
      "lastModified",
      "gated",
      "disabled",
      "model-index",
      "config",
      "cardData",
      "siblings",
      "spaces",
      "createdAt",
      "usedStorage",
    ]);
    expect(record.cardData).toEqual({ base_model: "p/q", license: "mit" });
    expect(record.siblings).toEqual([{ rfilename: "README.md" }]);
    expect(record.createdAt).toBe("2023-12-19T16:45:41.000Z");
  });

  test("rejects what is not a model record, naming where", () => {
    expect(() => convertTreeMetadata("N/A", "file.json (x)")).toThrow(HubDataError);
    expect(() => convertTreeMetadata({ id: "o/m" }, "file.json (x)")).toThrow(/file\.json \(x\)/);
  });
});
