import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One upload as received. */
export interface Upload {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The status it was answered with. */
  readonly status: number;
}

/**
 * A local upload server on 127.0.0.1 (what `--upload-url` points at): records every request and
 * answers 201 with `Location: https://files.example<path>?signature=…`, unless `failNext` says
 * otherwise: `failNext(n, status)` answers the next n requests with `status` (Infinity: always).
 */
export class UploadReceiver {
  readonly uploads: Upload[] = [];
  readonly #server: Server;
  #failures = { left: 0, status: 500 };
  #url = "";

  constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk) => chunks.push(chunk));
      request.on("end", () => {
        const path = request.url ?? "/";
        const status = this.#failures.left > 0 ? this.#failures.status : 201;
        if (this.#failures.left > 0) this.#failures.left--;
        this.uploads.push({ method: request.method ?? "", path, headers: request.headers, body: Buffer.concat(chunks), status });
        if (status >= 300) response.writeHead(status).end("upload refused");
        else response.writeHead(status, { location: `https://files.example${path}?signature=abc123` }).end();
      });
    });
  }

  /** Answers the next `count` requests with `status`. */
  failNext(count: number, status: number): void {
    this.#failures = { left: count, status };
  }

  /** Starts listening; resolves with the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.#url;
  }

  get url(): string {
    return this.#url;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
