import { indexedGroupMembers } from "../../data/planningIndex.js";
import { addDays, formatDateVi, type LocalDate } from "../../domain/dates.js";
import { collectionRows, groupShortName, overdueRows } from "../../domain/groupLists.js";
import { formatVnd } from "../../domain/money.js";
import { bookMembersOf, type HeadedGroup, loadGroupRoster, type MemberLoans } from "../../features/groupHead/roster.js";
import { type DeliveryTally, type Reached, TALLY_DAYS } from "../cache.js";

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

/** The best a member's reminders came to since `since`: sent over anything else, then the latest. */
function reachOf(recipients: readonly (Reached | undefined)[], since: LocalDate) {
  const found = recipients.filter((r): r is Reached => r !== undefined && r.planDate >= since);
  const best = found.find((r) => r.outcome === "sent") ?? found.sort((a, b) => (a.planDate < b.planDate ? 1 : -1))[0];
  return best ? { channel: best.channel, outcome: best.outcome } : null;
}

/**
 * The group's members from the planning index (one read by `_id`) when the book is whole (`fromIndex`),
 * else from the book itself: the same households and open loans (data/planningIndex.ts).
 */
const membersReader =
  (fromIndex: boolean) =>
  async (groupCode: string): Promise<MemberLoans> => {
    const indexed = fromIndex ? await indexedGroupMembers(groupCode) : null;
    return indexed ? indexed.map(({ code, name, loans }) => ({ code, name, loans })) : bookMembersOf(groupCode);
  };

/**
 * A head's own group before its next session, as the head's /collection list has it: what each
 * member brings, what is overdue, how the bot reached them for this session, and open reports (marked,
 * never shown). The group is the one the head heads now (read on this request), never a parameter.
 */
export async function headPage(
  head: HeadedGroup,
  today: LocalDate,
  tally: DeliveryTally,
  bookWhole: boolean,
): Promise<HeadPage | null> {
  const roster = await loadGroupRoster(head.groupCode, today, undefined, membersReader(bookWhole));
  if (!roster) return null;
  const session = roster.nextSession;
  const due = new Map(
    session ? collectionRows(roster.members, session, roster.suspended !== null).map((r) => [r.code, r]) : [],
  );
  const overdue = new Map(overdueRows(roster.members, today).map((r) => [r.code, r]));
  const reached = tally.byGroup.get(head.groupCode) ?? new Map<string, Reached>();
  const since = addDays(today, -(TALLY_DAYS - 1));
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
      reached: reachOf(
        [reached.get(`hh:${m.code}`), ...(roster.chatsOf.get(m.code) ?? []).map((c) => reached.get(`tg:${c}`))],
        since,
      ),
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
