import { commune } from "../../data/book.js";
import type { StoredDisaster } from "../../data/disasters.js";
import { pointOnFile } from "../../data/points.js";
import type { DisasterArea } from "../../domain/disaster.js";
import { inScope, pointInScope, type Scope } from "../../domain/scope.js";

export interface AreaOnFile {
  name: string;
  communeCode: string;
  officeCode: string;
}

/** The commune or transaction point as stored now, or null when there is none by that code. */
export async function areaOnFile(area: DisasterArea): Promise<AreaOnFile | null> {
  if (area.kind === "point") {
    const point = await pointOnFile(area.code);
    return point ? { name: point.name, communeCode: point.communeCode, officeCode: point.officeCode } : null;
  }
  const found = await commune(area.code);
  return found ? { name: found.name, communeCode: area.code, officeCode: found.officeCode } : null;
}

/** Whether a scope covers the whole area (a points scope covers a point, never a whole commune). */
export function scopeCoversArea(scope: Scope, area: DisasterArea, place: Omit<AreaOnFile, "name">): boolean {
  if (area.kind === "point") return pointInScope(scope, { code: area.code, ...place });
  return inScope(scope, { communeCode: place.communeCode, officeCode: place.officeCode });
}

export const eventCoveredBy = (scope: Scope, event: StoredDisaster): boolean =>
  scopeCoversArea(scope, event.area, { communeCode: event.communeCode, officeCode: event.officeCode });
