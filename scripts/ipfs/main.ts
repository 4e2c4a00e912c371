// CLI: node --import tsx scripts/ipfs/main.ts [--data <dir>] [--api-port 5001] [--gateway-port 8080]
//        [--origin <url>]... [--max-upload-mib 10] [--fresh]
import { parseArgs } from "node:util";
import {
  DEFAULT_API_PORT,
  DEFAULT_DATA_DIR,
  DEFAULT_GATEWAY_PORT,
  DEFAULT_MAX_UPLOAD_BYTES,
  PortInUseError,
  startIpfsNode,
  type IpfsNodeOptions,
} from "./node.ts";

const USAGE = `Usage: node --import tsx scripts/ipfs/main.ts [options]

  --data <dir>            data folder (default: ${DEFAULT_DATA_DIR})
  --api-port <port>       Kubo RPC API port (default: ${DEFAULT_API_PORT}; 0 = any free port)
  --gateway-port <port>   trustless gateway port (default: ${DEFAULT_GATEWAY_PORT}; 0 = any free port)
  --origin <url>          browser origin allowed by CORS; repeatable (default: http://127.0.0.1:5173 and
                          http://localhost:5173)
  --max-upload-mib <n>    upload limit per add request in MiB (default: ${DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024})
  --fresh                 wipe the data folder first
  --help                  show this help`;

class UsageError extends Error {}

function port(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError(`--${name} must be a port number (0-65535), got "${value}"`);
  return n;
}

function parseOptions(argv: string[]): IpfsNodeOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      data: { type: "string" },
      "api-port": { type: "string" },
      "gateway-port": { type: "string" },
      origin: { type: "string", multiple: true },
      "max-upload-mib": { type: "string" },
      fresh: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help === true) return "help";
  let maxUploadBytes: number | undefined;
  if (values["max-upload-mib"] !== undefined) {
    const mib = Number(values["max-upload-mib"]);
    if (!Number.isFinite(mib) || mib <= 0) {
      throw new UsageError(`--max-upload-mib must be a positive number, got "${values["max-upload-mib"]}"`);
    }
    maxUploadBytes = Math.floor(mib * 1024 * 1024);
  }
  return {
    dataDir: values.data,
    apiPort: port("api-port", values["api-port"]),
    gatewayPort: port("gateway-port", values["gateway-port"]),
    allowedOrigins: values.origin,
    maxUploadBytes,
    fresh: values.fresh,
  };
}

async function main(): Promise<number> {
  let options: IpfsNodeOptions | "help";
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }

  // Listening before anything is printed: a supervisor may signal as soon as it reads the ready line.
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // Afterwards a second Ctrl-C kills the process at once, as usual.
  const forgetSignals = (): void => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };

  const started = performance.now();
  let node;
  try {
    node = await startIpfsNode(options);
  } catch (err) {
    const message =
      err instanceof PortInUseError
        ? err.message
        : `cannot start the IPFS node: ${err instanceof Error ? err.message : String(err)}`;
    console.error(message);
    forgetSignals();
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  console.log(`souk-ipfs ready in ${ms} ms: api ${node.apiUrl} gateway ${node.gatewayUrl} data ${node.dataDir}`);

  const signal = await stopSignal;
  forgetSignals();
  console.error(`souk-ipfs: ${signal}, stopping`);
  try {
    await node.stop();
    return 0;
  } catch (err) {
    console.error(`souk-ipfs: error while stopping: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

process.exitCode = await main();
