import { createHash } from "node:crypto";
import { protectNationalId } from "../domain/nationalId.js";
import type { ImportRow } from "./rowSchema.js";

/** A stable fingerprint of the imported fields: equal fingerprints mean an update would change nothing. */
export function fingerprint(fields: object): string {
  return createHash("sha1").update(JSON.stringify(fields)).digest("base64url");
}

export function communeFields(r: ImportRow) {
  return {
    name: r.communeName,
    officeCode: r.officeCode,
    officeName: r.officeName,
    transactionPoint: { place: r.transactionPlace, day: r.transactionDay, hours: r.transactionHours },
  };
}

/** Head and deputy are not columns of their own: they come from the members' roles. */
export function groupFields(r: ImportRow) {
  return {
    name: r.groupName,
    village: r.village,
    communeCode: r.communeCode,
    officeCode: r.officeCode,
    organisation: r.organisation,
  };
}

export function householdFields(r: ImportRow, idHashSecret: string) {
  const id = r.nationalId ? protectNationalId(r.nationalId, idHashSecret) : null;
  return {
    fullName: r.fullName,
    phones: r.phones,
    phoneShareable: r.phoneShareable,
    nationalIdHash: id?.hash ?? null,
    nationalIdLast4: id?.last4 ?? null,
    groupCode: r.groupCode,
    communeCode: r.communeCode,
    officeCode: r.officeCode,
    groupRole: r.groupRole,
    savingsBalance: r.savingsBalance,
  };
}

export function loanFields(r: ImportRow) {
  return {
    householdCode: r.customerCode,
    groupCode: r.groupCode,
    communeCode: r.communeCode,
    officeCode: r.officeCode,
    programmeCode: r.programmeCode,
    disbursedAmount: r.disbursedAmount,
    disbursedOn: r.disbursedOn,
    maturityOn: r.maturityOn,
    annualRatePpm: r.annualRatePpm,
    outstandingPrincipal: r.outstandingPrincipal,
    overduePrincipal: r.overduePrincipal,
    overdueSince: r.overduePrincipal > 0 ? r.overdueSince : null,
    frozenAmount: r.frozenAmount,
    unpaidInterest: r.unpaidInterest,
    interestDueNext: r.interestDueNext,
    nextInstallment:
      r.nextInstallmentOn !== null && r.nextInstallmentAmount !== null
        ? { dueOn: r.nextInstallmentOn, amount: r.nextInstallmentAmount }
        : null,
    status: "open" as const,
    closedAt: null,
  };
}
