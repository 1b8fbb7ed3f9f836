import type { I18n } from "@grammyjs/i18n";
import { inForce, reliefsOfPlace, suspensionOn } from "../../catalogue/rates.js";
import type { Relief } from "../../catalogue/schema.js";
import type { NewDelivery } from "../../data/outbox.js";
import {
  type CarriesKind,
  type Channel,
  chooseChannel,
  type PhoneChannel,
  phoneChannelFor,
} from "../../domain/channels.js";
import type { LocalDate } from "../../domain/dates.js";
import { type DeliveryKind, deliveryExpiresOn, deliveryKey } from "../../domain/delivery.js";
import { type DisasterEvent, disasterCovers, inForceOn, resumesOn } from "../../domain/disaster.js";
import { type LinkStatus, linkStatusOf, type RosterMember } from "../../domain/groupLists.js";
import { smsSegments } from "../../domain/sms.js";
import { type Locale, type Translate, translatorFor } from "../../i18n.js";
import type { Account, Book, GroupInfo, HouseholdInfo, PointInfo } from "./book.js";
import { ExperimentDay } from "./experiments.js";

export type About = { householdCode: string | null; groupCode: string | null; communeCode: string | null };
export const ABOUT_NOBODY: About = { householdCode: null, groupCode: null, communeCode: null };

/** The day's deliveries as they are rendered, and who was left out and why. */
export class DayPlan {
  readonly deliveries: NewDelivery[] = [];
  /**
   * suspended: interest reminders not sent because interest collection is suspended (a relief);
   * held: interest and overdue reminders held by a disaster event over the household's area.
   */
  readonly skipped = { muted: 0, unreachable: 0, optedOut: 0, suspended: 0, held: 0, experiment: 0 };
  /** The wording experiments running today (issue 28). */
  experiments: ExperimentDay = ExperimentDay.none();
  /** Households with an open hardship report, in the groups of areas under a disaster event today. */
  readonly openReports = new Set<string>();
  /** Reminders that went by a later phone channel than the household's first (no Zalo template for the kind). */
  readonly fallbacks: Partial<Record<PhoneChannel, number>> = {};
  private readonly translators: Map<Locale, Translate>;

  constructor(
    readonly today: LocalDate,
    readonly book: Book,
    i18n: I18n,
    readonly phoneChannels: readonly PhoneChannel[],
    readonly carries: CarriesKind = () => true,
    /** The bank's Zalo templates show the customer code (otherwise it is not sent to Zalo). */
    readonly znsCustomerCode = false,
    /** Temporary reliefs of the catalogue (a suspension of interest collection stops interest reminders). */
    readonly reliefs: readonly Relief[] = [],
    /** Declared disaster events in force today or ending yesterday (disasterEventsFor). */
    readonly disasters: readonly DisasterEvent[] = [],
  ) {
    this.translators = new Map((["vi", "en"] as const).map((locale) => [locale, translatorFor(i18n, locale)] as const));
  }

  t(locale: Locale): Translate {
    return this.translators.get(locale) as Translate;
  }

  /** The transaction point a group keeps (its day, place and hours), or null when none is on file. */
  pointOfGroup(groupCode: string): PointInfo | null {
    const group = this.book.groups.get(groupCode);
    return (group && this.book.points.get(group.pointCode)) ?? null;
  }

  /** The reliefs in force on `date` over a group's place (or a household's in it). */
  reliefsOn(groupCode: string, date: LocalDate, household?: HouseholdInfo): Relief[] {
    if (this.reliefs.length === 0) return [];
    const group = this.book.groups.get(groupCode);
    const point = group ? this.book.points.get(group.pointCode) : undefined;
    const place = {
      officeCode: household?.officeCode ?? point?.officeCode ?? "",
      communeCode: household?.communeCode ?? group?.communeCode ?? "",
      pointCode: group?.pointCode ?? null,
    };
    return inForce(reliefsOfPlace({ reliefs: this.reliefs }, place), date);
  }

  /** The suspension of interest collection over a group's place on `date`, if any. */
  suspensionFor(groupCode: string, date: LocalDate, household?: HouseholdInfo): Relief | null {
    return suspensionOn(this.reliefsOn(groupCode, date, household), date);
  }

  /** The disaster event in force today over a household's place, if any. */
  disasterOn(household: { groupCode: string; communeCode: string }): DisasterEvent | null {
    const place = this.disasterPlaceOf(household);
    return this.disasters.find((e) => inForceOn(e, this.today) && disasterCovers(e, place)) ?? null;
  }

  /** The disaster events over a household's place that ended yesterday (their reminders resume today). */
  resumingFor(household: { groupCode: string; communeCode: string }): DisasterEvent[] {
    const place = this.disasterPlaceOf(household);
    return this.disasters.filter((e) => resumesOn(e) === this.today && disasterCovers(e, place));
  }

  /** Where a household is, as a disaster's area is given: its commune and its group's point. */
  private disasterPlaceOf(household: { groupCode: string; communeCode: string }) {
    return {
      communeCode: household.communeCode,
      pointCode: this.book.groups.get(household.groupCode)?.pointCode ?? null,
    };
  }

  /** A group's members as the group-head lists show them. */
  rosterOf(group: GroupInfo): RosterMember[] {
    return group.members.map((code) => {
      const h = this.book.households.get(code) as HouseholdInfo;
      const member = { code, name: h.name, linkStatus: this.linkStatus(code), loans: h.loans };
      return this.openReports.has(code) ? { ...member, openReport: true } : member;
    });
  }

  linkStatus(code: string): LinkStatus {
    return linkStatusOf(this.book.accounts.get(code)?.chats ?? [], this.book.unreachable);
  }

  /**
   * The channel a household is reached by (Telegram first; chooseChannel), with its reachable chats;
   * counts the chats Telegram refused and the households that opted out of SMS and Zalo.
   */
  channelFor(
    code: string,
    count = true,
    enabled: readonly PhoneChannel[] = this.phoneChannels,
  ): { channel: Channel | null; chats: number[] } {
    const account = this.book.accounts.get(code);
    const chats = !account
      ? []
      : count
        ? this.reachableChats(account)
        : account.chats.filter((c) => !this.book.unreachable.has(c));
    const household = this.book.households.get(code);
    const optedOut = this.book.optedOut.has(code);
    const channel = chooseChannel(
      {
        reachableChats: chats.length,
        phone: household?.phone ?? null,
        optedOut,
        failed: this.book.channelFailures.get(code) ?? new Set(),
      },
      enabled,
    );
    if (count && channel === null && optedOut && chats.length === 0 && this.phoneChannels.length > 0) {
      this.skipped.optedOut++;
    }
    return { channel, chats };
  }

  /**
   * The phone channel for one reminder of a household whose channel is `first`: `first` when it can
   * carry the kind, else the next in the bank's order (counted as a fallback), else none.
   */
  phoneChannelFor(code: string, first: PhoneChannel, kind: string): PhoneChannel | null {
    const household = this.book.households.get(code);
    const channel = phoneChannelFor(
      {
        reachableChats: 0,
        phone: household?.phone ?? null,
        optedOut: this.book.optedOut.has(code),
        failed: this.book.channelFailures.get(code) ?? new Set(),
      },
      this.phoneChannels,
      kind,
      this.carries,
    );
    if (channel !== first) this.fallbacks[first] = (this.fallbacks[first] ?? 0) + 1;
    return channel;
  }

  /** One message to a household's phone, by SMS (its text) or Zalo (its template's parameters). */
  addByPhone(
    channel: PhoneChannel,
    code: string,
    message: { kind: DeliveryKind; subject: string; eventDate: LocalDate; text: string },
    templateData: Record<string, string> | null,
  ): void {
    const household = this.book.households.get(code) as HouseholdInfo;
    this.deliveries.push({
      _id: deliveryKey(`hh:${code}`, message),
      kind: message.kind,
      eventDate: message.eventDate,
      expiresOn: deliveryExpiresOn(message.kind, message.eventDate, this.today),
      chatId: null,
      channel,
      address: household.phone,
      text: message.text,
      templateData,
      segments: channel === "sms" ? smsSegments(message.text) : 1,
      language: "vi",
      householdCode: code,
      groupCode: household.groupCode,
      communeCode: household.communeCode,
    });
  }

  /** The chats of a household that Telegram still reaches; counts the ones it does not. */
  reachableChats(account: Account): number[] {
    const chats = account.chats.filter((c) => !this.book.unreachable.has(c));
    this.skipped.unreachable += account.chats.length - chats.length;
    return chats;
  }

  add(
    chatId: number,
    kind: DeliveryKind,
    subject: string,
    eventDate: LocalDate,
    text: string,
    about: About,
    language: Locale,
  ): void {
    this.deliveries.push({
      _id: deliveryKey(`tg:${chatId}`, { kind, subject, eventDate }),
      kind,
      eventDate,
      expiresOn: deliveryExpiresOn(kind, eventDate, this.today),
      chatId,
      text,
      language,
      ...about,
    });
  }
}
