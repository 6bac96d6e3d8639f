/**
 * `npm run bench [-- NAME ... | --list]`: runs the benchmark suites, each in a process of its
 * own (a clean heap and JIT per suite). A suite is `<package>/bench/<name>.bench.ts`; it prints
 * one JSON object per line on stdout (the figures) and everything else on stderr. This runner
 * passes figures through, sends any non-JSON stdout line to stderr, and fails if a suite fails.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REPO = resolve(import.meta.dirname, '..');
const PACKAGES = ['shared', 'db', 'core-server', 'edge', 'pwa'];

function discover(): Map<string, string> {
  const suites = new Map<string, string>();
  for (const pkg of PACKAGES) {
    let names: string[] = [];
    try {
      names = readdirSync(join(REPO, pkg, 'bench'));
    } catch {
      continue;
    }
    for (const file of names.filter((n) => n.endsWith('.bench.ts')).sort()) {
      suites.set(file.replace(/\.bench\.ts$/, ''), join(pkg, 'bench', file));
    }
  }
  return suites;
}

function runSuite(name: string, file: string): Promise<boolean> {
  process.stderr.write(`\n== bench ${name} (${file}, BENCH_SCALE=${process.env.BENCH_SCALE ?? '1'})\n`);
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    let figure = false;
    try {
      figure = typeof JSON.parse(line) === 'object';
    } catch {}
    (figure ? process.stdout : process.stderr).write(`${line}\n`);
  });
  return new Promise((ok) => child.on('exit', (code) => ok(code === 0)));
}

async function main(): Promise<void> {
  const suites = discover();
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const [name, file] of suites) process.stdout.write(`${name}\t${file}\n`);
    return;
  }
  const unknown = args.filter((a) => !suites.has(a));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${[...suites.keys()].join(', ')}`);
    process.exit(2);
  }
  const chosen = args.length > 0 ? args : [...suites.keys()];
  const failed: string[] = [];
  for (const name of chosen) {
    const file = suites.get(name);
    if (file && !(await runSuite(name, file))) failed.push(name);
  }
  if (failed.length > 0) {
    console.error(`bench suite(s) failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

await main();
