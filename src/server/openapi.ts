import { z } from 'zod';
import { ErrorResponseSchema } from './api/schemas.ts';
import type { AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

/**
 * The OpenAPI 3.1 document, generated from the routes' own zod schemas. Named schemas
 * (`.meta({ id })`) become components; a name whose request and response forms differ (a
 * field with a default is optional going in, present coming out) gets an `Input` twin.
 */
export function buildOpenApiDocument(routes: readonly AnyRoute[], info: { title: string; version: string }): JsonSchema {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  const errorSchema = components.add(ErrorResponseSchema, 'output');

  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...parametersOf(route.params, 'path', components),
      ...parametersOf(route.query, 'query', components),
    ];
    const operation: Record<string, unknown> = {
      operationId: operationId(route),
      summary: route.summary,
      tags: [route.tag],
      'x-juchu-access': route.access,
      security: route.access === 'public' ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && {
        requestBody: { required: !route.body.safeParse({}).success, content: { 'application/json': { schema: components.add(route.body, 'input') } } },
      }),
      ...(route.upload && {
        requestBody: {
          required: true,
          content: { 'multipart/form-data': { schema: { type: 'object', required: [route.upload.field], properties: { [route.upload.field]: { type: 'string', format: 'binary', description: route.upload.description } } } } },
        },
      }),
      responses: {
        200: route.produces
          ? { description: 'The file', content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'OK', content: { 'application/json': { schema: components.add(route.response, 'output') } } },
        default: {
          description: `Error: ${['VALIDATION_FAILED', ...(route.access === 'public' ? [] : ['UNAUTHORIZED', 'FORBIDDEN']), ...(route.errors ?? [])].join(', ')}`,
          content: { 'application/json': { schema: errorSchema } },
        },
      },
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }

  return {
    openapi: '3.1.0',
    info: { ...info, description: 'juchu HTTP API. Errors: `{ "error": { "code", "message", "details": { "messageJa", … } } }`.' },
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from `juchu token create`.' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'juchu_session',
          description: 'The web session from POST /api/auth/login; state-changing requests also need the x-csrf-token header.',
        },
      },
    },
  };
}

function operationId(route: AnyRoute): string {
  const words = route.url
    .replace(/^\/api\//, '')
    .split(/[/:-]/)
    .filter(Boolean);
  return [route.method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', components: Components): JsonSchema[] {
  if (!schema) return [];
  const json = components.inline(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  /** The schema as a reference when it is named, inline otherwise; its named parts are hoisted. */
  add(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = this.inline(schema, io);
    const id = z.globalRegistry.get(schema)?.id;
    return id ? { $ref: `#/components/schemas/${this.place(id, json)}` } : json;
  }

  /** The schema written out (for parameters, which OpenAPI wants inline). */
  inline(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const { $defs, ...json } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    delete json.$schema;
    const renames = new Map<string, string>();
    for (const [id, def] of Object.entries($defs ?? {})) renames.set(id, this.place(id, rewriteRefs(def, renames) as JsonSchema));
    const rewritten = rewriteRefs(json, renames) as JsonSchema;
    // A named schema comes back as a bare reference to its own definition: unwrap it.
    const ref = typeof rewritten.$ref === 'string' ? rewritten.$ref : null;
    if (ref && Object.keys(rewritten).length === 1) {
      const name = ref.replace('#/components/schemas/', '');
      return this.schemas[name] ?? rewritten;
    }
    return rewritten;
  }

  private place(id: string, json: JsonSchema): string {
    const canonical = JSON.stringify(json);
    for (const name of [id, `${id}Input`, `${id}Output`]) {
      const existing = this.schemas[name];
      if (!existing) {
        this.schemas[name] = json;
        return name;
      }
      if (JSON.stringify(existing) === canonical) return name;
    }
    throw new Error(`schema id ${id} is used for more than two different shapes`);
  }
}

function rewriteRefs(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, renames));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
        const id = v.slice('#/$defs/'.length);
        return [key, `#/components/schemas/${renames.get(id) ?? id}`];
      }
      return [key, rewriteRefs(v, renames)];
    }),
  );
}
