/** What one run of a dispatcher did: the figures its callers log and the benchmarks print. */
export interface DispatchReport {
  /** False when another dispatcher holds the sending lease (this one did nothing). */
  leader: boolean;
  batches: number;
  sent: number;
  retries: number;
  rateLimited: number;
  failed: Record<string, number>;
  unreachable: number;
  uncertain: number;
  /** Deliveries a crash left in doubt that were sent again, once, marked as such. */
  resent: number;
  /** Readers (officers, admins) told of the deliveries in doubt that were not sent again. */
  inDoubtListed: number;
  expired: number;
  skippedUnreachable: number;
  skippedUnlinked: number;
  /** Skipped for other reasons (a refusal, a muted kind, no phone now), by reason. */
  skippedOther: Record<string, number>;
  /** Attempts another dispatcher had already started (the unique attempt id stopped a double send). */
  takenByOther: number;
  /** Batches whose lease ran out while this dispatcher held them (a stall longer than the renewal's margin). */
  leaseLapses: number;
  /** Set when sending stopped because the window closed or the channel is down; work resumes at this instant. */
  resumesAt: Date | null;
  /** The channel could not take messages (the SMSC unreachable, Zalo's token refused): why, and the pause. */
  channelDown: { reason: string; retryAfterMs: number } | null;
  /** Milliseconds spent on the database work around the sending (what grows with the outbox shows here). */
  timingsMs: { claim: number; load: number; history: number; checks: number; finish: number; renew: number };
}

export function emptyReport(): DispatchReport {
  return {
    leader: true,
    batches: 0,
    sent: 0,
    retries: 0,
    rateLimited: 0,
    failed: {},
    unreachable: 0,
    uncertain: 0,
    resent: 0,
    inDoubtListed: 0,
    expired: 0,
    skippedUnreachable: 0,
    skippedUnlinked: 0,
    skippedOther: {},
    takenByOther: 0,
    leaseLapses: 0,
    resumesAt: null,
    channelDown: null,
    timingsMs: { claim: 0, load: 0, history: 0, checks: 0, finish: 0, renew: 0 },
  };
}

/** Runs `work`, adding the time it took to `report.timingsMs[phase]`. */
export async function timed<T>(
  report: DispatchReport,
  phase: keyof DispatchReport["timingsMs"],
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    report.timingsMs[phase] += Math.round(performance.now() - started);
  }
}

/** Counts a delivery settled without sending in the run's report. */
export function countSettled(report: DispatchReport, outcome: string, reason: string): void {
  if (outcome === "uncertain") report.uncertain++;
  else if (outcome === "expired") report.expired++;
  else if (reason === "unreachable") report.skippedUnreachable++;
  else if (reason === "unlinked") report.skippedUnlinked++;
  else report.skippedOther[reason] = (report.skippedOther[reason] ?? 0) + 1;
}

export function countFailed(report: DispatchReport, reason: string): void {
  report.failed[reason] = (report.failed[reason] ?? 0) + 1;
}
