// Stop signals (SIGINT, SIGTERM) for long-running commands, registered and released in one place.

export type StopSignal = "SIGINT" | "SIGTERM";

export interface OnSignalsOptions {
  /** Release both signals after the first one, so that a second one takes the default action (kills). */
  once?: boolean;
  /** The signals listened to; SIGINT and SIGTERM by default. */
  signals?: readonly StopSignal[];
}

/** Calls `onSignal` on each stop signal until the returned function releases the signals to their defaults. */
export function onSignals(onSignal: (name: StopSignal) => void, options: OnSignalsOptions = {}): () => void {
  const signals = options.signals ?? (["SIGINT", "SIGTERM"] as const);
  const listeners = signals.map((name) => {
    const listener = () => {
      if (options.once) release();
      onSignal(name);
    };
    return { name, listener };
  });
  function release(): void {
    for (const { name, listener } of listeners) process.off(name, listener);
  }
  for (const { name, listener } of listeners) process.on(name, listener);
  return release;
}

/** Aborts on the first SIGINT or SIGTERM, then leaves both signals to their defaults (a second one kills). */
export function abortOnSignals(): AbortSignal {
  const controller = new AbortController();
  onSignals(() => controller.abort(), { once: true });
  return controller.signal;
}

/**
 * For a command that stops cleanly: the first stop signal calls `onFirst` and aborts the returned signal; a
 * second one exits the process at once (status 130). `release` gives the signals back to their defaults.
 */
export function stopOnSignals(
  onFirst: () => void,
  signals?: readonly StopSignal[],
): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const release = onSignals(
    () => {
      if (controller.signal.aborted) process.exit(130);
      onFirst();
      controller.abort();
    },
    { signals },
  );
  return { signal: controller.signal, release };
}
