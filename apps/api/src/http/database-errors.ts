/** Checks whether `error` is PostgreSQL's unique violation (23505), optionally on `constraint`. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint_name: name } = error as { code?: unknown; constraint_name?: unknown };
  return code === '23505' && (constraint === undefined || name === constraint);
}
