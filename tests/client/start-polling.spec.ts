// Tests of the live polling loop: one run at a time, a fixed pause after each, nothing while the tab is hidden.
import { startPolling } from "../../client/src/start-polling";

/** A document stand-in whose visibility the test flips. */
function fakeDocument() {
  const target = new EventTarget();
  const doc = {
    hidden: false,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    setHidden(hidden: boolean) {
      doc.hidden = hidden;
      target.dispatchEvent(new Event("visibilitychange"));
    },
  };
  return doc;
}

/** Lets pending promise callbacks (a run's end) happen. */
const settle = () => new Promise<void>((done) => jest.requireActual<typeof globalThis>("timers").setImmediate(done));

describe("startPolling", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup() {
    const doc = fakeDocument();
    let runs = 0;
    const polling = startPolling({
      intervalMs: 1000,
      doc,
      timers: { setTimeout, clearTimeout },
      run: async () => {
        runs++;
      },
    });
    return { doc, polling, runs: () => runs };
  }

  test("runs at once, then once per interval after each run ends", async () => {
    const { polling, runs } = setup();
    expect(runs()).toBe(1);
    await settle();
    jest.advanceTimersByTime(999);
    expect(runs()).toBe(1);
    jest.advanceTimersByTime(1);
    expect(runs()).toBe(2);
    await settle();
    jest.advanceTimersByTime(1000);
    expect(runs()).toBe(3);
    polling.stop();
  });

  test("a hidden tab stops the runs; showing it again runs at once", async () => {
    const { doc, polling, runs } = setup();
    await settle();
    doc.setHidden(true);
    jest.advanceTimersByTime(10_000);
    expect(runs()).toBe(1);
    doc.setHidden(false);
    expect(runs()).toBe(2);
    await settle();
    jest.advanceTimersByTime(1000);
    expect(runs()).toBe(3);
    polling.stop();
  });

  test("never overlaps runs, and a failing run does not stop the loop", async () => {
    const doc = fakeDocument();
    const finishers: (() => void)[] = [];
    let calls = 0;
    const polling = startPolling({
      intervalMs: 1000,
      doc,
      timers: { setTimeout, clearTimeout },
      run: () => {
        calls++;
        if (calls === 2) return Promise.reject(new Error("server down"));
        return new Promise<void>((done) => finishers.push(done));
      },
    });
    polling.refresh();
    doc.setHidden(true);
    doc.setHidden(false);
    jest.advanceTimersByTime(5000);
    expect(calls).toBe(1);
    finishers[0]();
    await settle();
    jest.advanceTimersByTime(1000);
    expect(calls).toBe(2);
    await settle();
    jest.advanceTimersByTime(1000);
    expect(calls).toBe(3);
    polling.stop();
  });

  test("stop ends the loop, twice is harmless", async () => {
    const { doc, polling, runs } = setup();
    await settle();
    polling.stop();
    polling.stop();
    jest.advanceTimersByTime(10_000);
    doc.setHidden(true);
    doc.setHidden(false);
    expect(runs()).toBe(1);
  });
});
