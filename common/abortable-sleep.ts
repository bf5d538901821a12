// The real clock's Sleep: a timer that resolves early (without error) when the signal aborts, leaving no timer behind.
import type { Sleep } from "../crawler/hub/rate-budget";

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
