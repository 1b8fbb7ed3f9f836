import type { Shape } from "../../src/data/commandLog.js";

/**
 * Filters that deliberately read a whole collection (or are sent only by the tests' own assertions
 * and clean-ups), each with its reason. The index-coverage check (globalSetup) fails on any other
 * unindexed filter, and names allowances nothing used in the run.
 */
export interface Allowance {
  collection: string;
  shape: Shape;
  /** Only for these commands (any when absent). */
  commands?: readonly string[];
  reason: string;
}

const WHOLE_READS: Allowance[] = [
  ...["households", "loans", "communes", "transaction_points", "groups"].map((collection) => ({
    collection,
    shape: {},
    reason: "the importer's one streamed read of what is stored (fingerprints), and the planner's daily read",
  })),
  {
    collection: "recorded_figures",
    shape: {},
    commands: ["find"],
    reason: "payment confirmations compare every household at each import: all 256 buckets, read in one pass",
  },
  {
    collection: "experiments",
    shape: {},
    reason: "wording experiments: a handful a year, read whole by /experiment and by each day's planning",
  },
  {
    collection: "confirmation_offices",
    shape: {},
    reason:
      "payment confirmations read every office's choice at once: one document per transaction office, a few dozen",
  },
  {
    collection: "communes",
    shape: { transactionPoint: "$exists" },
    reason:
      "the transaction-points migration at every start looks for communes still holding their point: a few thousand",
  },
  {
    collection: "groups",
    shape: { pointCode: "$exists" },
    reason: "the transaction-points migration at every start looks for groups without a point: a few thousand",
  },
  {
    collection: "planning_groups",
    shape: {},
    commands: ["find"],
    reason: "the planner's weekly read of every group for the officers' summaries (other days: only the due, by _id)",
  },
  {
    collection: "planning_index",
    shape: { _id: "$ne" },
    commands: ["delete"],
    reason: "rebuilding the planner's index after an import was cut off: every date key goes, then is written again",
  },
  { collection: "borrower_accounts", shape: {}, reason: "planner, broadcast audience and /stats read every link once" },
  { collection: "unreachable_chats", shape: {}, reason: "planner, audience and /stats read every mark once" },
  {
    collection: "households",
    shape: { $and: [{}, {}] },
    reason: "a broadcast to everyone by someone whose scope is everything: the whole book by definition",
  },
  { collection: "closures", shape: {}, reason: "closures added by command: a few dozen a year, read whole" },
  { collection: "disaster_events", shape: {}, reason: "disaster events: a few a year per branch, read whole" },
  { collection: "processes", shape: {}, reason: "the bot processes' heartbeats: a handful of rows, read whole" },
  { collection: "contact_opt_outs", shape: {}, reason: "the planner reads every SMS/Zalo opt-out once a day" },
  { collection: "channel_failures", shape: {}, reason: "the planner reads every failed phone channel once a day" },
  { collection: "audit_log", shape: {}, reason: "/audit: the newest 20, by sort and limit on the `at` index" },
  {
    collection: "sessions",
    shape: { _id: "$regex" },
    reason: "/deletemydata: a user's sessions in every chat (keys end in :<user id>); rare, on request",
  },
];

/** Shapes only the tests send (assertions and clean-ups), never the product. */
const TEST_ONLY: Allowance[] = [
  {
    collection: "book_digests",
    shape: { _id: "$ne" },
    commands: ["delete"],
    reason: "the digest test drops every bucket as a cut-off import could leave them",
  },
  ...[
    "closures",
    "book_digests",
    "hardship_reports",
    "unreachable_chats",
    "delivery_outcomes",
    "delivery_attempts",
    "deliveries",
    "plan_runs",
    "planning_index",
    "officers",
    "broadcasts",
    "delivery_batches",
    "link_attempt_slots",
    "link_lockouts",
    "borrower_accounts",
    "delivery_batch_items",
    "delivery_receipts",
    "overdue_snapshots",
    "retention_runs",
    "households",
    "loans",
    "communes",
    "groups",
    "dashboard_sessions",
    "payment_confirmations",
    "experiment_assignments",
  ].map((collection) => ({
    collection,
    shape: {},
    commands: ["aggregate", "delete", "update"],
    reason: "test clean-up (deleteMany) or count (countDocuments) of everything",
  })),
  ...[
    "delivery_batches",
    "link_attempt_slots",
    "link_lockouts",
    "deliveries",
    "delivery_outcomes",
    "delivery_attempts",
    "overdue_snapshots",
    // The backup test compares every collection before and after a restore.
    "book_digests",
    "hardship_reports",
    "hardship_lists",
    "hardship_photos",
    "broadcasts",
    "channel_status",
    "channel_tokens",
    "delivery_batch_items",
    "delivery_receipts",
    "import_batches",
    "locks",
    "officers",
    "plan_runs",
    "planning_index",
    "retention_runs",
    "sessions",
    "telegram_accounts",
    "migrations",
    "update_claims",
    "parked_updates",
    "update_leases",
    "dashboard_sessions",
    "payment_confirmations",
    "experiment_assignments",
  ].map((collection) => ({
    collection,
    shape: {},
    commands: ["find"],
    reason: "a test's assertion over everything written",
  })),
  {
    collection: "delivery_attempts",
    shape: {},
    commands: ["distinct"],
    reason: "the kill tests: which deliveries any dispatcher has attempted so far",
  },
  ...(
    [
      ["audit_log", { action: "eq" }],
      ["audit_log", { "actor.id": "eq" }],
      ["audit_log", { action: "eq", "actor.id": "eq" }],
      ["audit_log", { "details.broadcast": "eq" }],
      ["deliveries", { kind: "eq" }],
      ["deliveries", { source: "eq" }],
      ["deliveries", { channel: "eq" }],
      ["delivery_outcomes", { outcome: "eq" }],
      ["delivery_outcomes", { reason: "$in" }],
      ["link_lockouts", { accountHash: "eq" }],
      ["link_lockouts", { customerCode: "eq", reason: "eq" }],
      ["borrower_accounts", { "reminders.interest": "eq" }],
      ["overdue_snapshots", { communeCode: "eq" }],
    ] as const
  ).map(([collection, shape]) => ({ collection, shape: { ...shape } as Shape, reason: "a test's assertion" })),
];

export const INDEX_ALLOW_LIST: Allowance[] = [...WHOLE_READS, ...TEST_ONLY];
