/** "▓▓▓▓▓░░░░░ 50%" */
export function progressBar(done: number, total: number, width = 10): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `${"▓".repeat(filled)}${"░".repeat(width - filled)} ${Math.floor(ratio * 100)}%`;
}

/** Seconds left at the rate seen so far, or at the nominal rate before any is seen; null when done. */
export function secondsLeft(left: number, observedPerSecond: number | null, nominalPerSecond: number): number | null {
  if (left <= 0) return null;
  const rate = observedPerSecond && observedPerSecond > 0 ? observedPerSecond : nominalPerSecond;
  return Math.ceil(left / rate);
}

/** "1 giờ 5 phút" style durations are localised by the caller; this splits the seconds. */
export function splitDuration(seconds: number): { hours: number; minutes: number; seconds: number } {
  return { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60), seconds: seconds % 60 };
}
