// learnHubSize: the Hub's own count asked at most once a day and stored; a Hub that does not say leaves the stored
// count or the documented default.
import { getHubSize, setHubSize } from "../../crawler/crawl-run-state";
import { HUB_SIZE_FRESH_MS, learnHubSize } from "../../crawler/learn-hub-size";
import { DEFAULT_HUB_MODEL_COUNT } from "../../crawler/plan-crawl";
import { openDatabase } from "../../db/open-database";
import { createFakeHub, hubRecord } from "../helpers/fake-hub-client";

const T0 = new Date("2026-01-01T00:00:00.000Z");
const records = ["a/one", "a/two", "b/three"].map((id) => hubRecord(id));

describe("learnHubSize", () => {
  it("stores the Hub's count and asks again only when a day has passed", async () => {
    const db = openDatabase(":memory:");
    const hub = createFakeHub(records, { reportsTotal: true });
    expect(await learnHubSize(db, hub, T0)).toEqual({ models: 3, source: "reported" });
    expect(getHubSize(db)).toEqual({ models: 3, source: "reported" });
    await learnHubSize(db, hub, new Date(T0.getTime() + HUB_SIZE_FRESH_MS - 1));
    expect(hub.countCalls).toBe(1);
    await learnHubSize(db, hub, new Date(T0.getTime() + HUB_SIZE_FRESH_MS));
    expect(hub.countCalls).toBe(2);
    db.close();
  });

  it("keeps the documented default, then a finished sweep's count, when the Hub does not say", async () => {
    const db = openDatabase(":memory:");
    const hub = createFakeHub(records);
    expect(await learnHubSize(db, hub, T0)).toEqual({ models: DEFAULT_HUB_MODEL_COUNT, source: "estimate" });
    setHubSize(db, 3, T0.toISOString());
    expect(await learnHubSize(db, hub, T0)).toEqual({ models: 3, source: "counted" });
    // A Hub that does not say is asked once a day too.
    expect(hub.countCalls).toBe(1);
    await learnHubSize(db, hub, new Date(T0.getTime() + HUB_SIZE_FRESH_MS));
    expect(hub.countCalls).toBe(2);
    db.close();
  });

  it("falls back to what is stored when the Hub cannot be asked", async () => {
    const db = openDatabase(":memory:");
    const hub = createFakeHub(records);
    setHubSize(db, 7, T0.toISOString());
    hub.countModels = async () => {
      throw new Error("network down");
    };
    expect(await learnHubSize(db, hub, T0)).toEqual({ models: 7, source: "counted" });
    // Not marked as asked: the next crawl asks again.
    hub.countModels = async () => 9;
    expect(await learnHubSize(db, hub, T0)).toEqual({ models: 9, source: "reported" });
    db.close();
  });

  it("reads the bare count earlier versions stored as a sweep's", () => {
    const db = openDatabase(":memory:");
    db.prepare("INSERT INTO crawl_state (key, value, updated_at) VALUES ('hub:model-count', '1209', ?)").run(
      T0.toISOString(),
    );
    expect(getHubSize(db)).toEqual({ models: 1209, source: "counted" });
    db.close();
  });
});
