/**
 * PEP 503 normalised distribution name: lower case, runs of `-`, `_`, `.` become one `-`.
 * `Scikit_Learn` and `scikit-learn` are the same distribution to pip.
 */
export function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}
