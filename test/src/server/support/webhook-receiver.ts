import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One webhook delivery as received. */
export interface Delivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests read payload fields directly
  readonly body: any;
  readonly text: string;
  /** When it arrived (performance.now()). */
  readonly at: number;
}

/**
 * A local HTTP server on 127.0.0.1 that records every POST. `failFirst(path, n, status)` makes the
 * first n deliveries to a path fail (to exercise retries).
 */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  readonly #server: Server;
  readonly #failures = new Map<string, { left: number; status: number }>();
  #url = "";

  constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk) => chunks.push(chunk));
      request.on("end", () => {
        const path = request.url ?? "/";
        const failure = this.#failures.get(path);
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        if (failure && failure.left > 0) {
          failure.left--;
          this.deliveries.push({
            path,
            headers: request.headers,
            body: { rejected: true, status: failure.status },
            text: "",
            at: performance.now(),
          });
          response.writeHead(failure.status).end();
          return;
        }
        this.deliveries.push({ path, headers: request.headers, body, text, at: performance.now() });
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
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

  failFirst(path: string, count: number, status: number): void {
    this.#failures.set(path, { left: count, status });
  }

  /** The accepted deliveries to `path`. */
  to(path: string): Delivery[] {
    return this.deliveries.filter((delivery) => delivery.path === path && !delivery.body?.rejected);
  }

  /** Waits until `predicate` holds for the deliveries to `path`; throws after `ms`. */
  async waitFor(path: string, predicate: (deliveries: Delivery[]) => boolean, ms = 15_000): Promise<Delivery[]> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const list = this.to(path);
      if (predicate(list)) return list;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(
      `webhooks to ${path} never satisfied the condition within ${ms} ms; got ${JSON.stringify(this.to(path).map((d) => d.body?.status))}`,
    );
  }

  /** Waits for the `completed` delivery (a terminal status) to `path`. */
  completed(path: string, ms?: number): Promise<Delivery> {
    const terminal = (d: Delivery) => ["succeeded", "failed", "canceled"].includes(d.body?.status);
    return this.waitFor(path, (list) => list.some(terminal), ms).then((list) => list.find(terminal) as Delivery);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
