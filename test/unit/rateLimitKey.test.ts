import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { albumCountsOnce } from "../../src/bot/rateLimitKey.js";

const update = (from: number | undefined, album?: string) =>
  ({
    from: from === undefined ? undefined : { id: from },
    message: album ? { media_group_id: album } : {},
  }) as unknown as Context;

describe("the flood limit's key", () => {
  it("counts each message by its sender, an album once, and nothing without a sender", () => {
    const key = albumCountsOnce();
    expect(key(update(7))).toBe("7");
    expect(key(update(7))).toBe("7");
    expect(key(update(7, "a1"))).toBe("7");
    expect(key(update(7, "a1"))).toBeUndefined();
    expect(key(update(7, "a1"))).toBeUndefined();
    // Another album of the same user, and the same album id of another user, count again.
    expect(key(update(7, "a2"))).toBe("7");
    expect(key(update(8, "a1"))).toBe("8");
    expect(key(update(undefined))).toBeUndefined();
  });

  it("forgets the oldest albums past a bound, so that memory stays flat", () => {
    const key = albumCountsOnce();
    for (let i = 0; i < 5_000; i++) key(update(1, `album-${i}`));
    // The first album was forgotten: a late part of it counts again (once).
    expect(key(update(1, "album-0"))).toBe("1");
    expect(key(update(1, "album-4999"))).toBeUndefined();
  });
});
