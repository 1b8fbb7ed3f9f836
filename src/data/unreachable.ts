import { findByIds, isFerretdb } from "./byIds.js";
import { wholeRead } from "./commandLog.js";
import { isDuplicateKey } from "./errors.js";
import { UnreachableChatModel } from "./models/index.js";

/** Chats Telegram refused (`_id` = chat id); nothing is sent to them until the user writes again. */

/** Marks a chat unreachable; a chat already marked keeps its first reason and date. */
export async function markUnreachable(chatId: number, householdCode: string | null, reason: string): Promise<void> {
  await UnreachableChatModel.create({ _id: chatId, householdCode, reason, since: new Date() }).catch((e: unknown) => {
    if (!isDuplicateKey(e)) throw e;
  });
}

/** Forgets the mark (the user wrote to the bot, or asked for their data to be deleted). */
export async function clearUnreachable(chatId: number): Promise<number> {
  return (await UnreachableChatModel.deleteOne({ _id: chatId })).deletedCount;
}

/**
 * Which of these chats are marked unreachable. One `$in` on MongoDB; on FerretDB, whose `$in` reads
 * the whole collection, one read of it (see findByIds).
 */
export async function unreachableAmong(chatIds: readonly number[]): Promise<Set<number>> {
  if (chatIds.length === 0) return new Set();
  const found = await findByIds<{ _id: number }>(UnreachableChatModel, [...new Set(chatIds)], { _id: 1 });
  return new Set(found.map((u) => Number(u._id)));
}

/** Every unreachable chat, with its household: for whole-book reads (planning, audiences, stats). */
export async function allUnreachable(): Promise<{ chatId: number; householdCode: string | null }[]> {
  const all = await UnreachableChatModel.find({}, { householdCode: 1 }).lean();
  return all.map((u) => ({ chatId: Number(u._id), householdCode: u.householdCode ?? null }));
}

/**
 * The dispatcher's view of the marks while it sends, batch after batch. FerretDB never pushes down a
 * numeric `_id`, so there each check of a batch read the whole collection, which grows as a broadcast
 * finds blocked chats: the sending slowed as it went. There the marks are read whole at most every
 * `refreshMs`, and the marks this dispatcher makes are added at once; a mark cleared elsewhere (a
 * /start) is seen within `refreshMs`, about as long as a prepared batch waits to be sent anyway.
 * On MongoDB every check is one `$in` by the `_id` index.
 */
export class UnreachableMarks {
  private known: { chats: Set<number>; readAt: number } | null = null;

  constructor(private readonly refreshMs = 5_000) {}

  async among(chatIds: readonly number[]): Promise<Set<number>> {
    if (!(await isFerretdb())) return unreachableAmong(chatIds);
    if (!this.known || Date.now() - this.known.readAt > this.refreshMs) {
      const readAt = Date.now();
      const all = await UnreachableChatModel.find({}, { _id: 1 })
        .comment(wholeRead("the dispatcher's view of the unreachable marks on FerretDB, every few seconds"))
        .lean();
      this.known = { chats: new Set(all.map((u) => Number(u._id))), readAt };
    }
    const marked = this.known.chats;
    return new Set(chatIds.filter((id) => marked.has(id)));
  }

  /** A mark this dispatcher has just written. */
  add(chatId: number): void {
    this.known?.chats.add(chatId);
  }
}
