import { model, Schema } from "mongoose";

/**
 * The importer's digest of the stored book (data/bookDigest.ts): per entity kind, 256 buckets
 * (`_id` = "<kind>:<00..ff>") each holding, packed into one string, the fingerprint of every stored
 * document of its bucket and the few fields an import needs of it. FerretDB decodes every value of
 * every document it returns, so a re-import reading 256 strings by `_id` is many times faster than
 * one scan of every household and loan. "state" says whether the digest is whole, and how many
 * buckets each kind has (fewer for a small book).
 */
const bookDigestSchema = new Schema(
  {
    _id: { type: String, required: true },
    entries: { type: String, default: undefined },
    whole: { type: Boolean, default: undefined },
    buckets: { type: Schema.Types.Mixed, default: undefined },
    updatedAt: { type: Date, default: undefined },
  },
  { versionKey: false, collection: "book_digests" },
);

export const BookDigestModel = model("BookDigest", bookDigestSchema);
