// RateBudget: the sliding window's limit and the Hub's pause and remaining-requests hints, on a fake clock.
import { RateBudget } from "../../../crawler/hub/rate-budget";
import { createFakeClock } from "../../helpers/hub-fakes";
import { seededRandom } from "../../helpers/test-seed";

function setup(limit: number, windowMs: number) {
  const clock = createFakeClock();
  const budget = new RateBudget({ limit, windowMs, now: clock.now, sleep: clock.sleep });
  const starts: number[] = [];
  const start = () => budget.acquire().then(() => starts.push(clock.now()));
  return { clock, budget, starts, start, t0: clock.now() };
}

describe("RateBudget", () => {
  it("never lets more than `limit` starts into any window, whatever the arrivals", async () => {
    const random = seededRandom("rate-budget arrivals", 7);
    for (const [limit, windowMs, count] of [
      [5, 1_000, 200],
      [50, 300_000, 400],
      [1, 250, 60],
    ]) {
      const { clock, starts, start } = setup(limit, windowMs);
      const arrivals = Array.from({ length: count }, () =>
        clock.sleep(Math.floor(random() * windowMs * 4)).then(start),
      );
      await clock.run(Promise.all(arrivals));
      expect(starts).toHaveLength(count);
      for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1]);
      for (let i = 0; i + limit < starts.length; i++)
        expect(starts[i + limit] - starts[i]).toBeGreaterThanOrEqual(windowMs);
    }
  });

  it("does not delay starts while the window has room", async () => {
    const { clock, starts, start, t0 } = setup(3, 1_000);
    await clock.run(Promise.all([start(), start(), start()]));
    expect(starts).toEqual([t0, t0, t0]);
    await clock.run(start());
    expect(starts[3]).toBe(t0 + 1_000);
  });

  it("holds every start until a pause ends", async () => {
    const { clock, budget, starts, start, t0 } = setup(100, 1_000);
    budget.pauseFor(45_000);
    await clock.run(Promise.all([start(), start()]));
    expect(starts).toEqual([t0 + 45_000, t0 + 45_000]);
  });

  it("waits for the server's reset when it says none remain, then runs freely again", async () => {
    const { clock, budget, starts, start, t0 } = setup(100, 1_000);
    budget.observe({ remaining: 0, resetSeconds: 20 });
    await clock.run(Promise.all([start(), start(), start()]));
    expect(starts).toEqual([t0 + 20_000, t0 + 20_000, t0 + 20_000]);
  });

  it("spreads the last few remaining requests over the time left", async () => {
    const { clock, budget, starts, start, t0 } = setup(100, 300_000);
    budget.observe({ remaining: 4, resetSeconds: 8 });
    await clock.run(Promise.all([start(), start(), start(), start(), start()]));
    // Four left for 8 s: they go out about 2 s apart, and the fifth waits for the server's window to reset.
    const gaps = starts.slice(1, 4).map((at, i) => at - starts[i]);
    expect(starts[0]).toBe(t0);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2_000);
    expect(starts[4]).toBeGreaterThanOrEqual(t0 + 8_000);
  });

  it("ignores a hint with plenty remaining", async () => {
    const { clock, budget, starts, start, t0 } = setup(100, 300_000);
    budget.observe({ remaining: 90, resetSeconds: 200 });
    await clock.run(Promise.all([start(), start(), start()]));
    expect(starts).toEqual([t0, t0, t0]);
  });

  it("rejects a budget that admits nothing", () => {
    const clock = createFakeClock();
    expect(() => new RateBudget({ limit: 0, windowMs: 1_000, now: clock.now, sleep: clock.sleep })).toThrow(RangeError);
    expect(() => new RateBudget({ limit: 5, windowMs: 0, now: clock.now, sleep: clock.sleep })).toThrow(RangeError);
  });
});
