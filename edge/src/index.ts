// edge's door. The PWA imports only `type AppRouter` from here; the host and the handler are
// for the process that serves edge (src/main.ts) and for tests.
export { type ConfigResult, type EdgeConfig, loadConfig } from './config';
export type { AuthInfo, Context } from './context';
export type { AccountView } from './data/owner-scope';
export {
  createEdge,
  type Edge,
  type EdgeDeps,
  REQUEST_BODY_BYTES_MAX,
  TRPC_BATCH_SIZE_MAX,
  TRPC_ENDPOINT,
} from './edge';
export { EDGE_ERRORS, type EdgeErrorReason } from './errors';
export { type EdgeServer, startEdgeServer } from './http/node-host';
export type { SignedIn } from './identity/access';
export { PAPER_STARTING_CASH_MINOR } from './identity/users';
export { type AppRouter, appRouter } from './router';
export type { InstrumentView } from './routers/market/instrument-view';
