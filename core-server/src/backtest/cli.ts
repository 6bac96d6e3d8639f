/**
 * `npm run backtest -- --strategy sma-cross --symbol BTC-USD --from 2026-01-01 --to 2026-03-01 …`
 * (see args.ts USAGE). Ctrl-C stops the run between bars and still writes what was done.
 */
import { EXIT, runCli } from './run-cli';

const cancel = { aborted: false };
process.once('SIGINT', () => {
  cancel.aborted = true;
});
runCli(process.argv.slice(2), {
  stderr: (s) => process.stderr.write(s),
  stdout: (s) => process.stdout.write(s),
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
  cancel,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`backtest: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT.strategyFailed;
  },
);
