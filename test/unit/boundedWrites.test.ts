import { describe, expect, it } from "vitest";
import { BoundedWrites } from "../../src/data/serialWrites.js";

/** A write that ends when the test says so. */
function heldWrite(log: string[], name: string) {
  let finish: (fail?: boolean) => void = () => {};
  const write = () =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${name}`);
      finish = (fail) => (fail ? reject(new Error(name)) : resolve(name));
    });
  return { write, finish: (fail?: boolean) => finish(fail) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("writes with a bound on how many are in flight", () => {
  it("runs at most two at once, the others in the order asked, and a failed write frees its slot", async () => {
    const log: string[] = [];
    const slots = new BoundedWrites(2);
    const writes = ["a", "b", "c", "d"].map((name) => heldWrite(log, name));
    const results = writes.map((w) => slots.run(w.write).catch((error: Error) => `failed ${error.message}`));
    await settle();
    expect(log).toEqual(["start a", "start b"]);
    writes[1]?.finish(true);
    await settle();
    expect(log).toEqual(["start a", "start b", "start c"]);
    writes[0]?.finish();
    await settle();
    expect(log).toEqual(["start a", "start b", "start c", "start d"]);
    writes[2]?.finish();
    writes[3]?.finish();
    expect(await Promise.all(results)).toEqual(["a", "failed b", "c", "d"]);
    // All slots are free again: two new writes start at once.
    const more = [heldWrite(log, "e"), heldWrite(log, "f")];
    const done = more.map((w) => slots.run(w.write));
    await settle();
    expect(log.slice(-2)).toEqual(["start e", "start f"]);
    for (const w of more) w.finish();
    expect(await Promise.all(done)).toEqual(["e", "f"]);
  });
});
