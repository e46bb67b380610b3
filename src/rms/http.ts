/**
 * The RMS HTTP port: the one place juchu touches the network to reach RMS. Production uses
 * `fetchHttp`; tests inject a port that drops connections or delays answers.
 */
export interface RmsHttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

export interface RmsHttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type RmsHttp = (request: RmsHttpRequest) => Promise<RmsHttpResponse>;

/**
 * The request never produced a response: it timed out or the connection failed. For a write
 * this means the outcome is unknown — RMS may or may not have applied it.
 */
export class RmsTransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'RmsTransportError';
  }
}

export const fetchHttp: RmsHttp = async (request) => {
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new RmsTransportError('timeout', `no answer within ${request.timeoutMs} ms`);
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new RmsTransportError('network', cause?.code ?? cause?.message ?? (err as Error).message);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return { status: response.status, headers, body: text };
};
