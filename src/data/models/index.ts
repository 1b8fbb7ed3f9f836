export { AuditLogModel } from "./auditLog.js";
export { BorrowerAccountModel, TelegramAccountModel } from "./borrowerAccount.js";
export { BroadcastModel } from "./broadcast.js";
export {
  ChannelFailureModel,
  ChannelStatusModel,
  ChannelTokenModel,
  ContactOptOutModel,
  DeliveryReceiptModel,
} from "./channels.js";
export { ClosureModel } from "./closure.js";
export { CommuneModel } from "./commune.js";
export {
  DeliveryAttemptModel,
  DeliveryBatchItemsModel,
  DeliveryBatchModel,
  DeliveryModel,
  DeliveryOutcomeModel,
  PlanRunModel,
  UnreachableChatModel,
} from "./delivery.js";
export { GroupModel } from "./group.js";
export { HouseholdModel } from "./household.js";
export { ImportBatchModel } from "./importBatch.js";
export { LinkAttemptSlotModel, LinkLockoutModel } from "./linkAttempt.js";
export { LoanModel } from "./loan.js";
export { LockModel } from "./lock.js";
export { OfficerModel } from "./officer.js";
export { OverdueSnapshotModel } from "./overdueSnapshot.js";
export { RetentionRunModel } from "./retentionRun.js";
export { SessionModel } from "./session.js";
export { MigrationModel, TransactionPointModel } from "./transactionPoint.js";
