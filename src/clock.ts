/**
 * Where "now" comes from. The product reads the system clock; tests give every process of a test the
 * same offset from it (TEST_CLOCK_OFFSET_MS, refused in production), so that leases written by one
 * process and read by another agree, or a fixed instant in process.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The system clock moved by `offsetMs`: it runs at real speed from another instant. */
export function offsetClock(offsetMs: number): Clock {
  return offsetMs === 0 ? systemClock : { now: () => new Date(Date.now() + offsetMs) };
}

/** Always the same instant. */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at).getTime();
  return { now: () => new Date(instant) };
}
