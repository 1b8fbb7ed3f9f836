import {
  type Assignments,
  allExperiments,
  type Experiment,
  readAssignments,
  recordAssignments,
} from "../../data/experiments.js";
import type { LocalDate } from "../../domain/dates.js";
import { assignArms, type Wording } from "../../domain/experiments.js";

interface Running {
  experiment: Experiment;
  assignments: Assignments;
  added: string[];
}

/**
 * The wording experiments running on a planning day (issue 28): which wording a household's reminder
 * takes. A household of the area met for the first time is assigned here (stratified by point, keyed
 * hash; domain/experiments.ts) and recorded after the day's plan is written: it keeps that arm.
 */
export class ExperimentDay {
  private constructor(private readonly running: readonly Running[]) {}

  static none(): ExperimentDay {
    return new ExperimentDay([]);
  }

  static async load(today: LocalDate): Promise<ExperimentDay> {
    const live = (await allExperiments()).filter((e) => e.state === "approved" && e.from <= today && today <= e.to);
    const running: Running[] = [];
    for (const experiment of live) {
      running.push({ experiment, assignments: await readAssignments(experiment.id), added: [] });
    }
    return new ExperimentDay(running);
  }

  /** The wording of this household's reminder of `kind`, or null when no experiment covers it. */
  wordingFor(code: string, place: { communeCode: string; pointCode: string | null }, kind: string): Wording | null {
    const run = this.running.find((r) => r.experiment.kind === kind && covers(r.experiment, place));
    if (!run || !place.pointCode) return null;
    let arm = run.assignments.arms.get(code);
    if (arm === undefined) {
      const { experiment, assignments } = run;
      const enrolee = [{ code, pointCode: place.pointCode }];
      arm = assignArms(enrolee, experiment.arms.length, experiment.key, experiment.id, assignments.counts).get(
        code,
      ) as number;
      assignments.arms.set(code, arm);
      run.added.push(code);
    }
    return run.experiment.arms[arm] ?? null;
  }

  /** Records the households assigned today (after the plan is written; worked out the same on a rerun). */
  async save(): Promise<void> {
    for (const r of this.running) await recordAssignments(r.experiment.id, r.assignments, r.added);
  }
}

function covers(e: Experiment, place: { communeCode: string; pointCode: string | null }): boolean {
  return e.area.kind === "communes"
    ? e.area.codes.includes(place.communeCode)
    : place.pointCode !== null && e.area.codes.includes(place.pointCode);
}
