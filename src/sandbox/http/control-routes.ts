import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { SandboxError } from '../errors.ts';
import type { RateLimiter } from '../faults.ts';
import { isoJst, parseInstant } from '../iso.ts';
import type { Sandbox } from '../sandbox.ts';
import { shopView } from '../shop.ts';
import { parseJsonBody } from './body.ts';

const clockSchema = z.union([
  z.object({ advanceSeconds: z.number() }),
  z.object({ set: z.string().refine((s) => parseInstant(s) !== null) }),
]);

function jsonBody(raw: unknown): unknown {
  const parsed = parseJsonBody(raw);
  if (!parsed.ok) throw new SandboxError('VALIDATION_FAILED', 'body is not JSON');
  return parsed.value ?? {};
}

function sendError(reply: FastifyReply, err: unknown) {
  if (err instanceof SandboxError) {
    return reply.code(err.httpStatus).send({ error: { code: err.code, message: err.message } });
  }
  throw err;
}

/** The sandbox's own control API (INTERFACE.md §5), JSON in and out. */
export function registerControlRoutes(app: FastifyInstance, sandbox: Sandbox, limiter: RateLimiter): void {
  const route = <T>(handler: (request: { body: unknown; params: Record<string, string>; query: Record<string, string> }) => T) =>
    async (request: { body: unknown; params: unknown; query: unknown }, reply: FastifyReply) => {
      try {
        const result = handler({ body: request.body, params: request.params as Record<string, string>, query: request.query as Record<string, string> });
        return reply.code(200).send(result);
      } catch (err) {
        return sendError(reply, err);
      }
    };

  app.post('/sandbox/shops', route(({ body }) => shopView(sandbox.createShop(jsonBody(body) as never))));
  app.put('/sandbox/shops/:shopId/mail', route(({ params, body }) => shopView(sandbox.updateMailAccount(params.shopId as string, jsonBody(body)))));
  app.get('/sandbox/mail', route(({ query }) => ({ messages: sandbox.mailbox({ to: query.to }) })));
  app.get('/sandbox/mail/certificate', async (_request, reply) => {
    if (sandbox.mailCertificatePem === null) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no SMTP relay is running' } });
    return reply.code(200).type('application/x-pem-file').send(sandbox.mailCertificatePem);
  });
  app.post('/sandbox/orders', route(({ body }) => ({ orderNumbers: sandbox.generateOrders(jsonBody(body) as never) })));
  app.post('/sandbox/orders/:orderNumber/buyer-cancel', route(({ params }) => {
    sandbox.buyerCancel(params.orderNumber as string);
    return sandbox.orderView(params.orderNumber as string);
  }));
  app.get('/sandbox/orders/:orderNumber', route(({ params }) => sandbox.orderView(params.orderNumber as string)));

  app.get('/sandbox/clock', route(() => ({ now: isoJst(sandbox.now()), mode: sandbox.clock.mode })));
  app.post('/sandbox/clock', route(({ body }) => {
    const parsed = clockSchema.safeParse(jsonBody(body));
    if (!parsed.success) throw new SandboxError('VALIDATION_FAILED', 'send { advanceSeconds } or { set }');
    const now = 'advanceSeconds' in parsed.data
      ? sandbox.advanceClock(parsed.data.advanceSeconds)
      : sandbox.setClock(parseInstant(parsed.data.set) as Date);
    return { now: isoJst(now), mode: sandbox.clock.mode };
  }));

  app.get('/sandbox/faults', route(() => sandbox.state.faults));
  app.put('/sandbox/faults', route(({ body }) => sandbox.updateFaults(jsonBody(body))));
  app.get('/sandbox/settings', route(() => sandbox.settings));
  app.put('/sandbox/settings', route(({ body }) => sandbox.updateSettings(jsonBody(body))));

  app.get('/sandbox/ledger', route(({ query }) => ({ entries: sandbox.ledger({ orderNumber: query.orderNumber, operation: query.operation }) })));
  app.post('/sandbox/reset', route(() => {
    sandbox.reset();
    limiter.clear();
    return { ok: true };
  }));
}
