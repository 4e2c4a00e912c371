/**
 * Times HTTP request shapes against the indexer's API: each shape's paths once as a warm-up, then `runs` requests
 * cycling through its variants, recording the server's own time (its `Server-Timing` header) and the whole round
 * trip on loopback. Percentiles by nearest rank.
 */
export interface Shape {
  name: string;
  paths: string[];
  /** Runs before each timed request, untimed (e.g. a write, so that a cached answer must be computed again). */
  before?: () => Promise<void>;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

export interface ShapeTimes {
  name: string;
  server: Percentiles;
  roundTrip: Percentiles;
  /** The answer's `total` (search; "5000+" when the indexer stopped counting, `totalExact` false) or null. */
  total: string | null;
}

export async function measureShapes(
  baseUrl: string,
  shapes: readonly Shape[],
  runs: number,
): Promise<{ perShape: ShapeTimes[]; server: Percentiles; roundTrip: Percentiles }> {
  const perShape: ShapeTimes[] = [];
  const allServer: number[] = [];
  const allRoundTrip: number[] = [];
  for (const shape of shapes) {
    for (const p of shape.paths) await fetch(`${baseUrl}${p}`).then((r) => r.arrayBuffer()); // warm-up
    const server: number[] = [];
    const roundTrip: number[] = [];
    let total: string | null = null;
    for (let run = 0; run < runs; run++) {
      await shape.before?.();
      const started = performance.now();
      const response = await fetch(`${baseUrl}${shape.paths[run % shape.paths.length]}`);
      const text = await response.text();
      roundTrip.push(performance.now() - started);
      server.push(Number(/dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "")?.[1]));
      if (response.status !== 200) throw new Error(`${shape.name}: HTTP ${response.status}: ${text.slice(0, 200)}`);
      if (response.headers.get("content-type")?.startsWith("application/json")) {
        const body = JSON.parse(text) as { total?: unknown; totalExact?: unknown };
        total = typeof body.total === "number" ? `${body.total}${body.totalExact === false ? "+" : ""}` : null;
      }
    }
    allServer.push(...server);
    allRoundTrip.push(...roundTrip);
    perShape.push({ name: shape.name, server: percentiles(server), roundTrip: percentiles(roundTrip), total });
  }
  return { perShape, server: percentiles(allServer), roundTrip: percentiles(allRoundTrip) };
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { p50: at(0.5), p95: at(0.95), max: round(sorted.at(-1)!) };
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function printShapes(perShape: readonly ShapeTimes[]): void {
  console.log(`  ${"shape".padEnd(30)}${"matches".padStart(9)}${"p50".padStart(9)}${"p95".padStart(9)}${"max".padStart(9)}   (server, ms)`);
  for (const s of perShape) {
    console.log(
      `  ${s.name.padEnd(30)}${String(s.total ?? "").padStart(9)}${String(s.server.p50).padStart(9)}${String(s.server.p95).padStart(9)}${String(s.server.max).padStart(9)}`,
    );
  }
}
