/**
 * The type of edge's tRPC router: the one thing the PWA takes from edge (DESIGN.md), as a
 * type only, so nothing of edge reaches the bundle.
 */
export type { AppRouter } from '@tradewind/edge';
