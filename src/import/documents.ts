import { communeRecord, groupRecord, pointRecord } from "../domain/bookRecords.js";
import { protectNationalId } from "../domain/nationalId.js";
import type { ImportRow } from "./rowSchema.js";

export { fingerprint } from "../domain/bookRecords.js";

export function communeFields(r: ImportRow) {
  return communeRecord({ name: r.communeName, officeCode: r.officeCode, officeName: r.officeName });
}

/** The row's transaction point: its day, place and hours, and the office it belongs to. */
export function pointFields(r: ImportRow) {
  return pointRecord({
    name: r.pointName,
    communeCode: r.communeCode,
    formerCommune: r.formerCommune,
    place: r.transactionPlace,
    hours: r.transactionHours,
    schedule: r.transactionDay,
    closureRule: r.closureRule,
    weekendRule: r.weekendRule,
    officeCode: r.officeCode,
    officeName: r.officeName,
  });
}

/** Head and deputy are not columns of their own: they come from the members' roles. */
export function groupFields(r: ImportRow) {
  return groupRecord({
    name: r.groupName,
    village: r.village,
    communeCode: r.communeCode,
    pointCode: r.pointCode,
    officeCode: r.officeCode,
    organisation: r.organisation,
  });
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
