import { type Signal, signal } from '@preact/signals';
import type { Services } from '../../app/services';
import { toApiError } from '../../lib/api/api-error';

export type Deployment = Awaited<ReturnType<Services['api']['strategies']['list']['query']>>[number];
export type DeploymentDetail = Awaited<ReturnType<Services['api']['strategies']['detail']['query']>>;
export type DeployInput = Parameters<Services['api']['strategies']['deploy']['mutate']>[0];

/** How often the screen re-reads status and PnL while it is open. */
export const STRATEGIES_POLL_MS = 2_000;

export type StrategiesState = {
  readonly list: Signal<readonly Deployment[]>;
  readonly detail: Signal<DeploymentDetail | null>;
  readonly error: Signal<{ reason: string; message: string } | null>;
  readonly busy: Signal<boolean>;
  refresh(detailId?: string): Promise<void>;
  deploy(input: DeployInput): Promise<boolean>;
  stop(id: string, detailId?: string): Promise<boolean>;
  start(id: string, detailId?: string): Promise<boolean>;
};

/** The Strategies screen's state: the user's deployments, the one on display, the last error. */
export function strategiesState(api: Services['api']): StrategiesState {
  const list = signal<readonly Deployment[]>([]);
  const detail = signal<DeploymentDetail | null>(null);
  const error = signal<{ reason: string; message: string } | null>(null);
  const busy = signal(false);
  const fail = (e: unknown) => {
    error.value = errorOf(e);
  };
  const refresh = async (detailId?: string) => {
    try {
      if (detailId === undefined) list.value = await api.strategies.list.query();
      else detail.value = await api.strategies.detail.query({ deploymentId: detailId });
    } catch (e) {
      fail(e);
    }
  };
  const act = async (work: () => Promise<unknown>, detailId?: string): Promise<boolean> => {
    busy.value = true;
    try {
      await work();
      error.value = null;
      await refresh(detailId);
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      busy.value = false;
    }
  };
  return {
    list,
    detail,
    error,
    busy,
    refresh,
    deploy: (input: DeployInput) => act(() => api.strategies.deploy.mutate(input)),
    stop: (id: string, detailId?: string) => act(() => api.strategies.stop.mutate({ deploymentId: id }), detailId),
    start: (id: string, detailId?: string) => act(() => api.strategies.start.mutate({ deploymentId: id }), detailId),
  };
}

/** Edge's reason code (`data.reason`, e.g. STRATEGY_PARAMS_INVALID, ACCOUNT_INSUFFICIENT_FUNDS) and its message. */
function errorOf(e: unknown): { reason: string; message: string } {
  const data = (e as { data?: { reason?: unknown } } | null)?.data;
  const message = (e as { message?: unknown } | null)?.message;
  if (typeof data?.reason === 'string' && typeof message === 'string') return { reason: data.reason, message };
  const a = toApiError(e);
  return { reason: a.kind.toUpperCase(), message: a.message };
}
