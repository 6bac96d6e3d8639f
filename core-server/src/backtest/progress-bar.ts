import type { BacktestProgress } from '@tradewind/shared/backtest';

const WIDTH = 30;

/**
 * A progress bar on stderr: redrawn in place on a terminal; on a pipe (CI, tests) one line per
 * 10 % so logs stay short.
 */
export function progressBar(
  write: (s: string) => void,
  isTty: boolean,
): { update(p: BacktestProgress): void; done(): void } {
  let lastDecile = -1;
  return {
    update(p) {
      const ratio = p.eventsTotal === 0 ? 1 : p.eventsDone / p.eventsTotal;
      const filled = Math.round(ratio * WIDTH);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(ratio * 100).toFixed(0).padStart(3)} % ${p.eventsDone}/${p.eventsTotal} bars · ${new Date(p.timeMs).toISOString().slice(0, 16)}`;
      if (isTty) write(`\r${line}`);
      else {
        const decile = Math.floor(ratio * 10);
        if (decile !== lastDecile) write(`${line}\n`);
        lastDecile = decile;
      }
    },
    done() {
      if (isTty) write('\n');
    },
  };
}
