// onSignals: listeners added and released on the process, once or until released.
import { onSignals } from "../../common/on-signals";

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
});
