// getOrgOverview: an author's models and the outside models they build on, through the author's own models.
import type { Db } from "../../../db/open-database";
import { getOrgOverview } from "../../../db/queries/orgs";
import { buildLineageDb } from "../../helpers/lineage-db";

describe("getOrgOverview", () => {
  let db: Db;
  afterEach(() => db.close());

  it("finds the outside bases, walking up through the org's own models", () => {
    db = buildLineageDb(
      [
        { id: "skt/A.X-4.0", downloads: 10 },
        { id: "skt/A.X-4.0-Light", downloads: 20 },
        { id: "skt/A.X-4.0-VL-Light", downloads: 5 },
        "Qwen/Qwen2.5-72B",
        "Qwen/Qwen2.5-7B",
      ],
      [
        "Qwen/Qwen2.5-72B skt/A.X-4.0 finetune inferred 0.8",
        "Qwen/Qwen2.5-7B skt/A.X-4.0-Light finetune",
        "skt/A.X-4.0-Light skt/A.X-4.0-VL-Light finetune",
      ],
    );
    const declared = getOrgOverview(db, "SKT", { includeInferred: false, limit: 10 });
    expect(declared?.models.map((m) => m.id)).toEqual(["skt/A.X-4.0-Light", "skt/A.X-4.0", "skt/A.X-4.0-VL-Light"]);
    expect(declared?.bases.map((b) => [b.id, b.models, b.direct.finetune, b.roots])).toEqual([
      ["Qwen/Qwen2.5-7B", 2, 1, ["Qwen/Qwen2.5-7B"]],
    ]);
    const all = getOrgOverview(db, "skt", { includeInferred: true, limit: 10 });
    expect(all?.bases.map((b) => [b.id, b.models])).toEqual([
      ["Qwen/Qwen2.5-7B", 2],
      ["Qwen/Qwen2.5-72B", 1],
    ]);
    expect(all?.basesTotal).toBe(2);
  });

  it("knows no org without models", () => {
    db = buildLineageDb(["a/b"], []);
    expect(getOrgOverview(db, "nobody", { includeInferred: false, limit: 10 })).toBeNull();
  });
});
