/** `HH:MM` of an `<input type=time>` ↔ minutes after midnight. */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function minutesOf(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return Math.min(24 * 60 - 1, Math.max(0, (Number.isInteger(h) ? h : 0) * 60 + (Number.isInteger(m) ? m : 0)));
}
