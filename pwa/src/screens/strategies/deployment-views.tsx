import type { Deployment, DeploymentDetail } from './strategies-state';

const pnlClass = (pnl: string) => (pnl.startsWith('-') ? 'st-pnl down' : pnl === '0.00' ? 'st-pnl' : 'st-pnl up');

/** running / stopped / failed, with the reason when it stopped. */
export function StatusBadge({ d }: { d: Pick<Deployment, 'status' | 'reason'> }) {
  return (
    <span class={`st-status is-${d.status}`} data-testid="deployment-status" title={d.reason ?? undefined}>
      {d.status}
    </span>
  );
}

export function StopStart(props: { d: Deployment; busy: boolean; onStop(): void; onStart(): void }) {
  return props.d.status === 'running' ? (
    <button type="button" class="btn btn-small" disabled={props.busy} onClick={props.onStop}>
      Stop
    </button>
  ) : (
    <button type="button" class="btn btn-small" disabled={props.busy} onClick={props.onStart}>
      Start
    </button>
  );
}

/** One row of the list: what it trades, where, its status and live PnL. */
export function DeploymentRow(props: { d: Deployment; busy: boolean; onStop(): void; onStart(): void }) {
  const { d } = props;
  return (
    <li class="st-row" data-testid="deployment" data-id={d.id} data-status={d.status}>
      <a class="st-name" href={`#/strategies/${d.id}`}>
        {d.name} · {d.symbols.join(', ')} · {d.interval}
      </a>
      <StatusBadge d={d} />
      <span class="muted">{d.allocated === null ? 'paper account' : `sub-account ${d.allocated} ${d.currency}`}</span>
      <span class={pnlClass(d.performance.pnl)} data-testid="deployment-pnl">
        PnL {d.performance.pnl}
      </span>
      <span class="muted">
        {d.performance.fills} fills · {d.openOrders} open
      </span>
      <StopStart {...props} />
      {d.status === 'failed' && d.reason ? <span class="st-reason">{d.reason}</span> : null}
    </li>
  );
}

/** A deployment's live performance, positions, orders and fills. */
export function DeploymentDetailView({ d }: { d: DeploymentDetail }) {
  const p = d.performance;
  return (
    <div class="st-detail" data-testid="deployment-detail">
      <dl class="st-facts">
        <dt>Account</dt>
        <dd>{d.allocated === null ? d.accountName : `${d.accountName} (sub-account, ${d.allocated} ${d.currency})`}</dd>
        <dt>Parameters</dt>
        <dd>
          <code>{JSON.stringify(d.params)}</code>
        </dd>
        <dt>PnL</dt>
        <dd class={pnlClass(p.pnl)} data-testid="detail-pnl">
          {p.pnl} {d.currency} (fees {p.fees})
        </dd>
        <dt>Runs</dt>
        <dd>{d.runs}</dd>
      </dl>
      {d.reason ? <p class="st-reason">{d.reason}</p> : null}
      <h2>Positions</h2>
      <table class="st-table" data-testid="detail-positions">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Position</th>
            <th>Mark</th>
            <th>PnL</th>
          </tr>
        </thead>
        <tbody>
          {p.symbols.map((s) => (
            <tr key={s.symbol}>
              <td>{s.symbol}</td>
              <td>{s.position}</td>
              <td>{s.markPrice ?? '—'}</td>
              <td class={pnlClass(s.pnl)}>{s.pnl}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Orders orders={d.orders} />
      <Fills fills={d.fills} />
    </div>
  );
}

function Orders({ orders }: { orders: DeploymentDetail['orders'] }) {
  return (
    <>
      <h2>Orders</h2>
      {orders.length === 0 ? <p class="empty">No orders yet.</p> : null}
      <table class="st-table" data-testid="detail-orders">
        <tbody>
          {orders.map((o) => (
            <tr key={o.orderId} data-status={o.status}>
              <td>{o.side}</td>
              <td>{o.type}</td>
              <td>
                {o.filledQuantity}/{o.quantity} {o.symbol}
              </td>
              <td>{o.price ?? 'market'}</td>
              <td>{o.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Fills({ fills }: { fills: DeploymentDetail['fills'] }) {
  return (
    <>
      <h2>Fills</h2>
      {fills.length === 0 ? <p class="empty">No fills yet.</p> : null}
      <table class="st-table" data-testid="detail-fills">
        <tbody>
          {fills.map((f) => (
            <tr key={`${f.tradeId}-${f.orderId}`}>
              <td>{f.side}</td>
              <td>
                {f.quantity} {f.symbol}
              </td>
              <td>@ {f.price}</td>
              <td>fee {f.fee}</td>
              <td>{new Date(f.tsMs).toISOString().slice(11, 19)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
