import { type ChildProcess, fork, spawnSync } from "node:child_process";
import { closeSync, constants, existsSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

/**
 * The worker's entry: this file's sibling, in dist/worker/ and in the runtime's bundle alike (scripts/bundle.mjs),
 * so a worker forked by the bundled copy of this file runs the bundled worker. Inlined into the CLI's bundle,
 * this code has no sibling and finds the runtime through its package (a self-reference).
 */
function workerMain(): string {
  const sibling = fileURLToPath(new URL("./worker-main.js", import.meta.url));
  if (existsSync(sibling)) return sibling;
  return fileURLToPath(new URL("./worker/worker-main.js", import.meta.resolve("@tsc-cog/runtime")));
}

/**
 * The one pipe that carries everything a worker prints: its stdout and stderr (fd 1 and 2 are the same
 * kernel pipe, so what it writes to either stays in the order it was written) and whatever its child
 * processes print. It is a real pipe (a FIFO, unlinked at once), not a socket, so a predictor or a
 * program it runs can open `/dev/stdout` or `/dev/stderr`.
 */
export interface WorkerOutput {
  /** Hears every chunk, in order: from the stream as the event loop reads it, and from {@link WorkerOutput.drain}. */
  onData(listener: (bytes: Buffer) => void): void;
  /**
   * Reads, synchronously, everything the pipe holds right now and hands it to the listener. Called
   * when a protocol message arrives: every byte the worker wrote before it sent that message is then
   * delivered before the message is handled, so logs are never attributed to the wrong prediction
   * and always precede the output they were printed before. Boundaries travel out of band.
   */
  drain(): void;
  /** Resolves when every writer (the worker and any process that inherited the pipe) has closed it, or {@link WorkerOutput.close} was called. */
  readonly closed: Promise<void>;
  /** Stops reading (a process the worker started still holds the pipe open after the worker exited). */
  close(): void;
}

/** A forked worker process and its output pipe. */
export interface ForkedWorker {
  readonly child: ChildProcess;
  readonly output: WorkerOutput;
  /** Kills the process (a worker nobody adopted). */
  kill(): void;
}

/**
 * Forks a worker process: one real pipe for its stdout and stderr (for the parent to scrub), an IPC
 * channel for the protocol. With `ref` the worker loads that predictor at once; without, it boots
 * (Node, the SDK, the loader hooks) and waits for a `load` message — so a CLI can fork it first, before
 * its own imports. This module imports nothing else of tsc-cog: the CLI's bin shim loads it on its fast path.
 */
export function forkWorker(ref: string | undefined, options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv }): ForkedWorker {
  const fifo = openFifo();
  const child = fork(workerMain(), ref === undefined ? [] : [ref], {
    cwd: options.cwd,
    env: options.env,
    stdio: fifo ? ["ignore", fifo.write, fifo.write, "ipc"] : ["ignore", "pipe", "pipe", "ipc"],
    // Every message is plain data (see protocol.ts): JSON is exact for it and, for these small
    // messages, cheaper than V8's structured clone ("advanced") on both sides.
    serialization: "json",
    execArgv: ["--enable-source-maps"],
  });
  let output: WorkerOutput;
  if (fifo) {
    // Only the worker (and what it starts) may hold the write end: the pipe ends when they all exit.
    closeSync(fifo.write);
    output = fifoOutput(fifo.read);
  } else {
    output = socketOutput(child.stdout as Readable, child.stderr as Readable);
  }
  return { child, output, kill: () => void child.kill() };
}

/**
 * coreutils' mkfifo where it usually is, else the one on PATH. Named directly, it skips the search of PATH
 * (one failed exec per entry before it, on the critical path of every `tsc-cog predict`), and a PATH entry
 * cannot put another program in its place.
 */
const MKFIFO = ["/usr/bin/mkfifo", "/bin/mkfifo"].find((path) => existsSync(path)) ?? "mkfifo";

/** A FIFO opened at both ends and unlinked, or `undefined` where none can be made (no `mkfifo`). */
function openFifo(): { readonly read: number; readonly write: number } | undefined {
  let dir: string | undefined;
  let path: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), "tsc-cog-worker-"));
    if (spawnSync(MKFIFO, ["-m", "600", join(dir, "output")], { stdio: "ignore" }).status !== 0) return undefined;
    path = join(dir, "output");
    // The read end first and non-blocking, so that opening the write end does not wait for a reader.
    const read = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    // The write end blocking: a program the predictor runs must not see EAGAIN on its stdout.
    const write = openSync(path, constants.O_WRONLY);
    return { read, write };
  } catch {
    return undefined;
  } finally {
    // Not rmSync({ recursive }): on Node 20 it breaks later ESM resolution in this process (seen here).
    if (path) unlinkSync(path);
    if (dir) rmdirSync(dir);
  }
}

/**
 * Reads what a non-blocking descriptor holds now into `buffer`: the byte count, 0 at its end, or -1
 * when it is empty (EAGAIN) or failed. Called twice per prediction and usually empty, so the error
 * Node throws for EAGAIN is made without a stack trace (capturing one cost ~10 µs a call here).
 */
function readNow(fd: number, buffer: Buffer): number {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return readSync(fd, buffer, 0, buffer.length, null);
  } catch {
    return -1;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function fifoOutput(fd: number): WorkerOutput {
  const listeners: ((bytes: Buffer) => void)[] = [];
  const emit = (bytes: Buffer) => {
    for (const listener of listeners) listener(bytes);
  };
  const socket = new Socket({ fd, readable: true, writable: false });
  socket.on("data", emit);
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => {
    socket.once("close", () => resolve());
  });
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const drainAll = () => {
    // Not once the socket is destroyed (at the pipe's end, or by `close`): that closes `fd` at once, but
    // "close" comes a turn later, and meanwhile the number may be reused — by the server's next
    // connection, whose request this read would take as the worker's output (the request then hangs).
    while (!socket.destroyed) {
      // -1: EAGAIN, empty for now (or closed under us); the stream reads the rest. 0: every writer closed it.
      const n = readNow(fd, buffer);
      if (n <= 0) return;
      emit(Buffer.from(buffer.subarray(0, n)));
    }
  };
  return {
    onData: (listener) => void listeners.push(listener),
    drain: drainAll,
    closed,
    close: () => {
      drainAll();
      socket.destroy();
    },
  };
}

/** Where no FIFO can be made: the two socket pipes Node gives a child, merged as they are read. */
function socketOutput(stdout: Readable, stderr: Readable): WorkerOutput {
  const listeners: ((bytes: Buffer) => void)[] = [];
  const closed = Promise.all(
    [stdout, stderr].map(
      (stream) =>
        new Promise<void>((resolve) => {
          stream.on("data", (bytes: Buffer) => {
            for (const listener of listeners) listener(bytes);
          });
          stream.on("error", () => {});
          stream.once("close", () => resolve());
        }),
    ),
  ).then(() => {});
  const close = () => {
    stdout.destroy();
    stderr.destroy();
  };
  // Read each socket dry at once (its descriptor is non-blocking), as the FIFO is: what the worker
  // wrote before a message is then delivered before the message is handled. Only the order between
  // stdout and stderr is lost here (two sockets), not the order against the protocol.
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const drain = () => {
    for (const stream of [stdout, stderr]) {
      const fd = (stream as unknown as { _handle?: { fd?: number } })._handle?.fd;
      if (typeof fd !== "number" || fd < 0) continue;
      for (;;) {
        const n = readNow(fd, buffer); // -1: EAGAIN, empty for now; the stream reads the rest.
        if (n <= 0) break;
        const bytes = Buffer.from(buffer.subarray(0, n));
        for (const listener of listeners) listener(bytes);
      }
    }
  };
  return { onData: (listener) => void listeners.push(listener), drain, closed, close };
}
