import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CoreMetrics } from './metrics';
import { createProcessGuards } from './process-guards';

describe('process guards', () => {
  it('log and count uncaught exceptions and unhandled rejections', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const metrics = new CoreMetrics();
    const guards = createProcessGuards(log, metrics);
    guards.onException(new Error('boom'));
    guards.onRejection(new Error('lost promise'));
    guards.onRejection('a string reason');
    const text = await metrics.text();
    expect(text).toContain('core_uncaught_errors_total{kind="exception"} 1');
    expect(text).toContain('core_uncaught_errors_total{kind="rejection"} 2');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 50,
      msg: 'uncaught exception',
      err: { message: 'boom' },
    });
  });
});
