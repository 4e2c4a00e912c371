/**
 * Coverage summary with branch coverage, run after `hardhat test --coverage` (see `npm run coverage`).
 *
 * Hardhat 3 measures statements and lines (EDR instruments every statement and reports, per transaction, which
 * ones ran) but does not report branches yet. This script derives them from the same data: for every `if` in the
 * protocol's sources it counts
 *   - the true branch as taken when the first statement of its body ran;
 *   - the false branch as taken when the `else` body ran, or, without an `else`, when the `if` ran in more
 *     transactions than its body (some transaction evaluated the condition and skipped the body).
 * The second rule can only under-count (a loop taking both ways in every transaction reads as one), never
 * over-count. Conditional expressions (`a ? b : c`) hold no statements and cannot be measured this way, so the
 * report refuses them rather than skip them silently.
 *
 * Exits with status 1 when line coverage is under 95% or branch coverage under 90%.
 */
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { addStatementCoverageInstrumentation } from "@nomicfoundation/edr";

const ROOT = path.resolve(import.meta.dirname, "..");
const COVERAGE = path.join(ROOT, "coverage");
const SOLC_VERSION = "0.8.30";
const MIN_LINES = 95;
const MIN_BRANCHES = 90;

interface AstNode {
  nodeType: string;
  src: string;
  statements?: AstNode[];
  trueBody?: AstNode;
  falseBody?: AstNode;
  [key: string]: unknown;
}

interface Statement {
  tag: string;
  start: number;
  end: number;
}

interface FileReport {
  file: string;
  lines: { hit: number; total: number };
  statements: { hit: number; total: number };
  branches: { hit: number; total: number };
  missed: string[];
}

const require = createRequire(import.meta.url);
const solc = require("solc") as { compile(input: string): string };

async function main(): Promise<void> {
  const hits = await loadHits();
  const lines = parseLcov(await readFile(path.join(COVERAGE, "lcov.info"), "utf8"));
  const reports: FileReport[] = [];
  for (const [file, lineCounts] of lines) {
    const source = await readFile(path.join(ROOT, file), "utf8");
    const statements = instrument(source, file);
    const branches = measureBranches(file, source, statements, hits);
    reports.push({
      file,
      lines: { hit: [...lineCounts.values()].filter((n) => n > 0).length, total: lineCounts.size },
      statements: { hit: statements.filter((s) => (hits.get(s.tag) ?? 0) > 0).length, total: statements.length },
      branches: { hit: branches.hit, total: branches.total },
      missed: branches.missed,
    });
  }
  print(reports);
}

/** Transactions that ran each statement tag, summed over the Solidity and the Mocha test runs. */
async function loadHits(): Promise<Map<string, number>> {
  const hits = new Map<string, number>();
  const dataDir = path.join(COVERAGE, "data");
  for (const run of await readdir(dataDir)) {
    for (const file of await readdir(path.join(dataDir, run))) {
      if (!file.endsWith(".json")) continue;
      const counts = JSON.parse(await readFile(path.join(dataDir, run, file), "utf8")) as Record<string, number>;
      for (const [tag, count] of Object.entries(counts)) hits.set(tag, (hits.get(tag) ?? 0) + count);
    }
  }
  if (hits.size === 0) throw new Error("No coverage data: run `hardhat test --coverage` first.");
  return hits;
}

/** Line execution counts per file from Hardhat's lcov report (it lists only instrumented files). */
function parseLcov(lcov: string): Map<string, Map<number, number>> {
  const files = new Map<string, Map<number, number>>();
  let current: Map<number, number> | undefined;
  for (const line of lcov.split("\n")) {
    if (line.startsWith("SF:")) {
      current = new Map();
      files.set(line.slice(3), current);
    } else if (line.startsWith("DA:") && current !== undefined) {
      const [lineNumber, count] = line.slice(3).split(",").map(Number);
      current.set(lineNumber!, count!);
    }
  }
  return files;
}

/** The statements EDR instruments in a file, with the same deterministic tags the test run recorded. */
function instrument(source: string, file: string): Statement[] {
  const { metadata } = addStatementCoverageInstrumentation(source, `project/${file}`, SOLC_VERSION);
  return metadata
    .filter((m) => m.kind === "statement")
    .map((m) => ({ tag: Buffer.from(m.tag).toString("hex"), start: m.startUtf16, end: m.endUtf16 }));
}

function parse(source: string, file: string): AstNode {
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { [file]: { content: source } },
        settings: { stopAfter: "parsing", outputSelection: { "*": { "": ["ast"] } } },
      }),
    ),
  ) as { sources?: Record<string, { ast: AstNode }>; errors?: Array<{ severity: string; formattedMessage: string }> };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  return output.sources![file]!.ast;
}

function measureBranches(
  file: string,
  source: string,
  statements: Statement[],
  hits: Map<string, number>,
): { hit: number; total: number; missed: string[] } {
  const toUtf16 = utf8ToUtf16Offsets(source);
  const lineOf = (offset: number) => source.slice(0, offset).split("\n").length;
  const range = (node: AstNode) => {
    const [start, length] = node.src.split(":").map(Number);
    return { start: toUtf16(start!), end: toUtf16(start! + length!) };
  };
  /** Transactions that ran the innermost instrumented statement spanning `node`. */
  const ran = (node: AstNode): number => {
    const { start, end } = range(node);
    let best: Statement | undefined;
    for (const s of statements) {
      if (s.start <= start && s.end >= end && (best === undefined || s.end - s.start < best.end - best.start)) {
        best = s;
      }
    }
    if (best === undefined) throw new Error(`${file}:${lineOf(start)}: no instrumented statement`);
    return hits.get(best.tag) ?? 0;
  };
  const firstStatement = (body: AstNode): AstNode | undefined =>
    body.nodeType === "Block" ? body.statements?.[0] : body;

  let hit = 0;
  let total = 0;
  const missed: string[] = [];
  visit(parse(source, file), (node) => {
    if (node.nodeType === "Conditional") {
      throw new Error(`${file}:${lineOf(range(node).start)}: use an if statement, a ternary cannot be measured`);
    }
    if (node.nodeType !== "IfStatement") return;
    const line = lineOf(range(node).start);
    const condition = ran(node);
    const trueFirst = firstStatement(node.trueBody!);
    const trueRuns = trueFirst === undefined ? 0 : ran(trueFirst);
    let falseTaken: boolean;
    if (node.falseBody === undefined || node.falseBody === null) {
      falseTaken = condition > trueRuns;
    } else {
      const falseFirst = firstStatement(node.falseBody);
      falseTaken = falseFirst !== undefined && ran(falseFirst) > 0;
    }
    total += 2;
    if (trueRuns > 0) hit += 1;
    else missed.push(`${line} (true)`);
    if (falseTaken) hit += 1;
    else missed.push(`${line} (false)`);
  });
  return { hit, total, missed };
}

function visit(node: unknown, fn: (node: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
  } else if (node !== null && typeof node === "object") {
    const ast = node as AstNode;
    if (typeof ast.nodeType === "string") fn(ast);
    for (const value of Object.values(ast)) visit(value, fn);
  }
}

/** solc reports byte offsets into the UTF-8 source; EDR reports UTF-16 offsets. */
function utf8ToUtf16Offsets(source: string): (byteOffset: number) => number {
  const table: number[] = [];
  let utf16 = 0;
  for (const char of source) {
    const bytes = Buffer.byteLength(char, "utf8");
    for (let i = 0; i < bytes; i++) table.push(utf16);
    utf16 += char.length;
  }
  table.push(utf16);
  return (byteOffset) => table[byteOffset]!;
}

function print(reports: FileReport[]): void {
  const percent = ({ hit, total }: { hit: number; total: number }) => (total === 0 ? 100 : (100 * hit) / total);
  const sum = (key: "lines" | "statements" | "branches") =>
    reports.reduce((acc, r) => ({ hit: acc.hit + r[key].hit, total: acc.total + r[key].total }), { hit: 0, total: 0 });
  const cell = (c: { hit: number; total: number }) => `${percent(c).toFixed(2)}% (${c.hit}/${c.total})`;
  const rows = reports.map((r) => [r.file, cell(r.lines), cell(r.statements), cell(r.branches), r.missed.join(", ")]);
  const totals = { lines: sum("lines"), statements: sum("statements"), branches: sum("branches") };
  rows.push(["Total", cell(totals.lines), cell(totals.statements), cell(totals.branches), ""]);
  const header = ["File", "Lines", "Statements", "Branches", "Branches not taken (line)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log("\nCoverage of contracts/ (test and demo contracts excluded)\n");
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  rows.forEach((row, i) => {
    if (i === rows.length - 1) console.log(widths.map((w) => "-".repeat(w)).join("  "));
    console.log(format(row));
  });
  const linesOk = percent(totals.lines) >= MIN_LINES;
  const branchesOk = percent(totals.branches) >= MIN_BRANCHES;
  console.log(
    `\nThresholds: lines >= ${MIN_LINES}% ${linesOk ? "met" : "NOT MET"}, branches >= ${MIN_BRANCHES}% ${
      branchesOk ? "met" : "NOT MET"
    }`,
  );
  if (!linesOk || !branchesOk) process.exitCode = 1;
}

await main();
