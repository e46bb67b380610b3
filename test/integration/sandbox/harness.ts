/* eslint-disable @typescript-eslint/no-explicit-any -- tests read wire bodies field by field; the schemas are checked in their own tests */
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../src/sandbox/index.ts';

/** 2026-02-16 10:00:00 JST, a Monday; every suite starts its frozen clock here. */
export const START = new Date('2026-02-16T01:00:00Z');

export interface Credentials {
  serviceSecret: string;
  licenseKey: string;
  shopId: string;
}

export interface RmsAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A sandbox over real HTTP with one shop, driven through the control API with plain fetch. */
export class Harness {
  private constructor(
    readonly running: RunningSandbox,
    public shop: Credentials,
  ) {}

  static async start(options: StartSandboxOptions & { autoConfirm?: boolean } = {}): Promise<Harness> {
    const running = await startSandbox({ seed: 42, clock: 'frozen', startAt: START, ...options });
    const harness = new Harness(running, { serviceSecret: '', licenseKey: '', shopId: '' });
    harness.shop = await harness.createShop({ autoConfirm: options.autoConfirm ?? false });
    return harness;
  }

  get url(): string {
    return this.running.url;
  }

  close(): Promise<void> {
    return this.running.close();
  }

  async control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<RmsAnswer<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async createShop(body: Record<string, unknown> = {}): Promise<Credentials> {
    const { body: shop } = await this.control<{ shopId: string; serviceSecret: string; licenses: Array<{ licenseKey: string }> }>('POST', '/sandbox/shops', body);
    return { shopId: shop.shopId, serviceSecret: shop.serviceSecret, licenseKey: (shop.licenses.at(-1) as { licenseKey: string }).licenseKey };
  }

  async orders(scenario: string, count = 1, extra: Record<string, unknown> = {}, shop: Credentials = this.shop): Promise<string[]> {
    const { status, body } = await this.control<{ orderNumbers: string[] }>('POST', '/sandbox/orders', { licenseKey: shop.licenseKey, scenario, count, ...extra });
    if (status !== 200) throw new Error(`generating orders failed: ${JSON.stringify(body)}`);
    return body.orderNumbers;
  }

  async order(orderNumber: string): Promise<Record<string, any>> {
    return (await this.control<Record<string, any>>('GET', `/sandbox/orders/${orderNumber}`)).body;
  }

  async advance(seconds: number): Promise<string> {
    return (await this.control<{ now: string }>('POST', '/sandbox/clock', { advanceSeconds: seconds })).body.now;
  }

  authorization(shop: Credentials = this.shop): string {
    return `ESA ${Buffer.from(`${shop.serviceSecret}:${shop.licenseKey}`).toString('base64')}`;
  }

  async rms<T = Record<string, any>>(operation: string, body: unknown, shop: Credentials = this.shop): Promise<RmsAnswer<T>> {
    const res = await fetch(`${this.url}/es/2.0/order/${operation}/`, {
      method: 'POST',
      headers: { authorization: this.authorization(shop), 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }
}

export const codes = (body: { MessageModelList?: Array<{ messageCode: string }> }): string[] => (body.MessageModelList ?? []).map((m) => m.messageCode);

export const DAY = 86_400;
