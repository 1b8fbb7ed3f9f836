import type { StorageAdapter } from "grammy";
import { SessionModel } from "./models/index.js";

/** The stored form of a session as it was read, kept on the value itself (not enumerable, so never stored). */
const AS_READ = Symbol("session as read");
type ReadSession = object & { [AS_READ]?: string };

/**
 * grammY session storage in MongoDB (collection `sessions`, key = `_id`). grammY writes a session
 * back after every update that touched it, and i18n reads it on every update for the language; a
 * session that comes back unchanged is not written again. `updatedAt` is therefore the last change.
 */
export const mongoSessionStorage: StorageAdapter<object> = {
  async read(key) {
    const doc = await SessionModel.findById(key, { value: 1 }).lean();
    const value = doc?.value as ReadSession | undefined;
    if (value) Object.defineProperty(value, AS_READ, { value: JSON.stringify(value), enumerable: false });
    return value;
  },
  async write(key, value) {
    if ((value as ReadSession)[AS_READ] === JSON.stringify(value)) return;
    await SessionModel.updateOne({ _id: key }, { $set: { value, updatedAt: new Date() } }, { upsert: true });
  },
  async delete(key) {
    await SessionModel.deleteOne({ _id: key });
  },
};

/** Deletes the user's sessions in every chat (keys end in ":<user id>"): a full read on FerretDB, rare (on /deletemydata). */
export async function deleteSessionsOfUser(telegramUserId: number): Promise<number> {
  const result = await SessionModel.deleteMany({ _id: { $regex: `:${telegramUserId}$` } });
  return result.deletedCount;
}
