import { currentRoute } from './route-signal';
import { hrefOf } from './router';
import { useServices } from './services-context';

const TABS = [
  { name: 'market', label: 'Markets', icon: 'M4 18 L9 12 L13 15 L20 7' },
  { name: 'orders', label: 'Orders', icon: 'M6 6 H18 M6 12 H18 M6 18 H13' },
  { name: 'portfolio', label: 'Portfolio', icon: 'M4 20 V11 M10 20 V5 M16 20 V14 M21 20 H3' },
  { name: 'alerts', label: 'Alerts', icon: 'M6 17 H18 L16 14 V10 A4 4 0 0 0 8 10 V14 Z M10 20 H14' },
  { name: 'reports', label: 'Reports', icon: 'M5 4 H15 L19 8 V20 H5 Z M8 13 H16 M8 17 H13' },
  { name: 'backtest', label: 'Backtest', icon: 'M4 20 H20 M5 16 L9 10 L13 13 L19 5 M15 5 H19 V9' },
  { name: 'strategies', label: 'Strategies', icon: 'M12 3 V6 M12 18 V21 M3 12 H6 M18 12 H21 M7 7 L17 17 M17 7 L7 17' },
] as const;

/** The app's sections, as a phone's tab bar (a side rail on wide screens); for signed-in users. */
export function BottomNav() {
  const { session } = useServices();
  if (!session.user.value) return null;
  const route = currentRoute.value.name;
  const active = route === 'trade' ? 'market' : route;
  return (
    <nav class="tabbar" aria-label="Sections">
      {TABS.map((t) => (
        <a
          key={t.name}
          href={hrefOf(t.name)}
          class={active === t.name ? 'tab is-on' : 'tab'}
          aria-current={active === t.name ? 'page' : undefined}
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path
              d={t.icon}
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
              stroke-linejoin="round"
            />
          </svg>
          <span>{t.label}</span>
        </a>
      ))}
    </nav>
  );
}
