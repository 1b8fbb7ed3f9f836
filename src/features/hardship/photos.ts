import type { Api } from "grammy";
import { InlineKeyboard, InputFile } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "../../bot/context.js";
import { beginFlow } from "../../bot/flows.js";
import { downloadTelegramFile } from "../../bot/telegramFiles.js";
import { hardshipPhotos, type StoredPhoto } from "../../data/hardshipPhotos.js";
import {
  acceptedPhotoMime,
  HARDSHIP_PHOTOS_MAX,
  PHOTO_MAX_BYTES,
  photoType,
  withoutLocation,
} from "../../domain/photo.js";
import { finish } from "./callbacks.js";

type T = (key: string, variables?: Record<string, string | number>) => string;

export function photosKeyboard(t: T): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("hardship-photos-done"), finish.encode({ action: "done" }))
    .text(t("hardship-cancel"), finish.encode({ action: "cancel" }));
}

/**
 * The file id of a photo message (the largest size within the limit) or of an image sent as a file,
 * checked by what Telegram says of it; null for anything else or anything too large.
 */
export function photoFileOf(message: Message): string | null {
  if (message.photo) {
    const fitting = message.photo.filter((p) => (p.file_size ?? 0) <= PHOTO_MAX_BYTES);
    return fitting.at(-1)?.file_id ?? null;
  }
  const doc = message.document;
  if (doc && acceptedPhotoMime(doc.mime_type) && (doc.file_size ?? 0) <= PHOTO_MAX_BYTES) return doc.file_id;
  return null;
}

/** A photo sent while the report asks for them: kept (its file id) in the draft, up to the limit. */
export async function photoReceived(ctx: BotContext): Promise<void> {
  const draft = ctx.session.hardship;
  if (!draft || !ctx.message) return;
  const fileId = photoFileOf(ctx.message);
  const t = ctx.t.bind(ctx);
  if (!fileId) return void (await ctx.reply(t("hardship-photo-bad", { mb: PHOTO_MAX_BYTES / 1024 / 1024 })));
  const photos = draft.photos ?? [];
  if (photos.length >= HARDSHIP_PHOTOS_MAX) {
    return void (await ctx.reply(t("hardship-photo-too-many", { max: HARDSHIP_PHOTOS_MAX })));
  }
  beginFlow(ctx.session, "hardship", { ...draft, photos: [...photos, fileId] });
  await ctx.reply(t("hardship-photo-added", { n: photos.length + 1, max: HARDSHIP_PHOTOS_MAX }), {
    reply_markup: photosKeyboard(t),
  });
}

/**
 * Downloads the draft's photos, checks each by its bytes and removes location metadata unless the
 * borrower agreed; what fails a check is left out (the borrower is told how many were kept).
 */
export async function downloadDraftPhotos(
  api: Api,
  fileRoot: string,
  fileIds: readonly string[],
  keepLocation: boolean,
): Promise<StoredPhoto[]> {
  const kept: StoredPhoto[] = [];
  for (const fileId of fileIds.slice(0, HARDSHIP_PHOTOS_MAX)) {
    const bytes = await downloadTelegramFile(api, fileRoot, fileId, PHOTO_MAX_BYTES).catch(() => null);
    const type = bytes ? photoType(bytes) : null;
    const data = bytes && type ? (keepLocation ? bytes : withoutLocation(bytes)) : null;
    if (data && type) kept.push({ type, data });
  }
  return kept;
}

/** A report's photos, sent to an officer's private chat (the caller checked scope and chat). */
export async function sendReportPhotos(ctx: BotContext, reference: string, count: number): Promise<void> {
  if (count === 0) return;
  const photos = await hardshipPhotos(reference, count);
  const media = photos.map((p, i) => ({
    type: "photo" as const,
    media: new InputFile(p.data, `${reference}-${i + 1}.${p.type === "png" ? "png" : "jpg"}`),
  }));
  if (media.length === 1) await ctx.replyWithPhoto((media[0] as (typeof media)[0]).media);
  else if (media.length > 1) await ctx.replyWithMediaGroup(media);
}
