/** MongoDB's duplicate-key error (E11000): a unique index, usually `_id`, already holds the value. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}
