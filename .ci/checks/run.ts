/**
 * Rules that matter are enforced by a check, not remembered (STYLE.md habit 16). Each check
 * reads the tracked sources as text; together they take well under a second. The function
 * length limit (70 lines) is biome's noExcessiveLinesPerFunction, configured in biome.json.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

type Finding = { file: string; line: number; rule: string; text: string };

/**
 * shared/ runs the same in live trading, backtests and the browser, and replays must be
 * identical: no clock, no randomness, no I/O anywhere in it. Time and randomness come in as
 * arguments (commands carry time; PRNGs are seeded). The one exception is auth, where jose
 * needs a Date built from the caller's time.
 */
const DETERMINISTIC_DIRS = ['shared/src/'];
const DETERMINISM_EXCEPTIONS = ['shared/src/auth/'];
const NONDETERMINISM = [
  /\bDate\.now\s*\(/,
  /\bnew Date\s*\(/,
  /\bMath\.random\s*\(/,
  /\bcrypto\.(randomUUID|getRandomValues)\s*\(/,
  /\bperformance\.now\s*\(/,
  /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/,
  /\bprocess\./,
  /from ['"]node:/,
];

/**
 * What a backtest reports must be the same bits in the browser, the CLI and a server worker.
 * ECMAScript leaves Math.exp/log/pow and a fractional `**` to the engine (they differ in the last
 * bit between V8 builds), so the code a report is computed by uses shared/src/metrics'
 * portable-math instead. `**` with an integer literal exponent is exact and allowed.
 */
const PORTABLE_MATH_DIRS = [
  'shared/src/metrics/',
  'shared/src/backtest/',
  'shared/src/strategies/',
  'shared/src/indicators/',
];
const ENGINE_APPROXIMATED = [
  /\bMath\.(exp|expm1|log|log1p|log2|log10|pow|cbrt|hypot|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh)\s*\(/,
  /[\w)\]]\s*\*\*\s*(?!\d+n?(?![\d.eE]))[\w(.-]/,
];

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
  // This file names the patterns it looks for, so it is not scanned itself.
  return out.split('\n').filter((f) => /\.(ts|tsx)$/.test(f) && !f.startsWith('.ci/checks/'));
}

function scan(files: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    const deterministic =
      DETERMINISTIC_DIRS.some((d) => file.startsWith(d)) &&
      !DETERMINISM_EXCEPTIONS.some((d) => file.startsWith(d)) &&
      !file.endsWith('.test.ts');
    const portable = deterministic && PORTABLE_MATH_DIRS.some((d) => file.startsWith(d)) && !file.includes('/testing/');
    text.split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (deterministic) {
        const hit = NONDETERMINISM.find((re) => re.test(code));
        if (hit) findings.push({ file, line: i + 1, rule: 'deterministic-engine', text: line.trim() });
      }
      if (portable && !/^\s*\*/.test(code) && ENGINE_APPROXIMATED.some((re) => re.test(code))) {
        findings.push({ file, line: i + 1, rule: 'portable-math', text: line.trim() });
      }
      if (/\bFIXME\b/.test(line)) findings.push({ file, line: i + 1, rule: 'no-fixme', text: line.trim() });
      if (/\b(it|test|describe)\.only\s*\(/.test(code)) {
        findings.push({ file, line: i + 1, rule: 'no-focused-test', text: line.trim() });
      }
    });
  }
  return findings;
}

const findings = scan(trackedFiles());
for (const f of findings) console.error(`${f.file}:${f.line}  [${f.rule}]  ${f.text}`);
if (findings.length > 0) {
  console.error(`\n${findings.length} check finding(s). See .ci/checks/run.ts for the rules and why.`);
  process.exit(1);
}
process.stdout.write('checks: deterministic engine, portable math, no FIXME, no focused tests: ok\n');
