// The root door re-exports the small, universal parts. Bounded contexts have their own doors:
// `@tradewind/shared/protocol`, `@tradewind/shared/auth`, `@tradewind/shared/engine`, ...
export * from './domain/index';
export * from './util/index';
