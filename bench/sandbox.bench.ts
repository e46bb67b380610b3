/**
 * getOrder of 100 orders over real HTTP against an in-process sandbox: p50/p95 latency in ms,
 * and the CPU time per call (client and server together), which a busy machine inflates far
 * less than wall-clock latency. Run alone with `node --import tsx bench/sandbox.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { startSandbox } from '../src/sandbox/index.ts';

const ROUNDS = 60;
const WARMUP = 10;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function benchSandbox(): Promise<Record<string, number>> {
  const running = await startSandbox({ seed: 1, clock: 'frozen' });
  try {
    const shop = running.createShop({ autoConfirm: true });
    const licenseKey = shop.licenses[0]?.licenseKey as string;
    const generateStarted = performance.now();
    const numbers = running.generateOrders({ shopId: shop.shopId, count: 10_000, scenario: 'mixed', spreadDays: 30 });
    const generateMs = performance.now() - generateStarted;
    const authorization = `ESA ${Buffer.from(`${shop.serviceSecret}:${licenseKey}`).toString('base64')}`;
    const getOrder = async (chunk: string[]) => {
      const res = await fetch(`${running.url}/es/2.0/order/getOrder/`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ orderNumberList: chunk, version: 10 }),
      });
      await res.json();
    };
    const timings: number[] = [];
    let cpuStart = process.cpuUsage();
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      if (round === WARMUP) cpuStart = process.cpuUsage();
      const chunk = numbers.slice((round * 100) % (numbers.length - 100), ((round * 100) % (numbers.length - 100)) + 100);
      const started = performance.now();
      await getOrder(chunk);
      if (round >= WARMUP) timings.push(performance.now() - started);
    }
    const cpu = process.cpuUsage(cpuStart);
    timings.sort((a, b) => a - b);
    const searchStarted = performance.now();
    await fetch(`${running.url}/es/2.0/order/searchOrder/`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ dateType: 1, startDatetime: '2000-01-01T00:00:00+0900', endDatetime: '2000-01-02T00:00:00+0900' }),
    });
    return {
      'sandbox.getOrder100.p50Ms': Math.round(percentile(timings, 50) * 10) / 10,
      'sandbox.getOrder100.p95Ms': Math.round(percentile(timings, 95) * 10) / 10,
      'sandbox.getOrder100.cpuMsPerCall': Math.round(((cpu.user + cpu.system) / 1000 / ROUNDS) * 10) / 10,
      'sandbox.generate10kOrders.ms': Math.round(generateMs),
      'sandbox.searchOrderMiss.ms': Math.round((performance.now() - searchStarted) * 10) / 10,
    };
  } finally {
    await running.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchSandbox(), null, 2));
}
