import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** The rule ids lint reports for `code` as if it were the file at `path`. */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('the layer table is enforced by lint', () => {
  it('refuses an import the table does not allow', async () => {
    expect(await problems('src/app/example.ts', "export { runSyncCycle } from '../sync/index.ts';\n")).toContain('layers/layer-imports');
    expect(await problems('src/store/example.ts', "import type { Services } from '../app/services.ts';\nexport type S = Services;\n")).toContain('layers/layer-imports');
    expect(await problems('src/app/admin/example.ts', "export { RMS_BASE_URL } from '../../rms/wire/operations.ts';\n")).toContain('layers/layer-imports');
    expect(await problems('src/web/pages/example.ts', "export { Store } from '../../store/store.ts';\n")).toContain('layers/layer-imports');
    // The server reaches storage only through the app's services (issue 15), types included.
    expect(await problems('src/server/routes/example.ts', "import type { Store } from '../../store/store.ts';\nexport type S = Store;\n")).toContain('layers/layer-imports');
  });

  it('lets every layer import the domain, the ports and what its row names', async () => {
    expect(await problems('src/server/routes/example.ts', "export { OrderService } from '../../app/order-service.ts';\nexport { systemClock } from '../../ports/clock.ts';\nexport { UNDETERMINED } from '../../domain/money.ts';\n")).not.toContain('layers/layer-imports');
    expect(await problems('src/cli/commands/example.ts', "export { Store } from '../../store/store.ts';\n")).not.toContain('layers/layer-imports');
  });

  it('refuses a repository built outside the store', async () => {
    const code = "import { OrderRepository } from '../store/order-repository.ts';\nexport const repo = (db: never) => new OrderRepository(db);\n";
    expect(await problems('src/app/example.ts', code)).toContain('no-restricted-syntax');
    expect(await problems('src/store/example.ts', code.replace('../store/', './'))).not.toContain('no-restricted-syntax');
  });
});
