// CLI: node --import tsx scripts/relay/main.ts [--port 7777] [--data <dir>] [--fresh]
import { parseArgs } from "node:util";

import { DEFAULT_RELAY_DATA_DIR, DEFAULT_RELAY_PORT, RelayPortInUseError, startRelay } from "./relay.ts";

const USAGE = `Usage: node --import tsx scripts/relay/main.ts [options]

  --port <port>   WebSocket port on 127.0.0.1 (default: ${DEFAULT_RELAY_PORT}; 0 = any free port)
  --data <dir>    folder of the event store (default: ${DEFAULT_RELAY_DATA_DIR})
  --fresh         wipe the event store first
  --help          show this help`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      strict: true,
      options: {
        port: { type: "string", default: String(DEFAULT_RELAY_PORT) },
        data: { type: "string", default: DEFAULT_RELAY_DATA_DIR },
        fresh: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) {
    console.error(`--port must be a port number (0-65535), got "${values.port}"\n\n${USAGE}`);
    return 2;
  }
  let relay;
  try {
    relay = await startRelay({ port, dataDir: values.data, fresh: values.fresh });
  } catch (error) {
    console.error(error instanceof RelayPortInUseError ? error.message : `cannot start the relay: ${String(error)}`);
    return 1;
  }
  console.log(`souk-relay ready: ${relay.url} data ${relay.dataDir} (${relay.repository.count()} events stored)`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.error(`souk-relay: ${signal}, stopping`);
  await relay.stop();
  return 0;
}

process.exitCode = await main();
