/**
 * npm's `prepare` step: builds the staff UI into dist/web during `npm install` (and `npm ci`),
 * so `juchu serve` on a fresh install serves it. Vite is a dev dependency: under
 * `npm install --omit=dev` it is absent, and this says so and leaves the build to be made
 * where dev dependencies are installed (`npm run build:web`, then copy dist/web), instead of
 * failing the install.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let vite;
try {
  require.resolve('vite/package.json');
  vite = await import('vite');
} catch {
  console.log('juchu: vite is not installed (dev dependencies omitted), so the web UI was not built; run `npm run build:web` where they are installed and ship dist/web with juchu.');
  process.exit(0);
}

await vite.build({ configFile: new URL('../src/web/vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
console.log('juchu: web UI built into dist/web');
