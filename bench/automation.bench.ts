/**
 * What sorting rules cost the import: the same in-process import (benchImport) of N orders on
 * SQLite without rules and with R rules, in the same run. The rules are varied like a shop's:
 * remarks words, prefectures, amounts, SKUs, flags, one on the buyer's order count (the only
 * one that reads the database), most matching few orders, some setting a work state.
 *
 *   node --import tsx bench/automation.bench.ts [orders] [rules]
 */
import { pathToFileURL } from 'node:url';
import type { RuleDraft } from '../src/domain/automation/rules.ts';
import { PREFECTURES } from '../src/domain/prefectures.ts';
import type { Database } from '../src/store/database.ts';
import { createApp, realPorts } from '../src/composition/compose.ts';
import { benchImport } from './import.bench.ts';
import { SYSTEM_CALLER } from '../src/app/caller.ts';

const BENCH_ACTOR = { kind: 'system', name: 'bench' } as const;

export interface AutomationBench {
  readonly orders: number;
  readonly rules: number;
  readonly withoutRulesPerSecond: number;
  readonly withRulesPerSecond: number;
  readonly ratio: number;
}

export async function benchAutomation(opts: { orders: number; rules: number }): Promise<AutomationBench> {
  // Without rules first and then with: the sandbox and database are fresh for each import.
  const without = await benchImport({ orders: opts.orders });
  const withRules = await benchImport({ orders: opts.orders, prepare: (db, shop) => addRules(db, shop, opts.rules) });
  return {
    orders: withRules.orders!,
    rules: opts.rules,
    withoutRulesPerSecond: without.ordersPerSecond!,
    withRulesPerSecond: withRules.ordersPerSecond!,
    ratio: withRules.ordersPerSecond! / without.ordersPerSecond!,
  };
}

async function addRules(db: Database, shop: string, count: number): Promise<void> {
  const clock = { now: () => new Date('2026-03-02T01:00:00Z') };
  const service = createApp(db, realPorts(clock, () => 'bench-secret-0000000000003')).automation;
  await service.saveWorkStates(SYSTEM_CALLER, shop, [{ code: 'check', label: '要確認', rmsSubStatusId: null }, { code: 'stock', label: '在庫確認中', rmsSubStatusId: null }], BENCH_ACTOR);
  const shapes: ((i: number) => RuleDraft['conditions'])[] = [
    (i) => ({ remarksContainAny: [`のし${i}`, '領収書', `ギフト包装${i}`] }),
    (i) => ({ prefectures: [PREFECTURES[i % 47]!, PREFECTURES[(i * 7) % 47]!] }),
    (i) => ({ amountMin: 50_000 + i * 1000 }),
    (i) => ({ skus: [`sku-${i}`, `item-${i}`] }),
    () => ({ gift: true, deliveryDateRequested: true }),
    () => ({ remoteIsland: true }),
    () => ({ postageUndetermined: true, quantityMin: 2 }),
    () => ({ paymentMethods: [2], amountMax: 3000 }),
    () => ({ buyerOrderCountMin: 3 }),
  ];
  for (let i = 0; i < count; i++) {
    const conditions = shapes[i % shapes.length]!(i);
    await service.createRule(SYSTEM_CALLER, shop, { name: `rule ${i}`, enabled: true, stop: false, conditions, actions: [{ kind: 'setWorkState', workState: i % 2 === 0 ? 'check' : 'stock' }] }, BENCH_ACTOR);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [orders, rules] = process.argv.slice(2);
  const figures = await benchAutomation({ orders: orders ? Number(orders) : 20_000, rules: rules ? Number(rules) : 50 });
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
