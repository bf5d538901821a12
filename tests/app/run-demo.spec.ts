// demoDbPath: each data source of the demo (recorded, another --data folder, synthetic) gets its own database.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_HUB_DATA, demoDbPath, hasRecordedHubData } from "../../app/run-demo";

describe("demoDbPath", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-demo-"));
    mkdirSync(join(dir, "trees"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps synthetic, recorded and other --data runs in different files", () => {
    const synthetic = demoDbPath({ synthetic: 1000 });
    const other = demoDbPath({ data: dir });
    expect(synthetic).toBe(join("data", "demo-synthetic-1000.db"));
    expect(other).toMatch(/^data\/demo-data-hf-lineage-demo-\w+-[0-9a-f]{8}\.db$/);
    expect(demoDbPath({ data: dir, synthetic: 1000 })).toBe(synthetic);
    const recorded = demoDbPath({});
    // Without ../shared/hub-data the default demo replays a synthetic Hub, in the synthetic database.
    expect(recorded).toBe(
      hasRecordedHubData(DEFAULT_HUB_DATA) ? join("data", "demo-recorded.db") : join("data", "demo-synthetic-50000.db"),
    );
    expect(new Set([synthetic, other, recorded, demoDbPath({ synthetic: 50_000 })]).size).toBe(
      4 - (hasRecordedHubData(DEFAULT_HUB_DATA) ? 0 : 1),
    );
  });
});
