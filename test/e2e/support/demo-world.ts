import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDemo } from '../../../src/demo/start-demo.ts';
import { launchChromium } from './browser.ts';

export type Demo = Awaited<ReturnType<typeof startDemo>>;

export interface DemoWorld {
  /** Sandbox and juchu on a SQLite file of their own, frozen clock, no order feed. */
  readonly demo: Demo;
  readonly browser: Browser;
  /** The demo's data directory, removed afterwards: a place for the test's own files too. */
  readonly dataDir: string;
}

/**
 * One demo and one Chromium for a test file: started before its first test, given back (and
 * the data directory removed) after its last. Read `demo` and `browser` inside tests only.
 */
export function useDemoWorld(name: string): DemoWorld {
  let demo: Demo | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `juchu-e2e-${name}-`));
    demo = await startDemo({ port: 0, sandboxPort: 0, dataDir, clock: 'frozen', feedOrders: false });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get demo() {
      if (!demo) throw new Error('the demo runs only while the tests do');
      return demo;
    },
    get browser() {
      if (!browser) throw new Error('Chromium runs only while the tests do');
      return browser;
    },
    get dataDir() {
      if (!dataDir) throw new Error('the data directory exists only while the tests run');
      return dataDir;
    },
  };
}
