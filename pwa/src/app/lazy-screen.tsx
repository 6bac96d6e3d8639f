import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A screen loaded on first visit (its own chunk, precached by the service worker): keeps the
 * trading screens and their zod validation out of the first paint of the market watch.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      loading ??= load().then((c) => {
        loaded = c;
        return c;
      });
      loading.then(
        (c) => setScreen(() => c),
        () => {
          loading = undefined;
          setFailed(true);
        },
      );
    }, [Screen]);
    if (Screen) return <Screen {...props} />;
    return <div class="empty">{failed ? 'This screen could not be loaded. Check your connection.' : 'Loading…'}</div>;
  };
}
