import { z } from 'zod';

/**
 * The ESA gateway's envelope, answered before the order service runs (bad or expired
 * credentials, function not enabled). It has no MessageModelList.
 */
export const gatewayErrorSchema = z.looseObject({
  Results: z.looseObject({
    errorCode: z.string(),
    // One client reads `errorMessage`; most read `message`. Accept either.
    message: z.string().optional(),
    errorMessage: z.string().optional(),
  }),
});
export type GatewayError = z.infer<typeof gatewayErrorSchema>;

export const GATEWAY_UNAUTHORISED = { errorCode: 'ES01-01', message: 'Un-Authorised' } as const;
export const GATEWAY_FUNCTION_NOT_ENABLED_CODE = 'ES04-01';

export function isGatewayError(body: unknown): body is GatewayError {
  return gatewayErrorSchema.safeParse(body).success;
}
