// getGrowth: periods from creation dates, the Hub's placeholder and impossible dates as unknown, gaps filled.
import type { Db } from "../../../db/open-database";
import { getGrowth, HUB_PLACEHOLDER_CREATED_AT, periodStart } from "../../../db/queries/growth";
import { buildLineageDb } from "../../helpers/lineage-db";

const NOW = new Date("2025-06-01T00:00:00Z");

describe("periodStart", () => {
  it("starts weeks on Monday and months on the 1st, in UTC", () => {
    const sunday = Date.parse("2024-03-10T23:59:00Z");
    expect(new Date(periodStart(sunday, "week")).toISOString()).toBe("2024-03-04T00:00:00.000Z");
    expect(new Date(periodStart(Date.parse("2024-03-11T00:00:00Z"), "week")).toISOString()).toBe(
      "2024-03-11T00:00:00.000Z",
    );
    expect(new Date(periodStart(sunday, "month")).toISOString()).toBe("2024-03-01T00:00:00.000Z");
  });
});

describe("getGrowth", () => {
  let db: Db;
  afterEach(() => db.close());

  it("counts per month, fills empty months, and leaves placeholder, missing and impossible dates unknown", () => {
    db = buildLineageDb(
      [
        "o/root",
        { id: "o/jan", createdAt: "2024-01-15T00:00:00.000Z" },
        { id: "o/jan2", createdAt: "2024-01-31T23:00:00.000Z" },
        { id: "o/apr", createdAt: "2024-04-02T00:00:00.000Z" },
        { id: "o/old", createdAt: HUB_PLACEHOLDER_CREATED_AT },
        { id: "o/none" },
        { id: "o/future", createdAt: "2030-01-01T00:00:00.000Z" },
        { id: "o/ancient", createdAt: "1999-01-01T00:00:00.000Z" },
      ],
      [
        "o/root o/jan finetune",
        "o/root o/jan2 adapter",
        "o/jan o/apr quantized",
        "o/root o/old finetune",
        "o/root o/none adapter",
        "o/root o/future finetune",
        "o/root o/ancient finetune",
      ],
    );
    const growth = getGrowth(db, "o/root", { includeInferred: false, interval: "month", relation: null, now: NOW });
    expect(growth.periods.map((p) => [p.start, p.total, p.finetune, p.adapter, p.quantized])).toEqual([
      ["2024-01-01", 2, 1, 1, 0],
      ["2024-02-01", 0, 0, 0, 0],
      ["2024-03-01", 0, 0, 0, 0],
      ["2024-04-01", 1, 0, 0, 1],
    ]);
    expect(growth.unknown).toEqual({ total: 4, finetune: 3, adapter: 1, quantized: 0, merge: 0 });
    expect(growth.total).toBe(7);
  });

  it("counts one relation only when asked, per week", () => {
    db = buildLineageDb(
      [
        "o/root",
        { id: "o/a", createdAt: "2024-03-04T10:00:00Z" },
        { id: "o/b", createdAt: "2024-03-17T10:00:00Z" },
        { id: "o/c", createdAt: "2024-03-18T10:00:00Z" },
      ],
      ["o/root o/a adapter", "o/root o/b adapter", "o/root o/c finetune"],
    );
    const growth = getGrowth(db, "o/root", { includeInferred: false, interval: "week", relation: "adapter", now: NOW });
    expect(growth.periods.map((p) => [p.start, p.adapter])).toEqual([
      ["2024-03-04", 1],
      ["2024-03-11", 1],
    ]);
  });

  it("answers an empty series for a model without descendants", () => {
    db = buildLineageDb(["o/leaf"], []);
    expect(getGrowth(db, "o/leaf", { includeInferred: false, interval: "month", relation: null, now: NOW })).toEqual(
      expect.objectContaining({ periods: [], total: 0 }),
    );
  });
});
