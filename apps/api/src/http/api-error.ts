import { type FieldError, PROBLEM_CODES, type ProblemCode } from '@duly/core';

/** Fields of a problem document beyond `code` and `detail`. */
export interface ApiErrorOptions {
  /** The request field at fault, such as `invoices[0].amount`. */
  param?: string;
  /** Every field at fault, when there are several. */
  errors?: FieldError[];
  /** The failed payment, on payment errors. */
  payment?: string;
  /** The provider's decline code, on card declines. */
  declineCode?: string;
  /** Extra response headers, such as `Retry-After`. */
  headers?: Record<string, string>;
}

/**
 * The one error type of the HTTP edge: a stable problem code with a detail a person can act
 * on. The app's error handler turns it into an `application/problem+json` response whose
 * status comes from `PROBLEM_CODES`.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ProblemCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly payment: string | undefined;
  readonly declineCode: string | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, detail: string, options: ApiErrorOptions = {}) {
    super(detail);
    this.code = code;
    this.status = PROBLEM_CODES[code].status;
    this.param = options.param;
    this.errors = options.errors;
    this.payment = options.payment;
    this.declineCode = options.declineCode;
    this.headers = options.headers ?? {};
  }
}
