/**
 * The protocol's constants and enums, read from the compiler's AST of the contracts (the build-info files of
 * `hardhat build`), so that the SDK, the dApp and the indexer never copy a fee cap, a window or a state list by hand.
 *
 * Constants are the `public`/`internal` constants of the contracts below and the file-level constants of their
 * source files. Their values are evaluated from the AST: number literals (with time units), `type(uintN).max`,
 * arithmetic, casts and references to other constants. Anything else is refused loudly, so that a new kind of
 * expression is noticed here rather than exported wrong.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** Source unit → the group its constants are exported under, and the contracts whose constants belong to it. */
const GROUPS = [
  { group: "escrow", sources: ["contracts/Escrow.sol", "contracts/interfaces/IEscrow.sol"], contracts: ["Escrow"] },
  {
    group: "listingRegistry",
    sources: ["contracts/ListingRegistry.sol", "contracts/interfaces/IListingRegistry.sol"],
    contracts: ["ListingRegistry"],
  },
  { group: "payouts", sources: ["contracts/libraries/Payouts.sol"], contracts: ["Payouts"] },
] as const;

/** File-level constants carry their group as a prefix (`ESCROW_MAX_ORDER_AMOUNT` → escrow.MAX_ORDER_AMOUNT). */
const FILE_PREFIXES: Record<string, string> = { ESCROW_: "escrow", LISTING_: "listingRegistry" };

const ENUMS = [
  { name: "orderStates", contract: "IEscrow", enumName: "OrderState" },
  { name: "ratingRoles", contract: "IReputation", enumName: "Role" },
] as const;

const TIME_UNITS: Record<string, bigint> = { seconds: 1n, minutes: 60n, hours: 3_600n, days: 86_400n, weeks: 604_800n };

interface AstNode {
  nodeType: string;
  id?: number;
  name?: string;
  nodes?: AstNode[];
  members?: AstNode[];
  [key: string]: unknown;
}

export interface ProtocolConstants {
  constants: Record<string, Record<string, bigint>>;
  enums: Record<string, string[]>;
}

/** Reads the AST of every project source from the build-info outputs in `artifactsDir`. */
async function readSourceUnits(artifactsDir: string): Promise<Map<string, AstNode>> {
  const dir = path.join(artifactsDir, "build-info");
  const units = new Map<string, AstNode>();
  // Several compilation jobs may hold the same source; the newest output wins.
  const files = await Promise.all(
    (await readdir(dir))
      .filter((f) => f.endsWith(".output.json"))
      .map(async (f) => ({ f, mtime: (await stat(path.join(dir, f))).mtimeMs })),
  );
  for (const { f: file } of files.sort((a, b) => a.mtime - b.mtime)) {
    const output = JSON.parse(await readFile(path.join(dir, file), "utf8")) as {
      output?: { sources?: Record<string, { ast: AstNode }> };
    };
    for (const [source, { ast }] of Object.entries(output.output?.sources ?? {})) {
      units.set(source.replace(/^project\//, ""), ast);
    }
  }
  return units;
}

export async function readProtocolConstants(artifactsDir: string): Promise<ProtocolConstants> {
  const units = await readSourceUnits(artifactsDir);
  const declarations = new Map<number, AstNode>();
  const walk = (node: AstNode) => {
    if (node.nodeType === "VariableDeclaration" && node.constant === true && node.id !== undefined) {
      declarations.set(node.id, node);
    }
    for (const child of [...(node.nodes ?? []), ...(node.members ?? [])]) walk(child);
  };
  for (const unit of units.values()) walk(unit);

  const evaluate = (node: AstNode): bigint => {
    switch (node.nodeType) {
      case "Literal": {
        if (node.kind !== "number") break;
        const value = BigInt(String(node.value).replaceAll("_", ""));
        const unit = node.subdenomination as string | null;
        if (unit === null || unit === undefined) return value;
        const factor = TIME_UNITS[unit];
        if (factor !== undefined) return value * factor;
        break;
      }
      case "BinaryOperation": {
        const left = evaluate(node.leftExpression as AstNode);
        const right = evaluate(node.rightExpression as AstNode);
        switch (node.operator) {
          case "+": return left + right;
          case "-": return left - right;
          case "*": return left * right;
          case "/": return left / right;
          case "**": return left ** right;
        }
        break;
      }
      case "TupleExpression": {
        const components = node.components as AstNode[];
        if (components.length === 1) return evaluate(components[0]!);
        break;
      }
      case "Identifier": {
        const declaration = declarations.get(node.referencedDeclaration as number);
        if (declaration !== undefined) return evaluate(declaration.value as AstNode);
        break;
      }
      case "MemberAccess": {
        // type(uintN).max
        const base = node.expression as AstNode;
        const typeName = ((base.arguments as AstNode[] | undefined)?.[0]?.typeName as AstNode | undefined)?.name;
        const bits = /^uint(\d+)$/.exec(String(typeName ?? ""));
        if (base.nodeType === "FunctionCall" && node.memberName === "max" && bits !== null) {
          return 2n ** BigInt(bits[1]!) - 1n;
        }
        break;
      }
      case "FunctionCall": {
        // A cast to an integer type: uint40(x)
        const args = node.arguments as AstNode[];
        if (node.kind === "typeConversion" && args.length === 1) return evaluate(args[0]!);
        break;
      }
    }
    throw new Error(`protocol-constants: cannot evaluate a ${node.nodeType} at ${String(node.src)}`);
  };

  const constants: Record<string, Record<string, bigint>> = {};
  for (const { group, sources, contracts } of GROUPS) {
    const values: Record<string, bigint> = {};
    for (const source of sources) {
      const unit = units.get(source);
      if (unit === undefined) throw new Error(`protocol-constants: ${source} is not in the build artifacts`);
      for (const node of unit.nodes ?? []) {
        if (node.nodeType === "VariableDeclaration" && node.constant === true) {
          const prefix = Object.keys(FILE_PREFIXES).find((p) => node.name!.startsWith(p));
          if (prefix === undefined || FILE_PREFIXES[prefix] !== group) continue;
          values[node.name!.slice(prefix.length)] = evaluate(node.value as AstNode);
        }
        if (node.nodeType === "ContractDefinition" && (contracts as readonly string[]).includes(node.name!)) {
          for (const member of node.nodes ?? []) {
            if (member.nodeType !== "VariableDeclaration" || member.constant !== true) continue;
            if (member.visibility === "private") continue;
            values[member.name!] = evaluate(member.value as AstNode);
          }
        }
      }
    }
    constants[group] = Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
  }

  const enums: Record<string, string[]> = {};
  for (const { name, contract, enumName } of ENUMS) {
    let members: string[] | undefined;
    for (const unit of units.values()) {
      for (const node of unit.nodes ?? []) {
        if (node.nodeType !== "ContractDefinition" || node.name !== contract) continue;
        const definition = (node.nodes ?? []).find((n) => n.nodeType === "EnumDefinition" && n.name === enumName);
        members = definition?.members?.map((m) => m.name!);
      }
    }
    if (members === undefined) throw new Error(`protocol-constants: enum ${contract}.${enumName} not found`);
    enums[name] = members;
  }
  return { constants, enums };
}

/** The TypeScript module written to sdk/src/generated/protocol.ts. */
export function protocolModule({ constants, enums }: ProtocolConstants): string {
  let out = "";
  for (const [group, values] of Object.entries(constants)) {
    const body = Object.entries(values)
      .map(([name, value]) => `  ${name}: ${value}n,`)
      .join("\n");
    out += `\nexport const ${group}Constants = {\n${body}\n} as const;\n`;
  }
  for (const [name, members] of Object.entries(enums)) {
    out += `\nexport const ${name} = ${JSON.stringify(members)} as const;\n`;
  }
  return out;
}
