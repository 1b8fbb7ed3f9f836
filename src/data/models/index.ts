import { AuditLogModel } from "./auditLog.js";
import { BookDigestModel as BookDigestModelUnbound } from "./bookDigest.js";
import {
  BorrowerAccountModel as BorrowerAccountModelUnbound,
  TelegramAccountModel as TelegramAccountModelUnbound,
} from "./borrowerAccount.js";
import { branchBound } from "./bound.js";
import { BroadcastModel as BroadcastModelUnbound } from "./broadcast.js";
import {
  ChannelFailureModel as ChannelFailureModelUnbound,
  ChannelStatusModel as ChannelStatusModelUnbound,
  ChannelTokenModel as ChannelTokenModelUnbound,
  ContactOptOutModel as ContactOptOutModelUnbound,
  DeliveryReceiptModel as DeliveryReceiptModelUnbound,
} from "./channels.js";
import { ClosureModel } from "./closure.js";
import { CommuneModel as CommuneModelUnbound } from "./commune.js";
import { DashboardSessionModel as DashboardSessionModelUnbound } from "./dashboardSession.js";
import {
  DeliveryAttemptModel as DeliveryAttemptModelUnbound,
  DeliveryBatchItemsModel as DeliveryBatchItemsModelUnbound,
  DeliveryBatchModel as DeliveryBatchModelUnbound,
  DeliveryModel as DeliveryModelUnbound,
  DeliveryOutcomeModel as DeliveryOutcomeModelUnbound,
  PlanRunModel as PlanRunModelUnbound,
  UnreachableChatModel as UnreachableChatModelUnbound,
} from "./delivery.js";
import { DisasterEventModel as DisasterEventModelUnbound } from "./disasterEvent.js";
import {
  ExperimentAssignmentModel as ExperimentAssignmentModelUnbound,
  ExperimentModel as ExperimentModelUnbound,
} from "./experiment.js";
import { GroupModel as GroupModelUnbound } from "./group.js";
import {
  HardshipListModel as HardshipListModelUnbound,
  HardshipPhotoModel as HardshipPhotoModelUnbound,
  HardshipReportModel as HardshipReportModelUnbound,
} from "./hardshipReport.js";
import { HouseholdModel as HouseholdModelUnbound } from "./household.js";
import { ImportBatchModel as ImportBatchModelUnbound } from "./importBatch.js";
import {
  LinkAttemptSlotModel as LinkAttemptSlotModelUnbound,
  LinkLockoutModel as LinkLockoutModelUnbound,
} from "./linkAttempt.js";
import { LoanModel as LoanModelUnbound } from "./loan.js";
import { LockModel as LockModelUnbound } from "./lock.js";
import { OfficerModel as OfficerModelUnbound } from "./officer.js";
import { OverdueSnapshotModel as OverdueSnapshotModelUnbound } from "./overdueSnapshot.js";
import {
  PlanningGroupModel as PlanningGroupModelUnbound,
  PlanningIndexModel as PlanningIndexModelUnbound,
} from "./planningIndex.js";
import { ProcessModel } from "./process.js";
import {
  ConfirmationOfficeModel as ConfirmationOfficeModelUnbound,
  PaymentConfirmationModel as PaymentConfirmationModelUnbound,
  RecordedFiguresModel as RecordedFiguresModelUnbound,
} from "./recordedFigures.js";
import { RetentionRunModel as RetentionRunModelUnbound } from "./retentionRun.js";
import { SessionModel as SessionModelUnbound } from "./session.js";
import {
  MigrationModel as MigrationModelUnbound,
  TransactionPointModel as TransactionPointModelUnbound,
} from "./transactionPoint.js";
import {
  ParkedUpdateModel as ParkedUpdateModelUnbound,
  UpdateClaimModel as UpdateClaimModelUnbound,
  UpdateLeaseModel as UpdateLeaseModelUnbound,
} from "./updateClaim.js";

/**
 * Every model of the data layer. A branch's records live in its own database (data/branchContext), so
 * each model is bound to the current branch; the audit log and the closures added by command are the
 * whole deployment's and live in the home database, with the branch written into each audit entry,
 * and so do the heartbeats of the processes and the Zalo OA tokens (an OA several branches share has
 * one refresh token, which each refresh replaces).
 */
export { AuditLogModel, ClosureModel, ProcessModel };
export const ChannelTokenModel = ChannelTokenModelUnbound;
/** Where a single-branch deployment kept its Zalo tokens before they were keyed by app. */
export const LegacyChannelTokenModel = branchBound(ChannelTokenModelUnbound);
export const BorrowerAccountModel = branchBound(BorrowerAccountModelUnbound);
export const TelegramAccountModel = branchBound(TelegramAccountModelUnbound);
export const BookDigestModel = branchBound(BookDigestModelUnbound);
export const BroadcastModel = branchBound(BroadcastModelUnbound);
export const ChannelFailureModel = branchBound(ChannelFailureModelUnbound);
export const ChannelStatusModel = branchBound(ChannelStatusModelUnbound);
export const ContactOptOutModel = branchBound(ContactOptOutModelUnbound);
export const DeliveryReceiptModel = branchBound(DeliveryReceiptModelUnbound);
export const CommuneModel = branchBound(CommuneModelUnbound);
export const DashboardSessionModel = branchBound(DashboardSessionModelUnbound);
export const DeliveryAttemptModel = branchBound(DeliveryAttemptModelUnbound);
export const DeliveryBatchItemsModel = branchBound(DeliveryBatchItemsModelUnbound);
export const DeliveryBatchModel = branchBound(DeliveryBatchModelUnbound);
export const DeliveryModel = branchBound(DeliveryModelUnbound);
export const DeliveryOutcomeModel = branchBound(DeliveryOutcomeModelUnbound);
export const PlanRunModel = branchBound(PlanRunModelUnbound);
export const PlanningGroupModel = branchBound(PlanningGroupModelUnbound);
export const PlanningIndexModel = branchBound(PlanningIndexModelUnbound);
export const UnreachableChatModel = branchBound(UnreachableChatModelUnbound);
export const DisasterEventModel = branchBound(DisasterEventModelUnbound);
export const GroupModel = branchBound(GroupModelUnbound);
export const HardshipListModel = branchBound(HardshipListModelUnbound);
export const HardshipReportModel = branchBound(HardshipReportModelUnbound);
export const HardshipPhotoModel = branchBound(HardshipPhotoModelUnbound);
export const HouseholdModel = branchBound(HouseholdModelUnbound);
export const ImportBatchModel = branchBound(ImportBatchModelUnbound);
export const LinkAttemptSlotModel = branchBound(LinkAttemptSlotModelUnbound);
export const LinkLockoutModel = branchBound(LinkLockoutModelUnbound);
export const LoanModel = branchBound(LoanModelUnbound);
export const LockModel = branchBound(LockModelUnbound);
export const OfficerModel = branchBound(OfficerModelUnbound);
export const OverdueSnapshotModel = branchBound(OverdueSnapshotModelUnbound);
export const RecordedFiguresModel = branchBound(RecordedFiguresModelUnbound);
export const ConfirmationOfficeModel = branchBound(ConfirmationOfficeModelUnbound);
export const PaymentConfirmationModel = branchBound(PaymentConfirmationModelUnbound);
export const ExperimentModel = branchBound(ExperimentModelUnbound);
export const ExperimentAssignmentModel = branchBound(ExperimentAssignmentModelUnbound);
export const RetentionRunModel = branchBound(RetentionRunModelUnbound);
export const SessionModel = branchBound(SessionModelUnbound);
export const MigrationModel = branchBound(MigrationModelUnbound);
export const TransactionPointModel = branchBound(TransactionPointModelUnbound);
export const UpdateClaimModel = branchBound(UpdateClaimModelUnbound);
export const ParkedUpdateModel = branchBound(ParkedUpdateModelUnbound);
export const UpdateLeaseModel = branchBound(UpdateLeaseModelUnbound);

/** The models of the home database alone (a deployment of several branches keeps only these there). */
export const homeModels = [AuditLogModel, ClosureModel, ProcessModel, ChannelTokenModel];
