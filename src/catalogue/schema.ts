import { z } from "zod";
import { isLocalDate } from "../domain/dates.js";

const localDateSchema = z.string().refine(isLocalDate, "expected a date YYYY-MM-DD");
const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });

export const HOUSEHOLD_STATUSES = ["poor", "near-poor", "left-poverty", "average", "other"] as const;
export const PURPOSES = [
  "production",
  "study",
  "job-creation",
  "water-sanitation",
  "housing",
  "overseas-work",
] as const;

/** Structured conditions that the eligibility guide evaluates; `who` is the human wording. */
const eligibilitySchema = z.object({
  purposes: z.array(z.enum(PURPOSES)).min(1),
  householdStatuses: z.array(z.enum(HOUSEHOLD_STATUSES)).optional(),
  requiresDisadvantagedCommune: z.boolean().optional(),
  requiresRural: z.boolean().optional(),
  /** Follow-up questions that must be answered yes. */
  requiresFollowUp: z.array(z.string().min(1)).optional(),
  /** Follow-up questions a yes to which rules the programme out (another VBSP production loan). */
  excludedByFollowUp: z.array(z.string().min(1)).optional(),
  /** A follow-up whose yes stands in for the household status (orphaned or hard-hit students). */
  statusOrFollowUp: z.string().min(1).optional(),
});

/**
 * One rule of a programme's rate, in force from `from` (and until `to`, when a later rule or the end
 * of a temporary measure is known): a fixed rate, or a share of another programme's rate on the
 * same day, as decisions define them ("120 % of the poor-household rate"), so that one decision
 * changes every dependent programme at once. Every rule names its legal basis, its source and when
 * that source was checked.
 */
const rateRuleSchema = z
  .object({
    from: localDateSchema,
    to: localDateSchema.optional(),
    ppm: z.number().int().positive().optional(),
    percentOf: z.object({ programme: z.string().min(1), percent: z.number().int().positive() }).optional(),
    basis: z.string().min(1),
    source: z.string().min(1),
    checkedOn: localDateSchema,
  })
  .refine((r) => (r.ppm === undefined) !== (r.percentOf === undefined), "a rate rule is either ppm or percentOf")
  .refine((r) => !r.to || r.from <= r.to, "a rate rule ends before it starts");

export type RateRule = z.infer<typeof rateRuleSchema>;

export const programmeSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/),
  name: text,
  openToNewLoans: z.boolean(),
  who: text,
  eligibility: eligibilitySchema,
  maxAmount: z.object({ dong: z.number().int().positive().nullable(), text }),
  rate: z.object({ schedule: z.array(rateRuleSchema), note: text.optional() }),
  maxTerm: z.object({ months: z.number().int().positive().nullable(), text }),
  collateral: text,
  documents: z.array(text),
  firstStep: text,
  legalBasis: z.string().min(1),
  /** Fields whose figures could not be verified: shown with a caveat, or not at all. */
  unconfirmed: z.array(z.enum(["maxAmount", "rate", "maxTerm", "collateral", "eligibility"])).default([]),
});

/**
 * A temporary relief limited in dates and places: a rate cut (Decision 2654/QĐ-TTg: −2 %/year, 1 Oct–
 * 31 Dec 2025, 22 provinces) or a suspension of interest collection (tạm dừng thu lãi: no interest
 * is collected, and no interest reminder goes, in the period). The bank's files carry no province, so
 * it applies to the offices, communes and transaction points listed by code; `provinces` is what the
 * decision names, for people to read.
 */
export const RELIEF_KINDS = ["rate-cut", "interest-suspended"] as const;
const reliefSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(RELIEF_KINDS).default("rate-cut"),
    basis: z.string().min(1),
    from: localDateSchema,
    to: localDateSchema,
    /** The cut, for a rate cut. */
    reductionPpm: z.number().int().positive().optional(),
    provinces: z.array(z.string()),
    offices: z.array(z.string()),
    communes: z.array(z.string()),
    points: z.array(z.string()).default([]),
    text,
    source: z.string().min(1),
    checkedOn: localDateSchema,
  })
  .refine(
    (r) => (r.kind === "rate-cut") === (r.reductionPpm !== undefined),
    "a rate cut, and only it, has reductionPpm",
  )
  .refine((r) => r.from <= r.to, "a relief ends before it starts");

export type Relief = z.infer<typeof reliefSchema>;

/** The income line of poverty per person a month, dated (it changes on 1 Jan 2027). */
const povertyLineSchema = z.object({
  from: localDateSchema,
  to: localDateSchema.optional(),
  ruralDong: z.number().int().positive(),
  urbanDong: z.number().int().positive(),
  basis: z.string().min(1),
  /** The deprivation indicators that go with the income line; null where the source gives none yet. */
  indicators: text.nullable().default(null),
  source: z.string().min(1),
  checkedOn: localDateSchema,
});

export type PovertyLine = z.infer<typeof povertyLineSchema>;

/**
 * The income band of an average-living-standard household (hộ có mức sống trung bình: students of
 * such households may borrow). Null bands: no official definition for the period yet, and the bot
 * says so instead of guessing.
 */
const band = z.object({ over: z.number().int().positive(), upTo: z.number().int().positive() });
const averageLivingStandardSchema = z.object({
  from: localDateSchema,
  to: localDateSchema.optional(),
  ruralDong: band.nullable(),
  urbanDong: band.nullable(),
  basis: z.string().min(1),
  source: z.string().min(1),
  checkedOn: localDateSchema,
});
export type AverageLivingStandard = z.infer<typeof averageLivingStandardSchema>;

/**
 * What a borrower hit by a disaster or another listed cause may apply for (risk handling: extension,
 * freezing, write-off), on what basis and how; `unconfirmed` names what no source confirmed.
 */
const riskHandlingSchema = z.object({
  measures: z.array(z.object({ id: z.enum(["extension", "freezing", "write-off"]), text })).min(1),
  causes: text,
  basis: z.string().min(1),
  howToApply: text,
  unconfirmed: z.array(z.enum(["form", "deadline"])).default([]),
  source: z.string().min(1),
  checkedOn: localDateSchema,
});
export type RiskHandling = z.infer<typeof riskHandlingSchema>;

export const catalogueSchema = z
  .object({
    version: z.number().int().positive(),
    /** When the file as a whole was last reviewed (answers show each rule's own date instead). */
    checkedOn: localDateSchema,
    sources: z.array(z.string().min(1)).min(1),
    note: text,
    programmes: z.array(programmeSchema).min(1),
    reliefs: z.array(reliefSchema).default([]),
    povertyLines: z.array(povertyLineSchema).default([]),
    averageLivingStandards: z.array(averageLivingStandardSchema).default([]),
    riskHandling: riskHandlingSchema.nullable().default(null),
  })
  .superRefine((catalogue, ctx) => {
    const codes = new Set(catalogue.programmes.map((p) => p.code));
    catalogue.programmes.forEach((p, i) => {
      p.rate.schedule.forEach((rule, j) => {
        if (rule.percentOf && !codes.has(rule.percentOf.programme)) {
          ctx.addIssue({
            code: "custom",
            path: ["programmes", i, "rate", "schedule", j, "percentOf"],
            message: `unknown programme ${rule.percentOf.programme}`,
          });
        }
      });
    });
    const seen = new Set<string>();
    catalogue.programmes.forEach((p, i) => {
      if (seen.has(p.code)) {
        ctx.addIssue({
          code: "custom",
          path: ["programmes", i, "code"],
          message: `duplicate programme code ${p.code}`,
        });
      }
      seen.add(p.code);
    });
  });

export const closuresSchema = z
  .array(z.object({ from: localDateSchema, to: localDateSchema, name: z.string().min(1) }))
  .refine((list) => list.every((c) => c.from <= c.to), "a closure ends before it starts");

/**
 * How sure a day in the holiday data is: fixed by the Labour Code (Art. 112: the date itself),
 * announced by a named document (the Tết break, a day in lieu, a swapped day), or expected until
 * it is announced (where the law fixes the number of days but not where they fall).
 */
export const HOLIDAY_STATUSES = ["fixed-by-law", "announced", "expected"] as const;
const holidayStatusSchema = z.enum(HOLIDAY_STATUSES);

const fileClosureSchema = z
  .object({
    from: localDateSchema,
    to: localDateSchema,
    name: z.string().min(1),
    status: holidayStatusSchema,
    /** The article, notice or decision the days rest on (for "expected": what they are expected from). */
    basis: z.string().min(1),
  })
  .refine((c) => c.from <= c.to, "a closure ends before it starts");

/** A weekend day the government made a working day (làm bù) to give a longer break elsewhere. */
const workingDaySchema = z.object({
  date: localDateSchema,
  name: z.string().min(1),
  status: holidayStatusSchema,
  basis: z.string().min(1),
});

export const holidaysSchema = z
  .object({
    asOf: localDateSchema,
    /** The last day the list is known complete; admins are warned from 90 days before it. */
    coversUntil: localDateSchema,
    /** Where a transaction day in a closure or on a weekend goes (docs/reminders.md). */
    transactionDayRule: z
      .object({ onClosure: z.enum(["after", "before"]), onWeekend: z.enum(["keep", "after", "before"]) })
      .default({ onClosure: "after", onWeekend: "keep" }),
    source: z.string().min(1),
    closures: z.array(fileClosureSchema),
    workingDays: z.array(workingDaySchema).default([]),
  })
  .superRefine((h, ctx) => {
    h.workingDays.forEach((w, i) => {
      const day = new Date(`${w.date}T00:00:00Z`).getUTCDay();
      if (day !== 0 && day !== 6) {
        ctx.addIssue({
          code: "custom",
          path: ["workingDays", i, "date"],
          message: "a working day swapped in is a Saturday or Sunday",
        });
      }
      if (h.closures.some((c) => c.from <= w.date && w.date <= c.to)) {
        ctx.addIssue({ code: "custom", path: ["workingDays", i, "date"], message: "a working day inside a closure" });
      }
    });
  });

export type HolidayStatus = (typeof HOLIDAY_STATUSES)[number];
export type Catalogue = z.infer<typeof catalogueSchema>;
export type Programme = z.infer<typeof programmeSchema>;
export type Holidays = z.infer<typeof holidaysSchema>;
