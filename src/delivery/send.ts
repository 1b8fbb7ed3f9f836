import type { Api } from "grammy";

/** A photo or document that goes with a delivery; its text is then the caption. */
export interface DeliveryMedia {
  type: "photo" | "document";
  fileId: string;
}

/** A stored media sub-document (mongoose types every field as optional) as DeliveryMedia, or null. */
export function mediaOf(
  stored: { type?: string | null; fileId?: string | null } | null | undefined,
): DeliveryMedia | null {
  if (!stored?.fileId || (stored.type !== "photo" && stored.type !== "document")) return null;
  return { type: stored.type, fileId: stored.fileId };
}

/**
 * Sends a rendered message (HTML) the one way every recipient gets it: as text, or as the caption of
 * its photo or document. Broadcast previews use it too, so a preview is exactly what recipients see.
 */
export function sendRendered(
  api: Api,
  chatId: number,
  text: string,
  media: DeliveryMedia | null,
  buttons?: readonly { text: string; data: string }[] | null,
) {
  const markup = buttons?.length
    ? { reply_markup: { inline_keyboard: buttons.map((b) => [{ text: b.text, callback_data: b.data }]) } }
    : {};
  if (media?.type === "photo")
    return api.sendPhoto(chatId, media.fileId, { caption: text, parse_mode: "HTML", ...markup });
  if (media?.type === "document") {
    return api.sendDocument(chatId, media.fileId, { caption: text, parse_mode: "HTML", ...markup });
  }
  return api.sendMessage(chatId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...markup });
}
