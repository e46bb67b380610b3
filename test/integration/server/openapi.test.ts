import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { anonymous, createWorld } from './support.ts';
import type { World } from './support.ts';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>>;
  components: { schemas: Record<string, unknown> };
};

describe(`OpenAPI document (${testEngine})`, () => {
  let w: World;
  let doc: Doc;
  beforeAll(async () => {
    w = await createWorld();
    const res = await anonymous(w.server).call('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json() as Doc;
  });
  afterAll(() => w.close());

  it('describes every API route the server answers', () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)),
    );
    const expected = [
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/auth/me',
      'GET /api/orders',
      'GET /api/orders/counts',
      'GET /api/orders/:orderNumber',
      'PATCH /api/orders/:orderNumber',
      'POST /api/orders/confirm',
      'POST /api/orders/:orderNumber/confirm',
      'POST /api/orders/:orderNumber/shipments',
      'POST /api/orders/:orderNumber/hold',
      'POST /api/orders/:orderNumber/release',
      'POST /api/orders/:orderNumber/cancel',
      'POST /api/orders/:orderNumber/operations/:operationId/retry',
      'GET /api/shops',
      'GET /api/shops/:code/settings',
      'GET /api/shops/:code/settings/:concern',
      'PUT /api/shops/:code/settings/:concern',
      'POST /api/shipping/labels/check',
      'POST /api/shipping/labels/export',
      'PUT /api/orders/:orderNumber/packages/:basketId/shipping',
      'POST /api/shipping/tracking/previews',
      'GET /api/shipping/tracking/previews/:id',
      'GET /api/shipping/tracking/previews/:id/rows',
      'POST /api/shipping/tracking/previews/:id/commit',
      'GET /api/shipping/filters',
      'POST /api/shipping/filters',
      'PATCH /api/shipping/filters/:id',
      'DELETE /api/shipping/filters/:id',
      'GET /api/shops/:shopCode/mail/templates',
      'POST /api/shops/:shopCode/mail/templates',
      'PUT /api/shops/:shopCode/mail/templates/:templateId',
      'POST /api/mail/preview',
      'POST /api/shops/:shopCode/mail/send',
      'GET /api/mail',
      'GET /api/mail/:mailId',
      'POST /api/mail/:mailId/resend',
      'GET /api/orders/:orderNumber/mail',
      'PUT /api/orders/:orderNumber/mail/auto',
      'POST /api/shops/:shopCode/mail/test',
      'GET /api/mail-alerts',
      'GET /api/dashboard',
      'POST /api/sync/run',
      'GET /api/sync/runs',
      'POST /api/paperwork/slips',
      'POST /api/paperwork/picking',
      'GET /api/paperwork/states',
      'GET /api/paperwork/parcels/:key',
      'POST /api/paperwork/parcels/:key/check',
      'PUT /api/paperwork/products',
      'GET /api/paperwork/status',
      'GET /api/meta',
      'GET /api/health',
      'GET /api/openapi.json',
      'POST /api/shops',
      'POST /api/shops/test-connection',
      'GET /api/shops/:code',
      'PATCH /api/shops/:code',
      'PUT /api/shops/:code/license-key',
      'GET /api/shops/:code/import',
      'GET /api/users',
      'POST /api/users',
      'PATCH /api/users/:id',
      'POST /api/users/:id/invitations',
      'GET /api/invitations/:token',
      'POST /api/invitations/:token',
      'POST /api/auth/password',
      'GET /api/tokens',
      'POST /api/tokens',
      'DELETE /api/tokens/:id',
      'GET /api/audit',
      // Automation (docs/AUTOMATION.md)
      'GET /api/shops/:code/automation/calendar/year',
      'GET /api/shops/:code/automation/rules',
      'GET /api/shops/:code/automation/rule-targets',
      'POST /api/shops/:code/automation/rules',
      'PUT /api/shops/:code/automation/rules/:ruleId',
      'DELETE /api/shops/:code/automation/rules/:ruleId',
      'PUT /api/shops/:code/automation/rules-order',
      'GET /api/shops/:code/automation/rule-changes',
      'POST /api/shops/:code/automation/dry-run',
      'POST /api/shops/:code/automation/apply',
      'GET /api/shops/:code/automation/work-states',
      'PUT /api/shops/:code/automation/work-states',
      'PUT /api/orders/:orderNumber/work-state',
    ];
    expect([...documented].sort()).toEqual([...expected].sort());
    for (const route of expected) {
      const [method, url] = route.split(' ') as [string, string];
      expect(w.server.hasRoute({ method: method as 'GET', url }), route).toBe(true);
    }
  });

  it('is OpenAPI 3.1 whose every $ref resolves, with unique operation ids and path parameters declared', () => {
    expect(doc.openapi).toBe('3.1.0');
    const refs: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        expect(op.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? [], path).toEqual(names);
        expect(op.responses.default, path).toBeDefined();
      }
    }
  });

  it('documents the request bodies from the same schemas the server validates with', () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    expect(Object.keys(schemas.OrderPatch!.properties!)).toEqual(
      expect.arrayContaining(['version', 'packages', 'paymentCharge', 'reductionReason', 'plannedShipDate', 'deliveryDate', 'shippingTerm']),
    );
    expect(schemas.OrderPatch!.required).toEqual(['version']);
    expect(schemas.Order!.required).toEqual(expect.arrayContaining(['orderNumber', 'confirmationDeadline', 'requestPrice', 'pendingOperations', 'history']));
    const list = doc.paths['/api/orders']!.get!;
    // A PDF answer is described with its own media type.
    expect(Object.keys((doc.paths['/api/paperwork/slips']!.post!.responses['200'] as { content: object }).content)).toEqual(['application/pdf']);
    expect(list.parameters!.map((p) => p.name)).toEqual(['status', 'shop', 'q', 'deadlineWithinHours', 'printed', 'packed', 'workState', 'limit', 'cursor']);
  });
});
