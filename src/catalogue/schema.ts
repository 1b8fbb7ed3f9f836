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
 * A temporary rate cut limited in dates and places (Decision 2654/QĐ-TTg: −2 %/year, 1 Oct–31 Dec
 * 2025, 22 provinces). The bank's files carry no province, so it applies to the offices and communes
 * listed by code; `provinces` is what the decision names, for people to read.
 */
const reliefSchema = z.object({
  id: z.string().min(1),
  basis: z.string().min(1),
  from: localDateSchema,
  to: localDateSchema,
  reductionPpm: z.number().int().positive(),
  provinces: z.array(z.string()),
  offices: z.array(z.string()),
  communes: z.array(z.string()),
  text,
  source: z.string().min(1),
  checkedOn: localDateSchema,
});

export type Relief = z.infer<typeof reliefSchema>;

/** The income line of poverty per person a month, dated (it changes on 1 Jan 2027). */
const povertyLineSchema = z.object({
  from: localDateSchema,
  to: localDateSchema.optional(),
  ruralDong: z.number().int().positive(),
  urbanDong: z.number().int().positive(),
  basis: z.string().min(1),
  source: z.string().min(1),
  checkedOn: localDateSchema,
});

export type PovertyLine = z.infer<typeof povertyLineSchema>;

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

export const holidaysSchema = z.object({
  asOf: localDateSchema,
  /** The last day the list is known complete; admins are warned 90 days before it. */
  coversUntil: localDateSchema,
  /** Where a transaction day in a closure or on a weekend goes (docs/reminders.md). */
  transactionDayRule: z
    .object({ onClosure: z.enum(["after", "before"]), onWeekend: z.enum(["keep", "after", "before"]) })
    .default({ onClosure: "after", onWeekend: "keep" }),
  source: z.string().min(1),
  closures: closuresSchema,
});

export type Catalogue = z.infer<typeof catalogueSchema>;
export type Programme = z.infer<typeof programmeSchema>;
export type Holidays = z.infer<typeof holidaysSchema>;
