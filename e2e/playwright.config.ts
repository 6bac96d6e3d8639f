import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * The journeys run against the whole stack started as `npm start` starts it (the supervisor
 * in db/src/bin/stack.ts, after the PWA build), on ports of their own and a fresh embedded
 * PostgreSQL (unless DATABASE_URL is set), so a developer's running instance is untouched.
 */
/** A port the kernel says is free now; synchronous because this config is read synchronously. */
function freePort(): string {
  const probe = `const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})`;
  return execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim();
}
// Free ports by default, so that runs in parallel (and a developer's own stack) never collide;
// the main process picks them and the workers inherit them through the environment.
process.env.E2E_EDGE_PORT ??= freePort();
while (!process.env.E2E_CORE_PORT || process.env.E2E_CORE_PORT === process.env.E2E_EDGE_PORT) {
  process.env.E2E_CORE_PORT = freePort();
}
export const EDGE_PORT = Number(process.env.E2E_EDGE_PORT);
export const CORE_PORT = Number(process.env.E2E_CORE_PORT);
export const BASE_URL = `http://127.0.0.1:${EDGE_PORT}`;

// Workers re-read this file; the env var makes them all agree on one data folder.
process.env.TW_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'tradewind-e2e-'));

/** Debian's Chromium (no browser downloads here); elsewhere Playwright's own browser. */
export const CHROMIUM_PATH = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: './journeys',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `node --import tsx ${resolve(import.meta.dirname, '../db/src/bin/stack.ts')}`,
    cwd: resolve(import.meta.dirname, '..'),
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      EDGE_PORT: String(EDGE_PORT),
      CORE_PORT: String(CORE_PORT),
      DATA_DIR: process.env.TW_E2E_DATA_DIR,
      LOG_LEVEL: 'warn',
      // The chart journey imports a CSV as an ordinary user (production default: admins only).
      MD_CSV_IMPORT_ROLE: 'user',
    },
  },
});
