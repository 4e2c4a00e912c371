import net from "node:net";

export class PortInUseError extends Error {
  override name = "PortInUseError";
  constructor(
    readonly port: number,
    readonly service: string,
    readonly flag: string,
  ) {
    super(
      `Port ${port} (${service}) is already in use on 127.0.0.1. Stop the program using it ` +
        `(\`lsof -i :${port}\` shows which), or choose another port with ${flag}.`,
    );
  }
}

/** Resolves when `port` can be bound on 127.0.0.1, rejects with a PortInUseError naming the service otherwise. */
export function ensurePortFree(port: number, service: string, flag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" || error.code === "EACCES" ? new PortInUseError(port, service, flag) : error);
    });
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve()));
  });
}

/** A free port chosen by the OS (for tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
