import { z } from 'zod';

/** One field at fault, in a problem document that reports several. */
export const FieldErrorSchema = z.object({
  param: z.string(),
  code: z.string(),
  detail: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/**
 * An RFC 9457 problem document (`application/problem+json`), the body of every error
 * response. `code` is stable; `detail` is for people; `param` names the field at fault.
 */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  param: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
  request_id: z.string(),
  /** The payment that failed, on payment errors (402). */
  payment: z.string().optional(),
  /** The provider's decline code, on card declines. */
  decline_code: z.string().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;
