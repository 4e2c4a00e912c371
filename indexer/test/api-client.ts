/** Reads the indexer's API in tests: status and parsed JSON, and polling until an answer satisfies a condition. */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function get<T = any>(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const response = await fetch(`${base}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

/** Polls `check` every 25 ms until it returns a value other than undefined; returns it and the time it took. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return { value, ms: performance.now() - started };
    if (performance.now() - started > timeoutMs) throw new Error(`Not true after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
