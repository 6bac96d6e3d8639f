/**
 * Display formatting of exact decimal strings. Works on the text, so a price is shown
 * with exactly the digits the core sent (the tick's precision), only grouped.
 */
const DECIMAL_TEXT = /^(-?)(\d+)(\.\d+)?$/;

/** "96500.10" → "96,500.10"; anything not a plain decimal is shown as it is. */
export function formatDecimal(text: string): string {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return text;
  const [, sign = '', whole = '', frac = ''] = m;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac}`;
}

/** 0.01234 → "+1.23%", -0.5 → "−50.00%" (a true minus sign), 0 → "0.00%". */
export function formatChange(ratio: number): string {
  const pct = ratio * 100;
  const text = Math.abs(pct).toFixed(2);
  if (text === '0.00') return '0.00%';
  return `${pct > 0 ? '+' : '\u2212'}${text}%`;
}

/** Local wall-clock time of a venue timestamp, with seconds: "14:02:09". */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "14:02:09" today, else "24 Nov 14:02". */
export function formatAsOf(ms: number, nowMs: number): string {
  const d = new Date(ms);
  if (new Date(nowMs).toDateString() === d.toDateString()) return formatClock(ms);
  const month = d.toLocaleString('en', { month: 'short' });
  return `${d.getDate()} ${month} ${formatClock(ms).slice(0, 5)}`;
}

/** The colour of a change: by what is shown, so "0.00%" is never painted green or red. */
export function changeTrend(ratio: number | undefined): 'up' | 'down' | 'flat' {
  if (ratio === undefined || formatChange(ratio) === '0.00%') return 'flat';
  return ratio > 0 ? 'up' : 'down';
}
