import { InlineKeyboard } from "grammy";
import type { StoredDisaster } from "../../data/disasters.js";
import { formatDateVi, type LocalDate } from "../../domain/dates.js";
import { inForceOn } from "../../domain/disaster.js";
import { escapeHtml } from "../../domain/html.js";
import type { Translate } from "../../i18n.js";
import { decideEvent, endEvent } from "./callbacks.js";

/** "bão số 10 · xã X0101 · 28/09/2025–15/10/2025 · declared". */
export function eventLine(t: Translate, event: StoredDisaster, areaName?: string): string {
  return t("disaster-row", {
    name: escapeHtml(event.name),
    area: t(`disaster-area-${event.area.kind}`, {
      code: event.area.code,
      name: escapeHtml(areaName ?? event.area.code),
    }),
    from: formatDateVi(event.from),
    until: formatDateVi(event.until),
    status: t(`disaster-status-${event.status}`),
    id: event.id,
  });
}

/** The events in the officer's scope, with what they may do to each (checked again when pressed). */
export function eventListView(t: Translate, events: readonly StoredDisaster[], today: LocalDate, me: number) {
  const keyboard = new InlineKeyboard();
  const lines = events.map((e) => {
    if (e.status === "proposed" && e.proposedBy !== me) {
      keyboard.text(t("disaster-approve-of", { id: e.id }), decideEvent.encode({ verdict: "ok", id: e.id }));
      keyboard.text(t("disaster-refuse"), decideEvent.encode({ verdict: "no", id: e.id })).row();
    }
    if (e.status === "declared" && e.until >= today) {
      keyboard.text(t("disaster-end-of", { id: e.id }), endEvent.encode({ id: e.id })).row();
    }
    const now = inForceOn(e, today) ? ` ${t("disaster-in-force")}` : "";
    return `• ${eventLine(t, e)}${now}`;
  });
  const text = [t("disaster-usage"), "", t("disaster-list-title"), ...(lines.length ? lines : [t("disaster-none")])];
  return { text: text.join("\n"), keyboard };
}
