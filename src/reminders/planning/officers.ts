import { activeOfficers } from "../../data/staff.js";
import { formatDateVi, type LocalDate } from "../../domain/dates.js";
import type { CommuneOverdue } from "../../domain/groupLists.js";
import { HOLIDAY_NOTICE_DAYS, holidayDataRunsShort } from "../../domain/transactionDay.js";
import { isLocale, type Locale } from "../../i18n.js";
import { officerSummaryTexts } from "../messages.js";
import type { CommuneInfo, PlaceFigures } from "./book.js";
import { ABOUT_NOBODY, type DayPlan } from "./dayPlan.js";
import { noFigures, placeFiguresOf } from "./placeFigures.js";

/**
 * The weekly summary per commune to officers in scope (and admins, for all communes); an officer
 * scoped to transaction points gets it per point, for their points.
 */
export async function planOfficerSummaries(day: DayPlan, adminIds: readonly number[]): Promise<void> {
  const figures =
    day.book.placeFigures ??
    placeFiguresOf(day.book.households, day.book.groups, (code: string) => day.linkStatus(code));
  const summaries = communeSummaries(day.book.communes, figures);
  const byPoint = pointSummaries(day, figures);
  const recipients = new Map<number, { locale: Locale; communes: CommuneOverdue[] }>();
  for (const id of adminIds) recipients.set(id, { locale: "vi", communes: summaries });
  for (const officer of await activeOfficers()) {
    if (recipients.has(officer.telegramUserId)) continue;
    const codes = new Set(officer.scope?.codes ?? []);
    const kind = officer.scope?.kind;
    const inScope =
      kind === "points"
        ? byPoint.filter((s) => codes.has(s.communeCode))
        : summaries.filter(
            (s) =>
              kind === "all" ||
              (kind === "communes" && codes.has(s.communeCode)) ||
              (kind === "offices" && codes.has(s.officeCode)),
          );
    if (inScope.length === 0) continue;
    const locale = isLocale(officer.language) ? officer.language : "vi";
    recipients.set(officer.telegramUserId, { locale, communes: inScope });
  }
  for (const [chatId, r] of recipients) {
    if (day.book.unreachable.has(chatId)) {
      day.skipped.unreachable++;
      continue;
    }
    officerSummaryTexts(day.t(r.locale), day.today, r.communes).forEach((text, i) => {
      day.add(chatId, "officer-summary", `week/p${i + 1}`, day.today, text, ABOUT_NOBODY, r.locale);
    });
  }
}

/**
 * Admins are told, every day from 90 days before the holiday data runs out and every day after it
 * has, until the data is extended (one message a day: the day is in its key).
 */
export function planHolidayNotice(day: DayPlan, adminIds: readonly number[], coverUntil: LocalDate): void {
  if (!holidayDataRunsShort(day.today, coverUntil)) return;
  const key = day.today > coverUntil ? "holidays-ran-out" : "holidays-running-out";
  const text = day.t("vi")(key, { date: formatDateVi(coverUntil), days: HOLIDAY_NOTICE_DAYS });
  for (const chatId of adminIds) {
    if (day.book.unreachable.has(chatId)) continue;
    day.add(chatId, "officer-summary", `holidays/${coverUntil}`, day.today, text, ABOUT_NOBODY, "vi");
  }
}

/** Summaries per point (in the commune summary's shape: `communeCode` is the point's code). */
function pointSummaries(day: DayPlan, figures: PlaceFigures): CommuneOverdue[] {
  return [...day.book.points]
    .map(([code, p]) => ({
      communeCode: code,
      communeName: `${p.name} (${day.book.communes.get(p.communeCode)?.name ?? p.communeCode})`,
      ...(figures.byPoint.get(code) ?? noFigures()),
    }))
    .sort((a, b) => a.communeName.localeCompare(b.communeName, "vi"));
}

function communeSummaries(
  communes: ReadonlyMap<string, CommuneInfo>,
  figures: PlaceFigures,
): (CommuneOverdue & { officeCode: string })[] {
  return [...communes]
    .map(([code, c]) => ({
      communeCode: code,
      communeName: c.name,
      officeCode: c.officeCode,
      ...(figures.byCommune.get(code) ?? noFigures()),
    }))
    .sort((a, b) => a.communeName.localeCompare(b.communeName, "vi"));
}
