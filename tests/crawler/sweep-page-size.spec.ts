// The sweep's page size as the Hub serves it: a page with fewer records than asked and a next link shows the Hub
// caps its pages; the size is stored and the plan, the cost estimate and the ETA count pages of it.
import { getHubSize } from "../../crawler/crawl-run-state";
import { crawl } from "../../crawler/crawl";
import { describeWholeHubCost, estimateSweep } from "../../crawler/estimate-sweep";
import { connectHub } from "../../crawler/hub/connect-hub";
import { SWEEP_PAGE_LIMIT } from "../../crawler/hub/hub-client";
import { planWholeHub } from "../../crawler/plan-crawl";
import { openDatabase } from "../../db/open-database";
import { startHubReplay } from "../../replay/hub-replay-server";

const MODELS = 2_300;
const RATE = { limit: 1_000, windowMs: 300_000 };

async function sweepReplay(maxPageLimit?: number) {
  const replay = await startHubReplay({ synthetic: { models: MODELS, seed: 5 }, maxPageLimit });
  const db = openDatabase(":memory:");
  try {
    const { hub, counts } = connectHub({ hubUrl: replay.url, rate: "100000/1" }, {});
    await crawl({ seeds: [], all: true }, { db, hub, requestCounts: counts });
    return { hubSize: getHubSize(db), listRequests: replay.stats().requests };
  } finally {
    db.close();
    await replay.close();
  }
}

describe("sweep page size", () => {
  it("follows a Hub that serves 500 a page when 1,000 are asked", async () => {
    const { hubSize } = await sweepReplay(500);
    expect(hubSize).toEqual({ models: MODELS, source: "counted", pageSize: 500 });
    expect(planWholeHub(hubSize).sweepRequests).toBe(Math.ceil(MODELS / 500));
    expect(estimateSweep(2_500_000, RATE, hubSize.pageSize).requests).toBe(5_000);
    expect(describeWholeHubCost(hubSize, RATE)).toContain(`about ${Math.ceil(MODELS / 500)} requests`);
  }, 60_000);

  it("keeps SWEEP_PAGE_LIMIT when the Hub serves what is asked", async () => {
    const { hubSize } = await sweepReplay();
    expect(hubSize.pageSize).toBeUndefined();
    expect(planWholeHub(hubSize).sweepRequests).toBe(Math.ceil(MODELS / SWEEP_PAGE_LIMIT));
    expect(estimateSweep(2_500_000, RATE).requests).toBe(2_500);
  }, 60_000);
});
