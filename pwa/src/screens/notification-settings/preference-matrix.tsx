import type { Preferences } from '../../lib/notifications/notifications-api';

type Matrix = Preferences['matrix'];
type Kind = Preferences['kinds'][number];
type Channel = Preferences['channels'][number];

const KIND_LABELS: Record<Kind, string> = {
  'order.filled': 'Order filled',
  'order.partially_filled': 'Partially filled',
  'order.cancelled': 'Order cancelled',
  'order.rejected': 'Order rejected',
  'order.expired': 'Order expired',
  'stop.triggered': 'Stop triggered',
  'margin.call': 'Margin call',
  'margin.liquidation': 'Liquidation',
  'account.kill_switch': 'Kill switch',
  'price_alert.triggered': 'Price alert',
  'strategy.status': 'Strategy stopped/failed',
  'backtest.finished': 'Backtest finished',
  daily_summary: 'Daily summary',
};

/** Event kind × channel checkboxes; the inbox always gets everything. */
export function PreferenceMatrix(props: { prefs: Preferences; matrix: Matrix; onChange(m: Matrix): void }) {
  const { prefs, matrix } = props;
  const toggle = (kind: Kind, channel: Channel, on: boolean) => {
    const current = matrix[kind] ?? [];
    const next = on ? [...current, channel] : current.filter((c) => c !== channel);
    props.onChange({ ...matrix, [kind]: next });
  };
  return (
    <table class="pref-matrix" data-testid="pref-matrix">
      <thead>
        <tr>
          <th scope="col">Event</th>
          {prefs.channels.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {prefs.kinds.map((kind) => (
          <tr key={kind}>
            <th scope="row">{KIND_LABELS[kind]}</th>
            {prefs.channels.map((channel) => (
              <td key={channel}>
                <input
                  type="checkbox"
                  aria-label={`${KIND_LABELS[kind]} by ${channel}`}
                  checked={(matrix[kind] ?? []).includes(channel)}
                  onChange={(e) => toggle(kind, channel, e.currentTarget.checked)}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
