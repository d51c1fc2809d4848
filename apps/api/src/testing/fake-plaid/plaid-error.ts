import { randomBytes } from 'node:crypto';

/** Plaid's error body: every failed call returns one, with the HTTP status beside it. */
export interface PlaidErrorBody {
  error_type: string;
  error_code: string;
  error_message: string;
  display_message: string | null;
  request_id: string;
}

/** An error the fake returns. The server sends it as the status and Plaid's error body. */
export class FakePlaidError extends Error {
  override name = 'FakePlaidError';

  constructor(
    readonly status: number,
    readonly errorType: string,
    readonly errorCode: string,
    message: string,
    readonly displayMessage: string | null = null,
  ) {
    super(message);
  }

  toBody(requestId: string): PlaidErrorBody {
    return {
      error_type: this.errorType,
      error_code: this.errorCode,
      error_message: this.message,
      display_message: this.displayMessage,
      request_id: requestId,
    };
  }
}

/** Returns a new request id in Plaid's form: 15 letters and digits. */
export function newRequestId(): string {
  return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 15);
}

export function missingFields(names: string[]): FakePlaidError {
  return new FakePlaidError(
    400,
    'INVALID_REQUEST',
    'MISSING_FIELDS',
    `the following required fields are missing: ${names.join(', ')}`,
  );
}

export function invalidField(message: string): FakePlaidError {
  return new FakePlaidError(400, 'INVALID_REQUEST', 'INVALID_FIELD', message);
}

export function invalidInput(code: string, message: string): FakePlaidError {
  return new FakePlaidError(400, 'INVALID_INPUT', code, message);
}
