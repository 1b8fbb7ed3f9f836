/** How a source's deliveries (a broadcast, a day's reminders) have ended so far, by final outcome. */
export interface BroadcastCounts {
  sent: number;
  failed: number;
  unreachable: number;
  uncertain: number;
  expired: number;
  skipped: number;
}

export function emptyCounts(): BroadcastCounts {
  return { sent: 0, failed: 0, unreachable: 0, uncertain: 0, expired: 0, skipped: 0 };
}

export function settledCount(c: BroadcastCounts): number {
  return c.sent + c.failed + c.unreachable + c.uncertain + c.expired + c.skipped;
}
