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
  "reintegration",
] as const;

/** Structured conditions that the eligibility guide evaluates; `who` is the human wording. */
const eligibilitySchema = z.object({
  purposes: z.array(z.enum(PURPOSES)).min(1),
  householdStatuses: z.array(z.enum(HOUSEHOLD_STATUSES)).optional(),
  requiresDisadvantagedCommune: z.boolean().optional(),
  requiresRural: z.boolean().optional(),
  requiresFollowUp: z.array(z.string().min(1)).optional(),
});

export const programmeSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/),
  name: text,
  openToNewLoans: z.boolean(),
  who: text,
  eligibility: eligibilitySchema,
  maxAmount: z.object({ dong: z.number().int().positive().nullable(), text }),
  rate: z.object({ annualBps: z.number().int().positive().nullable(), text }),
  maxTerm: z.object({ months: z.number().int().positive().nullable(), text }),
  collateral: text,
  documents: z.array(text),
  firstStep: text,
  legalBasis: z.string().min(1),
  /** Fields whose figures could not be verified: shown with a caveat, or not at all. */
  unconfirmed: z.array(z.enum(["maxAmount", "rate", "maxTerm", "collateral", "eligibility"])).default([]),
});

export const catalogueSchema = z
  .object({
    version: z.number().int().positive(),
    asOf: localDateSchema,
    sources: z.array(z.string().min(1)).min(1),
    note: text,
    programmes: z.array(programmeSchema).min(1),
  })
  .superRefine((catalogue, ctx) => {
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

export const holidaysSchema = z.object({
  asOf: localDateSchema,
  source: z.string().min(1),
  closures: z
    .array(z.object({ from: localDateSchema, to: localDateSchema, name: z.string().min(1) }))
    .refine((list) => list.every((c) => c.from <= c.to), "a closure ends before it starts"),
});

export type Catalogue = z.infer<typeof catalogueSchema>;
export type Programme = z.infer<typeof programmeSchema>;
export type Holidays = z.infer<typeof holidaysSchema>;
