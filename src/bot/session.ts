import type { StorageAdapter } from "grammy";
import { SessionModel } from "../db/models/index.js";
import type { SessionData } from "./context.js";

/** grammY session storage in MongoDB (collection `sessions`, key = `_id`). */
export const mongoSessionStorage: StorageAdapter<SessionData> = {
  async read(key) {
    const doc = await SessionModel.findById(key, { value: 1 }).lean();
    return (doc?.value as SessionData | undefined) ?? undefined;
  },
  async write(key, value) {
    await SessionModel.updateOne({ _id: key }, { $set: { value, updatedAt: new Date() } }, { upsert: true });
  },
  async delete(key) {
    await SessionModel.deleteOne({ _id: key });
  },
};
