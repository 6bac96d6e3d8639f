/** Live strategies (issue 6): the runner, its internal HTTP door, its limits. See the README. */
export * from './limits';
export type { LiveDeployment } from './live-deployment';
export { registerStrategyRoutes } from './runner-http';
export { StrategyRunner, type StrategyRunnerDeps } from './strategy-runner';
