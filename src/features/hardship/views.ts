import { InlineKeyboard } from "grammy";
import type { HardshipReport } from "../../data/hardship.js";
import { formatDateVi, vietnamDate } from "../../domain/dates.js";
import {
  canWithdraw,
  HARDSHIP_DECISIONS,
  HARDSHIP_REASONS,
  HARDSHIP_WHEN,
  type HardshipStatus,
  HEAD_ANSWER_DAYS,
  officerSteps,
  type QueueView,
} from "../../domain/hardship.js";
import { escapeHtml } from "../../domain/html.js";
import {
  decideReport,
  fileForMember,
  finish,
  headConfirms,
  headNote,
  moveReport,
  openReport,
  pickLoan,
  pickReason,
  pickWhen,
  startReport,
  withdraw,
} from "./callbacks.js";

type T = (key: string, variables?: Record<string, string | number>) => string;

/** The borrower's reports with their status, and a button for each that can still be withdrawn. */
export function reportListView(t: T, reports: readonly HardshipReport[]): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  const lines = reports.map((r) =>
    t("hardship-item", {
      reference: String(r._id),
      filed: formatDateVi(vietnamDate(r.filedAt)),
      reason: t(`hardship-reason-${r.reason}`),
      status: t(`hardship-status-${r.status}`),
    }),
  );
  for (const r of reports) {
    if (canWithdraw(r.status as HardshipStatus)) {
      keyboard
        .text(
          t("hardship-withdraw-button", { reference: String(r._id) }),
          withdraw.encode({ reference: String(r._id) }),
        )
        .row();
    }
  }
  keyboard.text(t("hardship-new-button"), startReport.encode({}));
  const text = [t("hardship-intro"), lines.length > 0 ? lines.join("\n") : t("hardship-none")].join("\n\n");
  return { text, keyboard };
}

export function reasonKeyboard(t: T): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const reason of HARDSHIP_REASONS)
    keyboard.text(t(`hardship-reason-${reason}`), pickReason.encode({ reason })).row();
  return keyboard.text(t("hardship-cancel"), finish.encode({ action: "cancel" }));
}

export function whenKeyboard(t: T): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const when of HARDSHIP_WHEN) keyboard.text(t(`hardship-when-${when}`), pickWhen.encode({ when })).row();
  return keyboard.text(t("hardship-cancel"), finish.encode({ action: "cancel" }));
}

/** One button per open loan (numbered from 1 in the list kept in the session), and "all / not sure". */
export function loanKeyboard(t: T, loans: readonly { loanNumber: string; programme: string }[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  loans.forEach((l, i) => {
    keyboard.text(`${l.loanNumber} · ${l.programme}`, pickLoan.encode({ n: i + 1 })).row();
  });
  return keyboard.text(t("hardship-loan-all"), pickLoan.encode({ n: 0 })).row();
}

export function skipTextKeyboard(t: T): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("hardship-skip"), finish.encode({ action: "skip" }))
    .text(t("hardship-cancel"), finish.encode({ action: "cancel" }));
}

export function confirmView(
  t: T,
  draft: {
    reason: string;
    when: string;
    loanNumber: string | null;
    text: string;
    photos: number;
    keepLocation: boolean;
  },
): { text: string; keyboard: InlineKeyboard } {
  const lines = [
    t("hardship-confirm", {
      reason: t(`hardship-reason-${draft.reason}`),
      when: t(`hardship-when-${draft.when}`),
      loan: draft.loanNumber ?? t("hardship-loan-all"),
      text: draft.text ? escapeHtml(draft.text) : "—",
    }),
  ];
  const keyboard = new InlineKeyboard();
  if (draft.photos > 0) {
    lines.push(t("hardship-confirm-photos", { count: draft.photos }));
    lines.push(t(draft.keepLocation ? "hardship-location-kept" : "hardship-location-removed"));
    keyboard
      .text(
        t(draft.keepLocation ? "hardship-location-remove" : "hardship-location-keep"),
        finish.encode({ action: "loc" }),
      )
      .row();
  }
  keyboard
    .text(t("hardship-send"), finish.encode({ action: "send" }))
    .text(t("hardship-cancel"), finish.encode({ action: "cancel" }));
  return { text: lines.join("\n"), keyboard };
}

export function headConfirmKeyboard(t: T, reference: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("hardship-head-confirm-button"), headConfirms.encode({ reference }))
    .row()
    .text(t("hardship-head-note-button"), headNote.encode({ reference }));
}

/** The members' reports waiting for this head, each with its confirm button. */
export function headSectionView(
  t: T,
  reports: readonly { reference: string; member: string; reason: string }[],
): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  const lines = reports.map((r) => {
    keyboard
      .text(
        t("hardship-head-confirm-button-of", { reference: r.reference }),
        headConfirms.encode({ reference: r.reference }),
      )
      .text(t("hardship-head-note-button"), headNote.encode({ reference: r.reference }))
      .row();
    return t("hardship-head-item", {
      reference: r.reference,
      member: escapeHtml(r.member),
      reason: t(`hardship-reason-${r.reason}`),
    });
  });
  keyboard.text(t("hardship-head-file-button"), fileForMember.encode({}));
  const text = lines.length ? [t("hardship-head-intro"), ...lines] : [t("hardship-head-none-waiting")];
  return { text: text.join("\n"), keyboard };
}

/** The officer's queue: one line and one button per report. */
export function queueView(
  t: T,
  reports: readonly { reference: string; communeName: string; reason: string; view: QueueView }[],
): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  const lines = reports.map((r) => {
    keyboard.text(r.reference, openReport.encode({ reference: r.reference })).row();
    return t("hardship-queue-item", {
      reference: r.reference,
      commune: escapeHtml(r.communeName),
      reason: t(`hardship-reason-${r.reason}`),
      status: t(`hardship-status-${r.view.status}`),
      head: t(r.view.headTimedOut ? "hardship-head-timed-out" : "hardship-head-ok", { days: HEAD_ANSWER_DAYS }),
    });
  });
  const text = [
    t("hardship-queue-intro", { count: reports.length }),
    ...(lines.length ? lines : [t("hardship-queue-empty")]),
  ];
  return { text: text.join("\n"), keyboard };
}

/** One report as an officer sees it, with the steps it may take from where it stands. */
export function reportDetailView(
  t: T,
  report: HardshipReport,
  details: { member: string; view: QueueView },
): { text: string; keyboard: InlineKeyboard } {
  const reference = String(report._id);
  const text = t("hardship-detail", {
    reference,
    household: report.householdCode,
    member: escapeHtml(details.member),
    reason: t(`hardship-reason-${report.reason}`),
    when: t(`hardship-when-${report.when}`),
    loan: report.loanNumber ?? t("hardship-loan-all"),
    text: report.text ? escapeHtml(report.text) : "—",
    status: t(`hardship-status-${details.view.status}`),
    head: t(
      details.view.headTimedOut
        ? "hardship-head-timed-out"
        : report.headConfirmed
          ? "hardship-head-ok"
          : "hardship-head-none",
    ),
  });
  const extra = [
    ...(report.filedByHead ? [t("hardship-detail-by-head")] : []),
    ...(report.headNote ? [t("hardship-detail-head-note", { note: escapeHtml(report.headNote) })] : []),
    ...(report.photos ? [t("hardship-confirm-photos", { count: report.photos })] : []),
  ];
  const photos = extra.map((line) => `\n${line}`).join("");
  const keyboard = new InlineKeyboard();
  for (const status of officerSteps(details.view.status)) {
    if (status === "decided") {
      for (const decision of HARDSHIP_DECISIONS) {
        keyboard.text(t(`hardship-decision-${decision}`), decideReport.encode({ decision, reference })).row();
      }
    } else if (status === "checking" || status === "needs-form" || status === "sent-to-office") {
      keyboard.text(t(`hardship-move-${status}`), moveReport.encode({ status, reference })).row();
    }
  }
  return { text: text + photos, keyboard };
}
