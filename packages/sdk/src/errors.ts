import type { Problem } from '@duly/core';

/** What an error is built from: the response's problem document and its context. */
export interface DulyErrorInit {
  code: string;
  detail: string;
  status?: number | undefined;
  param?: string | undefined;
  requestId?: string | undefined;
  problem?: Problem | undefined;
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws for a failed request. `code` is the stable
 * problem code (such as `invoice_not_found`) to branch on; `detail` is a sentence for
 * people; `requestId` matches the API's logs.
 */
export class DulyError extends Error {
  override name = 'DulyError';
  /** Stable, machine-readable problem code. */
  readonly code: string;
  /** HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** What went wrong and what to do, for people. */
  readonly detail: string;
  /** The request field at fault, when there is one. */
  readonly param: string | undefined;
  /** The `Request-Id` of the response, to quote to support. */
  readonly requestId: string | undefined;
  /** The problem document as the API sent it. */
  readonly problem: Problem | undefined;

  constructor(init: DulyErrorInit) {
    super(init.detail, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.detail = init.detail;
    this.param = init.param;
    this.requestId = init.requestId;
    this.problem = init.problem;
  }
}

/** 401: the API key or portal session is missing, invalid or expired. */
export class DulyAuthenticationError extends DulyError {
  override name = 'DulyAuthenticationError';
}

/** 403: the credential is valid but may not do this (wrong origin, live mode, ...). */
export class DulyPermissionError extends DulyError {
  override name = 'DulyPermissionError';
}

/** 404: the object does not exist or belongs to someone else. */
export class DulyNotFoundError extends DulyError {
  override name = 'DulyNotFoundError';
}

/** 400 and 422: the request is malformed or breaks a rule; `param` names the field. */
export class DulyInvalidRequestError extends DulyError {
  override name = 'DulyInvalidRequestError';
}

/** 409: the request conflicts with the current state (invoice not open, key in use, ...). */
export class DulyConflictError extends DulyError {
  override name = 'DulyConflictError';
}

/**
 * 402: the payment was attempted and failed. The API recorded a `failed` payment, named
 * by `payment`; `declineCode` is the provider's reason.
 */
export class DulyCardError extends DulyError {
  override name = 'DulyCardError';
  /** Id of the failed payment the API recorded. */
  readonly payment: string | undefined;
  /** The provider's decline code, such as `insufficient_funds`. */
  readonly declineCode: string | undefined;

  constructor(init: DulyErrorInit) {
    super(init);
    this.payment = init.problem?.payment;
    this.declineCode = init.problem?.decline_code;
  }
}

/** 429: too many requests; wait before trying again. */
export class DulyRateLimitError extends DulyError {
  override name = 'DulyRateLimitError';
}

/** 5xx, or any response the SDK does not recognise. */
export class DulyApiError extends DulyError {
  override name = 'DulyApiError';
}

/** No response: the network failed or the API could not be reached. `status` is undefined. */
export class DulyConnectionError extends DulyError {
  override name = 'DulyConnectionError';
}

/** Whether `error` is the API saying that the portal session has expired. */
export function isSessionExpired(error: unknown): error is DulyAuthenticationError {
  return error instanceof DulyAuthenticationError && error.code === 'session_expired';
}

/** Builds the typed error for an HTTP error status. */
export function errorForStatus(status: number, init: DulyErrorInit): DulyError {
  switch (status) {
    case 400:
    case 422:
      return new DulyInvalidRequestError(init);
    case 401:
      return new DulyAuthenticationError(init);
    case 402:
      return new DulyCardError(init);
    case 403:
      return new DulyPermissionError(init);
    case 404:
      return new DulyNotFoundError(init);
    case 409:
      return new DulyConflictError(init);
    case 429:
      return new DulyRateLimitError(init);
    default:
      return new DulyApiError(init);
  }
}
