import {
  allExperiments,
  type Experiment,
  readAssignments,
  readOutcomes,
  recordOutcomes,
  type SessionOutcomes,
} from "../data/experiments.js";
import { householdsSentTo } from "../data/outbox.js";
import { addDays, type LocalDate } from "../domain/dates.js";
import { type ArmResult, armResults, type EnroleeOutcome, LATE_WITHIN_DAYS, outcomeOf } from "../domain/experiments.js";
import type { HouseholdFigures } from "../domain/recordedChanges.js";

/** Below this many households with an outcome, an arm shows "not enough data yet". */
export const MINIMUM_PER_ARM = 30;

interface Watched {
  experiment: Experiment;
  arms: Map<string, number>;
  outcomes: SessionOutcomes;
  changed: Set<string>;
}

/**
 * What each import says of the interest experiments' enrolled households (issue 28): at the first
 * import after a transaction day inside the experiment, whether nothing of the interest is left
 * unpaid (paid on time); at later imports, when what was left is paid (late within 30 days).
 * Interest experiments only: an installment's payment is not told apart from other principal yet.
 */
export class OutcomeObserver {
  private constructor(
    private readonly watched: readonly Watched[],
    private readonly asOf: LocalDate,
  ) {}

  static async load(asOf: LocalDate): Promise<OutcomeObserver> {
    const live = (await allExperiments()).filter(
      (e) =>
        e.state === "approved" &&
        e.kind === "interest" &&
        e.from <= asOf &&
        asOf <= addDays(e.to, LATE_WITHIN_DAYS + 1),
    );
    const watched: Watched[] = [];
    for (const experiment of live) {
      const { arms } = await readAssignments(experiment.id);
      const { outcomes } = await readOutcomes(experiment.id);
      watched.push({ experiment, arms, outcomes, changed: new Set() });
    }
    return new OutcomeObserver(watched, asOf);
  }

  observe(code: string, after: HouseholdFigures, session: LocalDate | null): void {
    const unpaid = Object.values(after.loans).reduce((sum, l) => sum + l.unpaidInterest, 0);
    for (const w of this.watched) {
      if (!w.arms.has(code)) continue;
      const sessions = w.outcomes.get(code) ?? [];
      let changed = false;
      for (const s of sessions) {
        if (s[1] === null && unpaid === 0) {
          s[1] = this.asOf;
          changed = true;
        }
      }
      const { from, to } = w.experiment;
      if (session && from <= session && session <= to && !sessions.some((s) => s[0] === session)) {
        sessions.push([session, unpaid === 0 ? session : null]);
        changed = true;
      }
      if (!changed) continue;
      w.outcomes.set(code, sessions);
      w.changed.add(code);
    }
  }

  async save(): Promise<void> {
    for (const w of this.watched) {
      if (w.changed.size > 0) await recordOutcomes(w.experiment.id, w.outcomes, w.changed, this.asOf);
    }
  }
}

export interface ExperimentResults {
  itt: ArmResult[];
  reach: ArmResult[];
  lastImport: LocalDate | null;
}

/** Each arm's results, everyone assigned and only those reached, as of the last import. */
export async function experimentResults(experiment: Experiment): Promise<ExperimentResults> {
  const [{ arms }, { outcomes, lastImport }, reached] = await Promise.all([
    readAssignments(experiment.id),
    readOutcomes(experiment.id),
    householdsSentTo(experiment.kind, addDays(experiment.from, -10), experiment.to),
  ]);
  const rows: EnroleeOutcome[] = [];
  for (const [code, sessions] of outcomes) {
    const arm = arms.get(code);
    if (arm === undefined) continue;
    for (const [session, paidOn] of sessions) {
      rows.push({ arm, reached: reached.has(code), outcome: outcomeOf(session, paidOn, lastImport ?? session) });
    }
  }
  const n = experiment.arms.length;
  return {
    itt: armResults(rows, n, "itt", MINIMUM_PER_ARM),
    reach: armResults(rows, n, "reach", MINIMUM_PER_ARM),
    lastImport,
  };
}
