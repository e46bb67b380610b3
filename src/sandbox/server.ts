import Fastify, { type FastifyInstance } from 'fastify';
import type { ClockMode, SandboxClock } from './clock.ts';
import { registerControlRoutes } from './http/control-routes.ts';
import { registerRmsRoutes } from './http/rms-routes.ts';
import { startMailRelay, type MailRelayOptions, type RunningMailRelay } from './mail/relay.ts';
import { Sandbox, type CreateShopInput, type GenerateOrdersInput, type SandboxOptions } from './sandbox.ts';
import type { SandboxSettings } from './settings.ts';
import type { SandboxShop } from './shop.ts';
import type { SandboxState } from './state.ts';

export interface StartSandboxOptions extends SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  clock?: ClockMode;
  settings?: Partial<SandboxSettings>;
  /** Also run the SMTP relay (`juchu sandbox --smtp-port`); off unless given. */
  smtp?: MailRelayOptions;
}

export interface RunningSandbox {
  /** Base URL to use instead of https://api.rms.rakuten.co.jp. */
  readonly url: string;
  readonly port: number;
  readonly sandbox: Sandbox;
  readonly clock: SandboxClock;
  readonly state: SandboxState;
  readonly app: FastifyInstance;
  /** The SMTP relay, when started with `smtp`. */
  readonly mail: RunningMailRelay | null;
  createShop(input?: CreateShopInput): SandboxShop;
  generateOrders(input: GenerateOrdersInput): string[];
  close(): Promise<void>;
}

/** Builds the HTTP app around a sandbox without listening (for inject-style use). */
export function buildSandboxApp(sandbox: Sandbox): FastifyInstance {
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true }, bodyLimit: 16 * 1024 * 1024 });
  // Bodies stay text until a route parses them, so a broken body gets an RMS-shaped answer.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const limiter = registerRmsRoutes(app, sandbox);
  registerControlRoutes(app, sandbox, limiter);
  return app;
}

/** Starts the sandbox in-process and listens. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = new Sandbox(options);
  const app = buildSandboxApp(sandbox);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let mail: RunningMailRelay | null = null;
  try {
    mail = options.smtp ? await startMailRelay(sandbox, { host, ...options.smtp }) : null;
  } catch (err) {
    await app.close();
    throw err;
  }
  return {
    url: `http://${shownHost}:${port}`,
    port,
    sandbox,
    clock: sandbox.clock,
    get state() {
      return sandbox.state;
    },
    app,
    mail,
    createShop: (input) => sandbox.createShop(input),
    generateOrders: (input) => sandbox.generateOrders(input),
    close: async () => {
      await mail?.close();
      await app.close();
    },
  };
}
