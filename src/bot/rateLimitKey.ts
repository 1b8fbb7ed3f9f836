import type { Context } from "grammy";

/** Albums remembered (a few minutes of them at most; older ones are forgotten first). */
const ALBUMS_KEPT = 2_000;

/**
 * The rate limiter's key for an update: the sender, except for the second and later parts of an
 * album (Telegram sends each photo of an album as its own message, with one media_group_id, within a
 * second), which are not counted: a borrower sending five photos at once is not "too fast". Each
 * album still counts once, so a flood of albums is limited like any other flood.
 */
export function albumCountsOnce(): (ctx: Context) => string | undefined {
  const seen = new Set<string>();
  return (ctx) => {
    const user = ctx.from?.id;
    if (user === undefined) return undefined;
    const album = ctx.message?.media_group_id;
    if (!album) return String(user);
    const key = `${user}:${album}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    if (seen.size > ALBUMS_KEPT) seen.delete(seen.values().next().value as string);
    return String(user);
  };
}
