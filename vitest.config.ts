import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One vitest run over every package. Integration tests get a real PostgreSQL: the global
// setup starts the embedded one unless DATABASE_URL is set, and each test file makes its
// own database (see db/src/testing), so runs and files never collide.
const node = (name: string) => ({
  extends: true as const,
  test: { name, root: `./${name}`, environment: 'node', include: ['src/**/*.test.ts', 'bench/**/*.test.ts'] },
});

export default defineConfig({
  test: {
    globalSetup: [fileURLToPath(new URL('./db/src/testing/global-setup.ts', import.meta.url))],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [node('shared'), node('db'), node('core-server'), node('edge'), node('pwa')],
  },
});
