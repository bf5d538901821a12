// onSignals: listeners added and released on the process, once or until released.
import { abortOnSignals, onSignals, stopOnSignals } from "../../common/on-signals";

describe("onSignals", () => {
  const counts = () => [process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")];

  it("calls back with the signal's name until released", () => {
    const before = counts();
    const seen: string[] = [];
    const release = onSignals((name) => seen.push(name));
    expect(counts()).toEqual(before.map((n) => n + 1));
    process.emit("SIGTERM", "SIGTERM");
    process.emit("SIGINT", "SIGINT");
    expect(seen).toEqual(["SIGTERM", "SIGINT"]);
    release();
    release();
    expect(counts()).toEqual(before);
  });

  it("with once, releases both signals at the first one", () => {
    const before = counts();
    const seen: string[] = [];
    onSignals((name) => seen.push(name), { once: true });
    process.emit("SIGINT", "SIGINT");
    expect(seen).toEqual(["SIGINT"]);
    expect(counts()).toEqual(before);
  });

  it("listens only to the signals asked for", () => {
    const before = counts();
    const release = onSignals(() => undefined, { signals: ["SIGINT"] });
    expect(counts()).toEqual([before[0] + 1, before[1]]);
    release();
    expect(counts()).toEqual(before);
  });

  it("abortOnSignals aborts at the first signal and gives both back", () => {
    const before = counts();
    const signal = abortOnSignals();
    expect(signal.aborted).toBe(false);
    process.emit("SIGTERM", "SIGTERM");
    expect(signal.aborted).toBe(true);
    expect(counts()).toEqual(before);
  });

  it("stopOnSignals says so and aborts at the first signal, until released", () => {
    const before = counts();
    let said = 0;
    const stop = stopOnSignals(() => said++, ["SIGINT"]);
    process.emit("SIGINT", "SIGINT");
    expect([said, stop.signal.aborted]).toEqual([1, true]);
    stop.release();
    expect(counts()).toEqual(before);
  });
});
