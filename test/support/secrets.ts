/** The ID hash secret of tests (no vitest here: benchmarks import the support modules too). */
export const TEST_ID_SECRET = "test-secret-0123456789abcdef";
