export { AuditLogModel } from "./auditLog.js";
export { BorrowerAccountModel } from "./borrowerAccount.js";
export { CommuneModel } from "./commune.js";
export { GroupModel, ORGANISATIONS } from "./group.js";
export { HouseholdModel } from "./household.js";
export { ImportBatchModel } from "./importBatch.js";
export { LoanModel } from "./loan.js";
export { LockModel } from "./lock.js";
