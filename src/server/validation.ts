import type { z } from 'zod';
import { ApiError } from './api-error.ts';

/** Parses one part of a request; a mismatch is 400 VALIDATION_FAILED naming every bad field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, part: 'params' | 'query' | 'body'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw ApiError.of('VALIDATION_FAILED', { issues });
}
