// The real clock's Sleep: a timer that resolves early (without error) when the signal aborts, leaving no timer behind.

/** Resolves after `ms`, or early (without error) when `signal` aborts, so a cancelled timer never lingers. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

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
