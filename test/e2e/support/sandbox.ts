/** The sandbox control API (INTERFACE §5), as the e2e tests drive it. */
export async function control<T>(sandboxUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(sandboxUrl + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function createOrder(sandboxUrl: string, licenseKey: string, scenario: string): Promise<string> {
  const { orderNumbers } = await control<{ orderNumbers: string[] }>(sandboxUrl, 'POST', '/sandbox/orders', { licenseKey, scenario, count: 1 });
  const [orderNumber] = orderNumbers;
  if (!orderNumber) throw new Error('the sandbox created no order');
  return orderNumber;
}

export async function advanceClock(sandboxUrl: string, seconds: number): Promise<string> {
  const { now } = await control<{ now: string }>(sandboxUrl, 'POST', '/sandbox/clock', { advanceSeconds: seconds });
  return now;
}

export async function rmsProgress(sandboxUrl: string, orderNumber: string): Promise<number> {
  const order = await control<{ orderProgress: number }>(sandboxUrl, 'GET', `/sandbox/orders/${orderNumber}`);
  return order.orderProgress;
}
