// revealNewest: the newest models start hidden behind the cutoff and appear a few per step, then the cutoff lifts.
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { revealNewest } from "../../replay/reveal-newest";
import { createSyntheticHub } from "../../replay/synthetic-hub";

describe("revealNewest", () => {
  let replay: HubReplay;
  beforeAll(async () => {
    replay = await startHubReplay({ store: createSyntheticHub({ models: 300, seed: 3 }) });
  });
  afterAll(() => replay.close());
  afterEach(() => jest.useRealTimers());

  it("hides the newest models, reveals them step by step, and lifts the cutoff at the end", () => {
    jest.useFakeTimers();
    const times = Array.from({ length: replay.store.size }, (_, i) => replay.store.createdAtMs(i)).sort(
      (a, b) => a - b,
    );
    const visible = () => times.filter((ms) => replay.cutoff() === null || ms <= Date.parse(replay.cutoff()!)).length;
    const revealing = revealNewest(replay, { hidden: 10, perStep: 4, everyMs: 1000 });
    expect(revealing.startedAt).not.toBeNull();
    expect(visible()).toBe(times.length - 10);
    jest.advanceTimersByTime(1000);
    expect(visible()).toBe(times.length - 6);
    jest.advanceTimersByTime(1000);
    expect(visible()).toBe(times.length - 2);
    jest.advanceTimersByTime(1000);
    expect(replay.cutoff()).toBeNull();
    revealing.stop();
  });
});
