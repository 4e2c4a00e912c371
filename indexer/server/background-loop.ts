/**
 * A background job that runs in rounds beside the API (the document fetcher, the funding checker): a round right
 * after one that found work, otherwise after a pause. Errors are reported and the next round tries again, except
 * "relation does not exist": Ponder creates its tables when it starts, and until then there is nothing to do.
 */
export interface BackgroundLoop {
  /** Resolves after the next round that found nothing to do (for tests and start-up). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

export function startBackgroundLoop(options: {
  /** One round; resolves true when it found work (so that the next round starts at once). */
  round: () => Promise<boolean>;
  intervalMs: number;
  onError?: (error: unknown) => void;
}): BackgroundLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];
  let running: Promise<void> = Promise.resolve();
  const wake = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  async function tick(): Promise<void> {
    let worked = false;
    try {
      worked = await options.round();
    } catch (error) {
      if (!(error instanceof Error && /relation .* does not exist/.test(error.message))) options.onError?.(error);
    }
    if (!worked) wake();
    if (!stopped) timer = setTimeout(() => (running = tick()), worked ? 0 : options.intervalMs);
  }
  running = tick();
  return {
    drained: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      wake();
    },
  };
}
