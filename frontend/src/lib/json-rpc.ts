/**
 * One JSON-RPC call over fetch, for the few reads that run outside wagmi (the health checks, the chain-identity
 * check): they have their own short timeout, and keep wagmi's modules out of the chunks that load them.
 */
export async function callRpc<T>(url: string, method: string, params: readonly unknown[], signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal,
  });
  if (!response.ok) throw new Error(`The node answered HTTP ${response.status}`);
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error !== undefined) throw new Error(body.error.message);
  if (!("result" in body)) throw new Error(`The node gave no answer to ${method}`);
  return body.result as T;
}

/** A JSON-RPC call bound to one node. */
export type RpcCall = <T>(method: string, params: readonly unknown[]) => Promise<T>;
