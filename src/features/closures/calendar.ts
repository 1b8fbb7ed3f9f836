import { setAddedClosures } from "../../catalogue/load.js";
import { addedClosures, saveClosure } from "../../data/closures.js";
import type { LocalDate } from "../../domain/dates.js";
import { audit } from "../../staff/roles.js";

/** Reads the closures added by command, so that every reader of the holidays sees them. */
export async function refreshClosures(): Promise<void> {
  setAddedClosures(await addedClosures());
}

/** Adds (or renames) a closure, effective at once in this process and at the next refresh elsewhere. */
export async function addClosure(actor: number, from: LocalDate, to: LocalDate, name: string): Promise<void> {
  await saveClosure(from, to, name, actor);
  await audit(actor, "closure-add", null, {}, { from, to });
  await refreshClosures();
}
