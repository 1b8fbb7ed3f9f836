import { findByIds } from "./byIds.js";
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
 * the whole collection, one lookup by `_id` per chat (see findByIds).
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
