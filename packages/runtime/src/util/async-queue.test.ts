import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AsyncQueue } from "./async-queue.js";

async function drain<T>(queue: AsyncQueue<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of queue) items.push(item);
  return items;
}

describe("AsyncQueue", () => {
  it("delivers items pushed before and while it is read, in order, then ends", async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    const read = drain(queue);
    await Promise.resolve();
    queue.push(2);
    setTimeout(() => {
      queue.push(3);
      queue.end();
      queue.push(4);
    }, 5);
    assert.deepEqual(await read, [1, 2, 3]);
    assert.equal(queue.ended, true);
  });

  it("fails the reader with the end's error after the items already pushed", async () => {
    const queue = new AsyncQueue<string>();
    queue.push("a");
    queue.end(new Error("gone"));
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const item of queue) seen.push(item);
    }, /gone/);
    assert.deepEqual(seen, ["a"]);
  });

  it("delivers 200,000 items pushed before reading, none lost or reordered", async () => {
    const queue = new AsyncQueue<number>();
    for (let i = 0; i < 200_000; i++) queue.push(i);
    queue.end();
    let sum = 0;
    for await (const item of queue) sum += item;
    assert.equal(sum, (199_999 * 200_000) / 2);
  });
});
