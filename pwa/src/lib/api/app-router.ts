/**
 * The type of edge's tRPC router: the one thing the PWA takes from edge (DESIGN.md).
 * Until `@tradewind/edge` exports `AppRouter`, the client is typed against the fake edge
 * that mirrors the agreed contract; switch to `export type { AppRouter } from '@tradewind/edge'`.
 */
export type { FakeEdgeRouter as AppRouter } from './edge-contract.fake';
