import { groupReminderOutcomes } from "../../data/dashboard.js";
import { addDays, formatDateVi, type LocalDate } from "../../domain/dates.js";
import { collectionRows, groupShortName, overdueRows } from "../../domain/groupLists.js";
import { formatVnd } from "../../domain/money.js";
import { type HeadedGroup, loadGroupRoster } from "../../features/groupHead/roster.js";

/** How far back a session's reminders were planned (the earliest reminder window before a session). */
const REMINDERS_BEFORE_SESSION_DAYS = 10;

export interface HeadMemberRow {
  name: string;
  due: string;
  dueAmount: number;
  overdue: string | null;
  /** Nothing left to bring at the session, by the bank's latest import. */
  settled: boolean;
  link: string;
  reached: { channel: string; outcome: string } | null;
  openReport: boolean;
}

export interface HeadPage {
  group: string;
  session: string | null;
  place: string | null;
  interestSuspended: boolean;
  total: string;
  members: HeadMemberRow[];
}

/** The best a member's session reminders came to: sent over anything else, the latest first. */
function reachOf(outcomes: readonly { channel: string; outcome: string; planDate: LocalDate }[]) {
  const ordered = [...outcomes].sort((a, b) => (a.planDate < b.planDate ? 1 : -1));
  const best = ordered.find((o) => o.outcome === "sent") ?? ordered[0];
  return best ? { channel: best.channel, outcome: best.outcome } : null;
}

/**
 * A head's own group before its next session, as the head's /collection list has it: what each
 * member brings, what is overdue, how the bot reached them for this session, and open reports (marked,
 * never shown). The group is the one the head heads now (read on this request), never a parameter.
 */
export async function headPage(head: HeadedGroup, today: LocalDate): Promise<HeadPage | null> {
  const roster = await loadGroupRoster(head.groupCode, today);
  if (!roster) return null;
  const session = roster.nextSession;
  const due = new Map(
    session ? collectionRows(roster.members, session, roster.suspended !== null).map((r) => [r.code, r]) : [],
  );
  const overdue = new Map(overdueRows(roster.members, today).map((r) => [r.code, r]));
  const outcomes = session
    ? await groupReminderOutcomes(head.groupCode, addDays(session, -REMINDERS_BEFORE_SESSION_DAYS), session)
    : [];
  let total = 0;
  const members = roster.members.map((m): HeadMemberRow => {
    const row = due.get(m.code);
    const amount = row ? row.interest + row.principal : 0;
    total += amount;
    const late = overdue.get(m.code);
    return {
      name: m.name,
      due: formatVnd(amount),
      dueAmount: amount,
      overdue: late ? formatVnd(late.amount) : null,
      settled: amount === 0 && !late,
      link: m.linkStatus,
      reached: reachOf(outcomes.filter((o) => o.householdCode === m.code)),
      openReport: m.openReport === true,
    };
  });
  return {
    group: groupShortName(roster.groupName),
    session: session ? formatDateVi(session) : null,
    place: roster.point?.place ?? null,
    interestSuspended: roster.suspended !== null,
    total: formatVnd(total),
    members: members.sort((a, b) => b.dueAmount - a.dueAmount || a.name.localeCompare(b.name, "vi")),
  };
}
