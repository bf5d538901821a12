// Runs a task now and again every few seconds while the page is visible; a hidden tab stops asking the server.

/** The part of `document` polling reads: its visibility and the event telling it changed. */
export interface VisibilitySource {
  readonly hidden: boolean;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
}

export interface PollingOptions {
  /** Pause between the end of one run and the start of the next. */
  intervalMs: number;
  /** One run; its errors are the task's to show (a rejection only ends that run). */
  run(signal: AbortSignal): Promise<void>;
  /** Where visibility is read and watched: the page's `document`. */
  doc: VisibilitySource;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

export interface Polling {
  /** Runs at once (unless hidden or already running) and restarts the wait. */
  refresh(): void;
  stop(): void;
}

/**
 * Runs are never concurrent: the next wait starts when a run ends, so a slow server is not piled on. Hiding the tab
 * cancels the wait (a run in flight finishes); showing it again runs at once, so the view is fresh when looked at.
 */
export function startPolling(options: PollingOptions): Polling {
  const { doc } = options;
  const timers = options.timers ?? {
    setTimeout: globalThis.setTimeout.bind(globalThis),
    clearTimeout: globalThis.clearTimeout.bind(globalThis),
  };
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let isRunning = false;

  function cancelWait(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }

  function schedule(): void {
    cancelWait();
    if (!controller.signal.aborted && !doc.hidden) timer = timers.setTimeout(tick, options.intervalMs);
  }

  function tick(): void {
    timer = null;
    if (isRunning || controller.signal.aborted || doc.hidden) return;
    isRunning = true;
    options
      .run(controller.signal)
      .catch(() => undefined)
      .finally(() => {
        isRunning = false;
        schedule();
      });
  }

  const onVisibility = () => {
    if (doc.hidden) cancelWait();
    else if (!isRunning) tick();
  };
  doc.addEventListener("visibilitychange", onVisibility);
  tick();

  return {
    refresh() {
      cancelWait();
      tick();
    },
    stop() {
      controller.abort();
      cancelWait();
      doc.removeEventListener("visibilitychange", onVisibility);
    },
  };
}
