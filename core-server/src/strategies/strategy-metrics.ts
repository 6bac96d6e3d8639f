import { Counter, Gauge, type Registry } from 'prom-client';

/** The live strategy runner's metrics, in the core's registry (served at /metrics). */
export class StrategyMetrics {
  readonly running: Gauge;
  readonly queued: Gauge;
  readonly stops: Counter<'status'>;
  readonly commands: Counter<'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.running = new Gauge({ name: 'core_strategies_running', help: 'Live strategy deployments running', registers });
    this.queued = new Gauge({
      name: 'core_strategy_inputs_queued',
      help: 'Inputs (event batches, bars, trades, timer ticks) waiting for the strategies',
      registers,
    });
    this.stops = new Counter({
      name: 'core_strategy_stops_total',
      help: 'Deployments stopped by their owner (stopped) or by the runner (failed)',
      labelNames: ['status'],
      registers,
    });
    this.commands = new Counter({
      name: 'core_strategy_commands_total',
      help: "Strategies' commands sent to order entry, by answer (ok or the refusal code)",
      labelNames: ['outcome'],
      registers,
    });
  }
}
