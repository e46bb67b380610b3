import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from './auth/principal.ts';

/**
 * Who may call a route: anyone; any signed-in user or token; only those who may change
 * orders (staff and admins, not viewers).
 */
export type Access = 'public' | 'reader' | 'writer';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteInput<P, Q, B, A extends Access> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: A extends 'public' ? null : Principal;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/**
 * One API route, described once: the server registers it and validates its input from this,
 * and the OpenAPI document is generated from the same description.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, A extends Access = Access> {
  readonly method: Method;
  /** Fastify syntax: `/api/orders/:orderNumber`. */
  readonly url: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: A;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  /** An omitted body is validated as `{}`, so all-optional bodies may be left out. */
  readonly body?: z.ZodType<B>;
  readonly response: z.ZodType;
  /** Error codes this route may answer with, besides validation and auth (for the docs). */
  readonly errors?: readonly string[];
  /** At most `max` requests per client address per window, counted in this process (@fastify/rate-limit). */
  readonly perAddressLimit?: { readonly max: number; readonly windowMs: number };
  handler(input: RouteInput<P, Q, B, A>): Promise<unknown>;
}

// The list of routes is heterogeneous; each spec is checked where it is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, Access>;

/** Identity function that lets TypeScript infer a route's types from its schemas. */
export function defineRoute<P = undefined, Q = undefined, B = undefined, A extends Access = Access>(spec: RouteSpec<P, Q, B, A>): AnyRoute {
  return spec as AnyRoute;
}
