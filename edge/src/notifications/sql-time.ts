/**
 * Timestamps cross to PostgreSQL as ISO strings: edge's postgres.js client is shared with
 * drizzle, which turns off postgres.js's Date conversion (dates travel as text both ways).
 * Reads select `ms(column)` = epoch milliseconds as a number.
 */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
