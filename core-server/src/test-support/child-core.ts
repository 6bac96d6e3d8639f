import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
/** A child core must be up within this long (tsx start, uWS, recovery). */
export const CHILD_START_MS_MAX = 30_000;

export type ChildCore = {
  readonly proc: ChildProcess;
  readonly port: number;
  hash(): Promise<{ hash: string; seq: string }>;
  kill(): Promise<void>;
};

/** Starts crash-child.ts on a database; resolves once it listens (after its recovery). */
export function startChildCore(databaseUrl: string, env: Record<string, string> = {}): Promise<ChildCore> {
  const proc = fork(CHILD, [], {
    // CHILD_EXEC_ARGS: extra node flags for profiling (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
    // As `npm start` runs core (db/src/bin/stack.ts): a young generation for the orders in flight.
    execArgv: [
      '--max-semi-space-size=64',
      '--import',
      'tsx',
      ...(env.CHILD_EXEC_ARGS?.split(' ').filter((a) => a.length > 0) ?? []),
    ],
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child core did not start')), CHILD_START_MS_MAX);
    proc.once('exit', (code) => reject(new Error(`child core exited early (${code})`)));
    proc.on('message', (m: { type?: string; port?: number }) => {
      if (m.type !== 'ready' || m.port === undefined) return;
      clearTimeout(timer);
      resolve({
        proc,
        port: m.port,
        hash: () =>
          new Promise((res) => {
            const on = (x: { type?: string; hash?: string; seq?: string }) => {
              if (x.type !== 'hash') return;
              proc.off('message', on);
              res({ hash: x.hash ?? '', seq: x.seq ?? '' });
            };
            proc.on('message', on);
            proc.send({ cmd: 'hash' });
          }),
        kill: async () => {
          proc.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
