// Streams the files of a multipart/form-data upload (as kubo-rpc-client sends them) into importer candidates.
import busboy from "busboy";
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { badRequest, HttpError } from "./http.ts";

export interface UploadCandidate {
  /** Path inside the upload ('' when the client gave no name). */
  path: string;
  /** Missing for directory parts. */
  content?: AsyncIterable<Uint8Array>;
}

export class UploadTooLargeError extends HttpError {
  constructor(limit: number) {
    super(413, `upload exceeds the limit of ${limit} bytes per request`, 1);
    this.name = "UploadTooLargeError";
  }
}

/** Parts that carry no file data are small; these bounds keep a hostile body from using memory. */
const LIMITS = { fields: 100, fieldSize: 4096, parts: 100_000, headerPairs: 20 };

/**
 * Yields the file and directory parts in order. Each file's content must be read before the next part is
 * parsed (one multipart stream); the sum of all file bytes above `maxBytes` throws UploadTooLargeError.
 */
export async function* multipartCandidates(req: IncomingMessage, maxBytes: number): AsyncGenerator<UploadCandidate> {
  const contentType = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw badRequest("expected a multipart/form-data body with the files to add");
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, preservePath: true, defParamCharset: "utf8", limits: LIMITS });
  } catch (err) {
    throw badRequest(`malformed multipart body: ${err instanceof Error ? err.message : String(err)}`);
  }

  const parts = new PartQueue();
  parser.on("file", (field, stream, info) => {
    // kubo-rpc-client puts a file's mode and mtime in the field name ("file?mode=0644"); Kubo stores them in the
    // UnixFS node, which changes the CID: refused rather than silently dropped.
    if (/[?&](mode|mtime)=/.test(field)) {
      stream.resume();
      parts.fail(badRequest("file mode and mtime are not supported by souk-ipfs"));
      return;
    }
    parts.push({ stream, filename: info.filename, mimeType: info.mimeType });
  });
  parser.on("close", () => parts.end());
  parser.on("error", (err) => parts.fail(badRequest(`malformed multipart body: ${errorText(err)}`)));
  for (const event of ["partsLimit", "fieldsLimit"] as const) {
    parser.on(event, () => parts.fail(badRequest("too many parts in the multipart body")));
  }
  const onAborted = (): void => {
    if (!req.complete) parts.fail(new HttpError(400, "upload aborted by the client"));
  };
  req.on("close", onAborted);
  req.on("error", onAborted);
  req.pipe(parser);

  let total = 0;
  async function* counted(stream: Readable): AsyncGenerator<Uint8Array> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new UploadTooLargeError(maxBytes);
      yield chunk;
    }
  }

  try {
    for (let part = await parts.next(); part !== undefined; part = await parts.next()) {
      const path = decodeName(part.filename ?? "");
      if (part.mimeType === "application/x-directory") {
        part.stream.resume();
        if (path === "") throw badRequest("directory part without a name");
        yield { path };
      } else {
        yield { path, content: counted(part.stream) };
      }
    }
  } finally {
    req.off("close", onAborted);
    req.off("error", onAborted);
    req.unpipe(parser);
    parser.removeAllListeners("file");
  }
}

/** kubo-rpc-client percent-encodes file names (paths keep their '/' after decoding). */
function decodeName(raw: string): string {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw badRequest(`invalid file name "${raw}"`);
  }
  const segments = name.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) throw badRequest(`invalid file name "${name}": ".." is not allowed`);
  return segments.join("/");
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface Part {
  stream: Readable;
  filename: string | undefined;
  mimeType: string;
}

/** Hands parser events to the async consumer; the parser produces at most one unread part at a time. */
class PartQueue {
  readonly #items: Part[] = [];
  /** The part being read by the consumer. */
  #active: Part | undefined;
  #ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  push(part: Part): void {
    this.#items.push(part);
    this.#notify();
  }

  end(): void {
    this.#ended = true;
    this.#notify();
  }

  fail(err: Error): void {
    if (this.#error !== undefined) return;
    this.#error = err;
    // Unblocks a consumer waiting for data that will never come.
    this.#active?.stream.destroy(err);
    for (const part of this.#items) part.stream.resume();
    this.#notify();
  }

  async next(): Promise<Part | undefined> {
    for (;;) {
      if (this.#error !== undefined) throw this.#error;
      const item = this.#items.shift();
      if (item !== undefined) {
        this.#active = item;
        return item;
      }
      if (this.#ended) return undefined;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
