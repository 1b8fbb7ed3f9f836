/**
 * The crash and kill tests run small in the README's suite (but for vitest.crash.config.ts's
 * CRASH_ONLY, which run there alone) and at full scale in `npm run test:crash`
 * (CRASH_SCALE=full, which .ci/run also runs).
 */
export const FULL_SCALE = process.env.CRASH_SCALE === "full";

export const atScale = <T>(small: T, full: T): T => (FULL_SCALE ? full : small);

/**
 * A replayable source of randomness: the same seed gives the same numbers. CRASH_SEED overrides the
 * test's own seed, to replay a failure whose message printed it.
 */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    // xorshift32
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

export const seedFor = (ownSeed: number): number => (process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : ownSeed);
