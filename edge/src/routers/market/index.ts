import { router } from '../../trpc';
import { instruments } from './instruments';

/** Public market data. Candles and trades (issue 5) join here, behind the same caches. */
export const marketRouter = router({ instruments });
