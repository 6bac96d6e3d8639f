import type { Sql } from '@tradewind/db';
import { APPEND_EVENTS_MAX, appendToOutbox, type NewBusEvent } from '@tradewind/db/bus';
import { assert, type Instrument } from '@tradewind/shared';
import type { Command, Engine, EngineEvent, EngineState } from '@tradewind/shared/engine';
import type { HaltRequest, TradingAnswer, TradingReject, TradingRequest } from '@tradewind/shared/protocol';
import type { Registry } from 'prom-client';
import type { Clock } from '../clock';
import {
  encodeCommand,
  fenceConnections,
  GroupCommit,
  type InFlightRange,
  type JournalOutcome,
  type OutboxAppend,
  ProjectionBatch,
  ProjectionWriter,
  readProjectedSeq,
  recoverState,
  writeSnapshot,
} from '../journal/index';
import type { Logger } from '../logger';
import { AccountDirectory, type AccountOwner } from './account-directory';
import { answerOf, duplicateAnswer } from './answers';
import { type Converted, convertCancel, convertModify, convertPlace, type UntimedCommand } from './convert';
import { EventProjector, KILL_SWITCH_REASON, type Publication } from './event-projector';
import { TradingMetrics } from './trading-metrics';

/** Commands between snapshots: bounds replay time after a restart (a snapshot is one JSON pass). */
export const SNAPSHOT_EVERY_COMMANDS = 100_000;
/** Pause between recovery attempts while the database is away. */
export const RECOVERY_RETRY_MS = 500;
/** close() waits at most this many 10 ms polls for the journal to drain. */
const CLOSE_DRAIN_POLLS_MAX = 500;
/** Commands one request may add (open + deposit + the order): room is checked for all of them up front. */
const COMMANDS_PER_REQUEST_MAX = 3;
/**
 * How long requests of a batch whose COMMIT outcome is unknown wait for recovery to tell (their
 * answer is then an ack or "nothing happened"); past it they are answered "may or may not".
 */
export const UNKNOWN_OUTCOME_WAIT_MS = 5_000;

export type OrderEntryDeps = {
  readonly sql: Sql;
  /**
   * The journal's own connection and its unique application_name: after a lost connection,
   * recovery terminates that name's backends (and waits until they are gone) before reading the
   * journal, so a COMMIT still on its way cannot land after the journal was read. Without it the
   * journal shares `sql` and a batch in flight that recovery does not find stays unknown.
   */
  readonly journal?: { readonly sql: Sql; readonly appName: string };
  /** Default UNKNOWN_OUTCOME_WAIT_MS. */
  readonly unknownWaitMs?: number;
  readonly engine: Engine;
  readonly clock: Clock;
  readonly log: Logger;
  /** Publishes an encoded frame on a topic (the WebSocket hub). */
  readonly publish: (topic: string, text: string) => void;
  /** Whether a topic has subscribers (the hub); without it every frame is encoded and published. */
  readonly hasSubscribers?: (topic: string) => boolean;
  readonly outbox?: OutboxAppend;
  readonly batchMax?: number;
  readonly queueMax?: number;
  readonly snapshotEveryCommands?: number;
  readonly retryMs?: number;
  /** The core's metrics registry (journal queue, batch sizes, commit latency, answers). */
  readonly registry?: Registry;
};

export type EntryMode = 'ready' | 'recovering' | 'closed';
/**
 * When a request is answered: `durable` once its command is in the journal (the WebSocket);
 * `projected` once the query tables and the outbox have it too (HTTP: edge and scripts read the
 * tables right after the answer).
 */
export type AnswerWhen = 'durable' | 'projected';
/** A durable command's events; `tag`: the strategy deployment whose command it was (live strategies). */
export type EventsListener = (events: readonly EngineEvent[], timeMs: number, tag: string | undefined) => void;
/** A command sent for a live strategy: its events once durable, or why it was refused at the door. */
export type CommandAnswer = { ok: true; events: EngineEvent[] } | ({ ok: false } & TradingReject);
/** What a live strategy may send (shared/strategies intents). */
export type StrategyCommand = Extract<
  UntimedCommand,
  { type: 'PlaceOrder' | 'PlaceOco' | 'PlaceBracket' | 'ModifyOrder' | 'CancelOrder' | 'CancelAll' }
>;
/** Thrown by submitInternal when the journal cannot take commands. */
export class JournalUnavailableError extends Error {
  override name = 'JournalUnavailableError';
  constructor(readonly code: 'CORE_JOURNAL_UNAVAILABLE' | 'CORE_OVERLOADED') {
    super(code === 'CORE_OVERLOADED' ? 'the journal queue is full' : 'the journal is unavailable; core is recovering');
  }
}

const unavailable: TradingReject = {
  code: 'CORE_JOURNAL_UNAVAILABLE',
  message: 'order entry is unavailable (journal); nothing happened, retry later',
};
/**
 * The journal failed while this request's batch was being written. If the connection dropped
 * after COMMIT was sent, the batch may have committed (recovery then replays it): the outcome is
 * unknown, and a place resent with the same clientOrderId answers the order if it exists (R5).
 */
const outcomeUnknown: TradingReject = {
  code: 'CORE_JOURNAL_UNAVAILABLE',
  message:
    'the journal failed while writing this request: it may or may not have taken effect; look it up, or resend a place with the same clientOrderId (a repeat answers the existing order)',
};
/** The journal failed and this request's command is definitely not in it (never sent, or rolled back). */
const notWritten: TradingReject = {
  code: 'CORE_JOURNAL_UNAVAILABLE',
  message: 'the journal failed before writing this request; nothing happened, retry later',
};
const failedWith = (outcome: Exclude<JournalOutcome, 'durable'>): TradingReject =>
  outcome === 'unknown' ? outcomeUnknown : notWritten;
/** Two commands answered as one (kill switch, sub-account): one outcome if they agree, else unknown. */
const bothOf = (a: JournalOutcome, b: JournalOutcome): JournalOutcome => (a === b ? a : 'unknown');
const overloaded: TradingReject = {
  code: 'CORE_OVERLOADED',
  message: 'order entry is overloaded; nothing happened, retry later',
};
const notFoundReject = (what: string): TradingReject => ({ code: 'NOT_FOUND', message: `${what} not found` });

/**
 * The one order-entry function of the core. Every transport (WebSocket, REST, the internal API
 * for edge, the simulated market's agents) ends here: validate → authorise (owner check) →
 * stamp time → apply to the engine (single writer) → journal (group commit) → answer once the
 * command is durable, then publish the owners' private frames.
 */
export class OrderEntry {
  private state: EngineState;
  private seq = 0n;
  private durableSeq = 0n;
  private modeNow: EntryMode = 'recovering';
  private sinceSnapshot = 0;
  private pendingSnapshot: { seq: bigint; text: string; hash: string } | undefined;
  private readonly journal: GroupCommit;
  private readonly projection: ProjectionWriter;
  private readonly projector: EventProjector;
  readonly accounts: AccountDirectory;
  readonly instruments: ReadonlyMap<string, Instrument>;
  private readonly topicSeq = new Map<string, number>();
  private readonly listeners: EventsListener[] = [];
  private readonly metrics: TradingMetrics | undefined;
  /** The batch in flight at the last journal failure, until recovery (or the wait) settles it. */
  private inFlight: { range: InFlightRange; timer: ReturnType<typeof setTimeout> } | undefined;

  private constructor(private readonly deps: OrderEntryDeps) {
    this.metrics = deps.registry === undefined ? undefined : new TradingMetrics(deps.registry);
    this.state = deps.engine.initialState();
    this.instruments = new Map(deps.engine.config.instruments.map((i) => [i.symbol, i]));
    this.projector = new EventProjector(deps.engine.config.instruments);
    this.accounts = new AccountDirectory(deps.sql);
    this.projection = new ProjectionWriter(deps.sql, {
      outbox: deps.outbox ?? ((tx, batch) => this.appendBusEvents(tx, batch)),
      onProjected: (seq, commands, ms) => this.afterProjected(seq, commands, ms),
      onRetry: (e, delayMs) => {
        this.metrics?.projectionRetries.inc();
        deps.log.warn({ err: e, delayMs }, 'projection write failed; retrying (acks continue)');
      },
    });
    this.journal = new GroupCommit(deps.journal?.sql ?? deps.sql, {
      ...(deps.batchMax === undefined ? {} : { batchMax: deps.batchMax }),
      ...(deps.queueMax === undefined ? {} : { queueMax: deps.queueMax }),
      onDurable: (projection, lastSeq, commands) => this.projection.enqueue(projection, lastSeq, commands),
      onFailure: (e, inFlight) => this.onJournalFailure(e, inFlight),
      onCommit: (rows, ms) => {
        this.metrics?.batchCommands.observe(rows);
        this.metrics?.commitSeconds.observe(ms / 1000);
        this.metrics?.queued.set(this.journal.queued);
        deps.log.debug({ rows, ms: Math.round(ms) }, 'journal batch committed');
      },
    });
  }

  /** Recovers from the journal before taking orders; with the database away it starts closed and keeps trying. */
  static async start(deps: OrderEntryDeps): Promise<OrderEntry> {
    const entry = new OrderEntry(deps);
    if (!(await entry.recoverOnce())) void entry.recoverLoop();
    return entry;
  }

  get mode(): EntryMode {
    return this.modeNow;
  }
  get lastSeq(): bigint {
    return this.seq;
  }
  get queued(): number {
    return this.journal.queued;
  }
  /** The last seq whose query tables and outbox rows are committed. */
  get projectedSeq(): bigint {
    return this.projection.projectedSeq;
  }
  /** Resolves once every command durable now is projected too (tests, HTTP answers). */
  projected(): Promise<void> {
    return this.projection.waitFor(this.durableSeq);
  }
  /** FNV-1a of the engine's canonical snapshot (tests, the crash test, recovery checks). */
  stateHash(): string {
    return this.deps.engine.stateHash(this.state);
  }
  /** Read-only view for tests and diagnostics; never mutate. */
  get engineState(): EngineState {
    return this.state;
  }

  /** The open orders a live strategy deployment placed (applied, maybe not yet durable). */
  ordersOf(deploymentId: string): number[] {
    return this.projector.ordersTagged(deploymentId);
  }

  /** Every command's events once durable (public feeds: trades, depth, bars; live strategies). */
  onEvents(listener: EventsListener): void {
    this.listeners.push(listener);
  }

  /** A user's request, already schema-validated by its transport. */
  async submit(userId: string, req: TradingRequest, when: AnswerWhen = 'projected'): Promise<TradingAnswer> {
    const answer = await this.submitChecked(userId, req, when);
    this.metrics?.countAnswer(answer.ok ? 'ack' : answer.code);
    return answer;
  }

  private submitChecked(userId: string, req: TradingRequest, when: AnswerWhen): Promise<TradingAnswer> {
    return this.asOwner(userId, req.accountId, (owner) => this.submitOwned(req, owner, when));
  }

  /**
   * The door every caller passes: order entry open, the account the user's (else NOT_FOUND),
   * still open after the lookup. A known owner is answered from memory and `then` runs in this
   * turn (no await, no extra promise); an unknown one is looked up first.
   */
  private asOwner<A extends { ok: boolean }>(
    userId: string,
    accountId: string,
    then: (owner: AccountOwner) => Promise<A>,
  ): Promise<A | ({ ok: false } & TradingReject)> {
    const refused = this.refusal();
    if (refused !== undefined) return Promise.resolve({ ok: false, ...refused });
    const owner = this.accounts.cached(accountId);
    if (owner === undefined) return this.asLookedUpOwner(userId, accountId, then);
    if (owner.userId !== userId) return Promise.resolve({ ok: false, ...notFoundReject(`account ${accountId}`) });
    return then(owner);
  }

  private async asLookedUpOwner<A extends { ok: boolean }>(
    userId: string,
    accountId: string,
    then: (owner: AccountOwner) => Promise<A>,
  ): Promise<A | ({ ok: false } & TradingReject)> {
    let owner: AccountOwner | undefined;
    try {
      owner = await this.accounts.lookup(accountId);
    } catch (e) {
      this.deps.log.warn({ err: e }, 'account lookup failed');
      return { ok: false, ...unavailable };
    }
    if (owner === undefined || owner.userId !== userId) return { ok: false, ...notFoundReject(`account ${accountId}`) };
    // The lookup awaited: the journal may have failed meanwhile.
    const again = this.refusal();
    if (again !== undefined) return { ok: false, ...again };
    return then(owner);
  }

  /**
   * A live strategy's command (issue 6) through the same door as a user's request: the account
   * must be the deployment owner's, it is opened on first use, the engine applies every risk
   * check, the journal makes it durable. Orders it creates carry `deploymentId` (query tables,
   * private frames, bus events) and listeners get it as the tag.
   */
  submitCommand(userId: string, command: StrategyCommand, deploymentId: string): Promise<CommandAnswer> {
    const accountId = command.accountId ?? ''; // CancelAll may omit it in the engine; a strategy's never does
    return this.asOwner(userId, accountId, async (owner): Promise<CommandAnswer> => {
      if (command.type !== 'ModifyOrder' && command.type !== 'CancelOrder') {
        const opened = this.ensureAccount(accountId, owner);
        if (opened !== undefined && !opened.ok) return opened;
      }
      const { events, durable } = this.applyDurable(command, deploymentId);
      const outcome = await durable;
      if (outcome !== 'durable') return { ok: false, ...failedWith(outcome) };
      return { ok: true, events };
    });
  }

  /**
   * Opens `subId` (an accounts row of the same user, made by the caller) in the engine as a
   * sub-account of `parentId` and moves `amountMinor` of the parent's currency into it: the
   * engine's family rule and funds check decide (ACCOUNT_INSUFFICIENT_FUNDS changes nothing
   * but the empty sub-account).
   */
  async openSubAccount(userId: string, parentId: string, subId: string, amountMinor: bigint): Promise<CommandAnswer> {
    const sub = await this.accounts.lookup(subId).catch(() => undefined);
    if (sub === undefined || sub.userId !== userId) return { ok: false, ...notFoundReject(`account ${subId}`) };
    return this.asOwner(userId, parentId, async (owner): Promise<CommandAnswer> => {
      const opened = this.ensureAccount(parentId, owner);
      if (opened !== undefined && !opened.ok) return opened;
      const open = this.applyDurable({ type: 'OpenAccount', accountId: subId, kind: 'cash', parentId });
      const rejectedOpen = open.events.find((e) => e.type === 'CommandRejected');
      if (rejectedOpen !== undefined) return { ok: false, code: rejectedOpen.code, message: rejectedOpen.message };
      const move = { fromAccountId: parentId, toAccountId: subId, currency: owner.currency, amountMinor };
      const moved = this.applyDurable({ type: 'Transfer', ...move });
      const outcome = bothOf(await open.durable, await moved.durable);
      if (outcome !== 'durable') return { ok: false, ...failedWith(outcome) };
      const refused = moved.events.find((e) => e.type === 'CommandRejected');
      if (refused !== undefined) return { ok: false, code: refused.code, message: refused.message };
      return { ok: true, events: [...open.events, ...moved.events] };
    });
  }

  /** Admin: halt or resume an instrument (or everything). The caller checked the role. */
  async halt(req: HaltRequest): Promise<TradingAnswer> {
    const refused = this.refusal();
    if (refused !== undefined) return { ok: false, ...refused };
    if (req.symbol !== undefined && !this.instruments.has(req.symbol)) {
      return { ok: false, code: 'UNKNOWN_SYMBOL', message: `unknown symbol ${req.symbol}` };
    }
    const state = req.halted ? 'halted' : 'active';
    const command: UntimedCommand =
      req.symbol === undefined
        ? { type: 'SetTradingState', scope: 'global', state, reason: 'admin' }
        : { type: 'SetTradingState', scope: 'instrument', symbol: req.symbol, state, reason: 'admin' };
    const { events, durable } = this.applyDurable(command);
    const outcome = await durable;
    if (outcome !== 'durable') return { ok: false, ...failedWith(outcome) };
    const rejected = events.find((e) => e.type === 'CommandRejected');
    return rejected === undefined
      ? { ok: true, status: state }
      : { ok: false, code: rejected.code, message: rejected.message };
  }

  /**
   * For the simulated market and other system actors: one engine command (time is stamped here),
   * journalled like any other; resolves with its events once durable. Rejects with
   * JournalUnavailableError when the journal cannot take it.
   */
  async submitInternal(command: UntimedCommand): Promise<EngineEvent[]> {
    const refused = this.refusal();
    if (refused !== undefined) throw new JournalUnavailableError(refused.code as 'CORE_OVERLOADED');
    const { events, durable } = this.applyDurable(command);
    if ((await durable) !== 'durable') throw new JournalUnavailableError('CORE_JOURNAL_UNAVAILABLE');
    return events;
  }

  /** True when order entry can take a command right now (feeds skip their marks otherwise). */
  get accepting(): boolean {
    return this.refusal() === undefined;
  }

  /** Stops taking commands and waits (bounded) for the queued ones to commit and be projected. */
  async close(): Promise<void> {
    this.modeNow = 'closed';
    this.settleInFlight(undefined);
    for (let i = 0; i < CLOSE_DRAIN_POLLS_MAX && this.journal.queued > 0 && this.journal.healthy; i += 1) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await this.projection.drained(10, CLOSE_DRAIN_POLLS_MAX);
    await this.projection.stop();
  }

  /** Domain events of the batch to the bus outbox, in the projection transaction (order.*, stop.*, margin.*). */
  private async appendBusEvents(tx: Sql, batch: ProjectionBatch): Promise<void> {
    if (batch.events.length === 0) return;
    // Owners are cached by the requests; a re-projection after a restart looks them up.
    for (const e of batch.events)
      if (this.accounts.cached(e.accountId) === undefined) await this.accounts.lookup(e.accountId);
    const events = batch.events.map((e) => ({
      type: e.type as NewBusEvent['type'],
      userId: this.accounts.cached(e.accountId)?.userId ?? null,
      accountId: e.accountId,
      occurredAtMs: e.atMs,
      payload: e.payload as NewBusEvent['payload'],
    }));
    for (let i = 0; i < events.length; i += APPEND_EVENTS_MAX) {
      await appendToOutbox(tx as never, events.slice(i, i + APPEND_EVENTS_MAX));
    }
  }

  private refusal(): TradingReject | undefined {
    if (this.modeNow !== 'ready' || !this.journal.healthy) return unavailable;
    const pending = this.journal.queued + this.projection.lag;
    if (pending + COMMANDS_PER_REQUEST_MAX > this.journal.queueMax) return overloaded;
    return undefined;
  }

  private async submitOwned(req: TradingRequest, owner: AccountOwner, when: AnswerWhen): Promise<TradingAnswer> {
    if (req.op === 'place' || req.op === 'cancelAll' || req.op === 'killSwitch') {
      const opened = this.ensureAccount(req.accountId, owner);
      if (opened !== undefined) return opened;
    }
    const converted = this.convert(req);
    if (!converted.ok) return converted;
    let events: EngineEvent[];
    let durable: Promise<JournalOutcome>;
    let seq: bigint;
    if (req.op === 'killSwitch' && req.engaged) {
      const cancelled = this.applyDurable({ type: 'CancelAll', accountId: req.accountId });
      const halted = this.applyDurable(converted.command);
      events = [...cancelled.events, ...halted.events];
      durable = Promise.all([cancelled.durable, halted.durable]).then(([a, b]) => bothOf(a, b));
      seq = halted.seq;
    } else ({ events, durable, seq } = this.applyDurable(converted.command));
    const outcome = await durable;
    if (outcome !== 'durable') return { ok: false, ...failedWith(outcome) };
    if (when === 'projected') await this.projection.waitFor(seq);
    const answer = answerOf(req.op, events);
    if (req.op === 'killSwitch' && answer.ok) answer.status = req.engaged ? 'halted' : 'active';
    if (req.op === 'place' && !answer.ok && answer.code === 'ORDER_DUPLICATE_CLIENT_ID') {
      return duplicateAnswer(this.state, req) ?? answer;
    }
    return answer;
  }

  private convert(req: TradingRequest): Converted {
    switch (req.op) {
      case 'place':
        return convertPlace(req, this.instruments);
      case 'modify':
        return convertModify(req, this.state);
      case 'cancel':
        return convertCancel(req, this.state);
      case 'cancelAll':
        if (req.symbol !== undefined && !this.instruments.has(req.symbol)) {
          return { ok: false, code: 'UNKNOWN_SYMBOL', message: `unknown symbol ${req.symbol}` };
        }
        return {
          ok: true,
          command: {
            type: 'CancelAll',
            accountId: req.accountId,
            ...(req.symbol === undefined ? {} : { symbol: req.symbol }),
          },
        };
      case 'killSwitch':
        return {
          ok: true,
          command: {
            type: 'SetTradingState',
            scope: 'account',
            accountId: req.accountId,
            state: req.engaged ? 'halted' : 'active',
            reason: KILL_SWITCH_REASON,
          },
        };
    }
  }

  /** A user's account the engine has not seen yet is opened lazily, cash or margin, with its initial cash (journalled). */
  private ensureAccount(accountId: string, owner: AccountOwner): TradingAnswer | undefined {
    if (this.state.accountIx.has(accountId)) return undefined;
    // A margin paper account (accounts.leverage set) may borrow and go short; margin calls and liquidation apply.
    const kind =
      owner.leverage === null ? { kind: 'cash' as const } : { kind: 'margin' as const, leverage: owner.leverage };
    const opened = this.applyDurable({ type: 'OpenAccount', accountId, ...kind }).events;
    const failed = opened.find((e) => e.type === 'CommandRejected');
    if (failed !== undefined) return { ok: false, code: failed.code, message: failed.message };
    if (owner.cashMinor > 0n) {
      this.applyDurable({ type: 'Deposit', accountId, currency: owner.currency, amountMinor: owner.cashMinor });
    }
    return undefined;
  }

  /** Stamps time, applies (single writer), journals; `durable` resolves with the journal write's outcome. */
  private applyDurable(
    command: UntimedCommand,
    tag?: string,
  ): { events: EngineEvent[]; durable: Promise<JournalOutcome>; seq: bigint } {
    assert(this.modeNow === 'ready', 'apply while not ready');
    const timeMs = Math.max(this.deps.clock.nowMs(), this.state.nowMs);
    const full = { ...command, timeMs } as Command;
    const events = this.deps.engine.apply(this.state, full);
    const seq = this.seq + 1n;
    this.seq = seq;
    const pubs: Publication[] = [];
    // Declared without an initial function: tsx (esbuild keepNames) would wrap one in __name,
    // an Object.defineProperty per command.
    let settle: ((outcome: JournalOutcome) => void) | undefined;
    const durable = new Promise<JournalOutcome>((resolve) => {
      settle = resolve;
    });
    const batch = this.journal.append({ seq, timeMs, command: encodeCommand(full), tag }, (outcome) => {
      // Also for a batch found committed by recovery: its frames, trades and fills go out then.
      if (outcome === 'durable') this.afterDurable(seq, events, timeMs, pubs, tag);
      settle?.(outcome);
    });
    this.projector.project(events, timeMs, batch, pubs, tag);
    this.maybeSnapshot(seq);
    return { events, durable, seq };
  }

  private afterDurable(
    seq: bigint,
    events: readonly EngineEvent[],
    timeMs: number,
    pubs: Publication[],
    tag: string | undefined,
  ): void {
    if (seq > this.durableSeq) this.durableSeq = seq;
    for (const p of pubs) {
      // Nobody watches: no frame to encode. The topic's seq counts published frames only, so a
      // later subscriber sees no gap for frames nobody could have received.
      if (this.deps.hasSubscribers?.(p.topic) === false) continue;
      const n = (this.topicSeq.get(p.topic) ?? 0) + 1;
      this.topicSeq.set(p.topic, n);
      this.deps.publish(p.topic, JSON.stringify({ ...p.frame, topic: p.topic, seq: n }));
    }
    for (const listener of this.listeners) listener(events, timeMs, tag);
  }

  /** A snapshot is stored once its seq is projected: recovery re-projects from a snapshot at or before the watermark. */
  private afterProjected(seq: bigint, commands: number, ms: number): void {
    this.metrics?.projectionCommands.observe(commands);
    this.metrics?.projectionSeconds.observe(ms / 1000);
    this.deps.log.debug({ commands, ms: Math.round(ms), lag: this.projection.lag }, 'projection committed');
    const snap = this.pendingSnapshot;
    if (snap !== undefined && snap.seq <= seq) {
      this.pendingSnapshot = undefined;
      writeSnapshot(this.deps.sql, { seq: snap.seq, stateHash: snap.hash, snapshot: snap.text }).catch((e: unknown) =>
        this.deps.log.warn(
          { err: e, seq: snap.seq.toString() },
          'snapshot write failed (the journal still has everything)',
        ),
      );
    }
  }

  private maybeSnapshot(seq: bigint): void {
    this.sinceSnapshot += 1;
    if (this.sinceSnapshot < (this.deps.snapshotEveryCommands ?? SNAPSHOT_EVERY_COMMANDS)) return;
    // One waiting at a time: replacing it while the projection lags more than the interval would
    // store none at all (seen in the crash test under load).
    if (this.pendingSnapshot !== undefined) return;
    this.sinceSnapshot = 0;
    // Taken now, at this seq, on the writer thread; written only once the seq is durable and projected.
    const text = JSON.stringify(this.deps.engine.snapshot(this.state));
    this.pendingSnapshot = { seq, text, hash: this.deps.engine.stateHash(this.state) };
  }

  private onJournalFailure(error: Error, inFlight: InFlightRange | undefined): void {
    this.deps.log.error(
      { err: error, seq: this.seq.toString(), inFlightLastSeq: inFlight?.lastSeq.toString() },
      'journal write failed: order entry closed until recovered',
    );
    this.metrics?.failures.inc();
    this.metrics?.ready.set(0);
    // What is queued for projection is durable, but recovery re-projects it from the watermark.
    void this.projection.stop();
    if (inFlight !== undefined) {
      // Bounded: past the wait its requests are answered unknown; recovery still rebuilds whatever committed.
      const timer = setTimeout(
        () => this.settleInFlight(undefined),
        this.deps.unknownWaitMs ?? UNKNOWN_OUTCOME_WAIT_MS,
      );
      this.inFlight = { range: inFlight, timer };
    }
    if (this.modeNow === 'closed') return;
    this.modeNow = 'recovering';
    void this.recoverLoop();
  }

  private async recoverOnce(): Promise<boolean> {
    try {
      const r = await this.recoverAndReproject();
      this.state = r.state;
      this.seq = r.lastSeq;
      this.durableSeq = r.lastSeq;
      this.pendingSnapshot = undefined;
      this.sinceSnapshot = 0;
      // Fenced: no old connection can still commit, so a batch the journal does not hold never will.
      const held = this.inFlight?.range;
      const covered = held !== undefined && r.lastSeq >= held.lastSeq;
      this.settleInFlight(r.fenced || covered ? r.lastSeq : undefined);
      this.journal.reset(r.lastSeq);
      if (this.modeNow !== 'closed') this.modeNow = 'ready';
      this.metrics?.ready.set(1);
      this.deps.log.info(
        { seq: r.lastSeq.toString(), snapshotSeq: r.snapshotSeq.toString(), replayed: r.replayed },
        'engine state recovered',
      );
      return true;
    } catch (e) {
      this.deps.log.warn({ err: e }, 'recovery failed; retrying');
      return false;
    }
  }

  /**
   * Snapshot + replay; the commands after the projection watermark are projected again (their
   * query-table rows and outbox events were lost with the process), a page per transaction.
   */
  private async recoverAndReproject() {
    await this.projection.stop();
    const fenced = this.deps.journal !== undefined;
    if (this.deps.journal !== undefined) await fenceConnections(this.deps.sql, this.deps.journal.appName);
    const projectedSeq = await readProjectedSeq(this.deps.sql);
    // As of the watermark, like the orders table they come from.
    const tags = await openOrderTags(this.deps.sql);
    this.projection.reset(projectedSeq);
    let page = new ProjectionBatch();
    const recovered = await recoverState(this.deps.sql, this.deps.engine, {
      projectedSeq,
      atProjected: (state) => {
        this.projector.rebuild(state);
        this.projector.restoreTags(tags);
      },
      replayed: (_seq, timeMs, events, tag) => this.projector.project(events, timeMs, page, [], tag),
      pageDone: async (lastSeq) => {
        const full = page;
        page = new ProjectionBatch();
        await this.projection.writeNow(full, lastSeq);
      },
    });
    return { ...recovered, fenced };
  }

  /** The held batch's outcome: from the journal's last seq once fenced, or unknown (`undefined`). */
  private settleInFlight(journalLastSeq: bigint | undefined): void {
    const held = this.inFlight;
    if (held === undefined) return;
    this.inFlight = undefined;
    clearTimeout(held.timer);
    const outcome = this.journal.resolveInFlight(journalLastSeq);
    this.deps.log.warn(
      { firstSeq: held.range.firstSeq.toString(), lastSeq: held.range.lastSeq.toString(), outcome },
      'journal batch in flight at the failure settled',
    );
  }

  private async recoverLoop(): Promise<void> {
    while (this.modeNow === 'recovering') {
      await new Promise((r) => setTimeout(r, this.deps.retryMs ?? RECOVERY_RETRY_MS));
      if (this.modeNow !== 'recovering') return;
      if (await this.recoverOnce()) return;
    }
  }
}

/** Open orders placed by live strategies, from the orders table (the engine does not know deployments). */
async function openOrderTags(sql: Sql): Promise<Map<number, string>> {
  const rows = await sql<{ order_id: string; deployment_id: string }[]>`
    select order_id::text, deployment_id::text from orders
    where deployment_id is not null and status not in ('filled', 'cancelled', 'expired', 'rejected')`;
  return new Map(rows.map((r) => [Number(r.order_id), r.deployment_id]));
}
