import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';
import type { Logger } from '../logger';
import type { CoreMetrics } from '../metrics';
import type { HealthReport } from './health';

export type HttpContext = {
  readonly metrics: CoreMetrics;
  readonly log: Logger;
  readonly health: () => Promise<HealthReport>;
};

/** GET /healthz (200 when healthy, else 503, JSON either way), GET /metrics, 404 for the rest. */
export function registerHttpRoutes(app: TemplatedApp, ctx: HttpContext): void {
  app.get('/healthz', (res) => {
    respondAsync(res, ctx, 'healthz', async () => {
      const report = await ctx.health();
      return {
        status: report.ok ? '200 OK' : '503 Service Unavailable',
        type: 'application/json',
        body: JSON.stringify(report),
      };
    });
  });
  app.get('/metrics', (res) => {
    respondAsync(res, ctx, 'metrics', async () => ({
      status: '200 OK',
      type: ctx.metrics.contentType,
      body: await ctx.metrics.text(),
    }));
  });
  app.any('/*', (res) => {
    res.writeStatus('404 Not Found').writeHeader('content-type', 'text/plain').end('not found');
  });
}

type Reply = { status: string; type: string; body: string };

/** uWS rules for async answers: onAborted first, then write everything inside one cork. */
function respondAsync(res: HttpResponse, ctx: HttpContext, where: string, produce: () => Promise<Reply>): void {
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  const write = (reply: Reply) => {
    if (aborted) return;
    res.cork(() => {
      res.writeStatus(reply.status).writeHeader('content-type', reply.type).writeHeader('cache-control', 'no-store');
      res.end(reply.body);
    });
  };
  produce().then(write, (e: unknown) => {
    ctx.metrics.internalErrors.inc({ where });
    ctx.log.error({ err: e, where }, 'http handler failed');
    write({ status: '500 Internal Server Error', type: 'text/plain', body: 'internal error' });
  });
}
