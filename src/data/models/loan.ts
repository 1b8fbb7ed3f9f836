import { type InferSchemaType, model, Schema } from "mongoose";

/**
 * One loan (khế ước); `_id` is the loan number. Money fields are integer đồng, rates basis points a
 * year, and every date a "YYYY-MM-DD" calendar date in Asia/Ho_Chi_Minh (see domain/dates.ts).
 * Group, commune and office codes are copied from the household so that per-group and per-commune
 * queries need no join.
 */
const loanSchema = new Schema(
  {
    _id: { type: String, required: true },
    householdCode: { type: String, required: true },
    groupCode: { type: String, required: true },
    communeCode: { type: String, required: true },
    officeCode: { type: String, required: true },
    programmeCode: { type: String, required: true },
    disbursedAmount: { type: Number, required: true, min: 0 },
    disbursedOn: { type: String, required: true },
    maturityOn: { type: String, required: true },
    /** The loan's annual rate in millionths (6.24 %/year = 62,400; see domain/rates.ts). */
    annualRatePpm: { type: Number, required: true, min: 0 },
    /** The same in basis points, as imports before 1 Dec 2026 wrote it; read only (storedLoanRate). */
    annualRateBps: { type: Number, default: undefined },
    outstandingPrincipal: { type: Number, required: true, min: 0 },
    overduePrincipal: { type: Number, required: true, min: 0 },
    overdueSince: { type: String, default: null },
    frozenAmount: { type: Number, required: true, min: 0 },
    unpaidInterest: { type: Number, required: true, min: 0 },
    interestDueNext: { type: Number, required: true, min: 0 },
    nextInstallment: {
      type: new Schema(
        { dueOn: { type: String, required: true }, amount: { type: Number, required: true, min: 0 } },
        { _id: false },
      ),
      default: null,
    },
    status: { type: String, required: true, enum: ["open", "closed"], default: "open" },
    /** Set when a full snapshot no longer lists the loan; the loan itself is kept as history. */
    closedAt: { type: Date, default: null },
    importHash: { type: String, required: true },
  },
  { versionKey: false, collection: "loans" },
);
loanSchema.index({ householdCode: 1 });
loanSchema.index({ groupCode: 1, overdueSince: 1 });
loanSchema.index({ communeCode: 1, overdueSince: 1 });
loanSchema.index({ "nextInstallment.dueOn": 1 });
loanSchema.index({ officeCode: 1, status: 1 });
// Overdue loans for /stats and the weekly snapshot: few, since overdue debt is kept near zero.
loanSchema.index({ status: 1, overduePrincipal: 1 });

export type Loan = InferSchemaType<typeof loanSchema>;
export const LoanModel = model("Loan", loanSchema);

/**
 * A stored loan's annual rate in millionths. Loans imported before rates became exact hold basis
 * points instead (1 bp = 100 millionths); the next import rewrites them.
 */
export function storedLoanRate(loan: { annualRatePpm?: number | null; annualRateBps?: number | null }): number {
  return loan.annualRatePpm ?? (loan.annualRateBps ?? 0) * 100;
}
