/**
 * Suite `engine` (issue 3's benchmark): `node --import tsx core-server/bench/engine.bench.ts`, or
 * `npm run bench -- engine`. Figures go to stdout as JSON lines, notes to stderr; BENCH_SCALE
 * scales the stream. Each section lives in bench/engine/ and is listed in SECTIONS.
 */

import { note } from './engine/bench-kit';
import { runBookSection, runMemorySection } from './engine/book-bench';
import { runCommandPathSection, runEngineMemorySection } from './engine/command-path';

type BenchSection = { readonly name: string; readonly run: () => void };

/**
 * The sections, run in this order in one process. Issue 3's benchmark 2 (the full command path:
 * validation + risk + matching + portfolio + ledger, ≥ 1,000,000 orders/s) belongs here as its own
 * entry, e.g. `{ name: 'full command path', run: runCommandPathSection }` from bench/engine/.
 */
const SECTIONS: readonly BenchSection[] = [
  { name: 'order book (ours vs peers, same stream)', run: runBookSection },
  { name: 'memory (1M resting orders)', run: runMemorySection },
  { name: 'full command path (engine B)', run: runCommandPathSection },
  { name: 'engine memory (1M resting orders through the full engine)', run: runEngineMemorySection },
];

/**
 * ENGINE_SECTIONS (optional): comma-separated substrings of section names to run only those,
 * e.g. `ENGINE_SECTIONS=command node --expose-gc --import tsx core-server/bench/engine.bench.ts`.
 */
const only = (process.env.ENGINE_SECTIONS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s !== '');
const chosen = only.length === 0 ? SECTIONS : SECTIONS.filter((s) => only.some((o) => s.name.includes(o)));
if (chosen.length === 0) throw new Error(`ENGINE_SECTIONS=${process.env.ENGINE_SECTIONS} matches no section`);

for (const section of chosen) {
  const t0 = performance.now();
  note(`-- ${section.name}`);
  section.run();
  note(`-- ${section.name}: ${Math.round(performance.now() - t0)} ms`);
}
