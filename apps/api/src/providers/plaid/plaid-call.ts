import { ApiError } from '../../http/api-error.js';
import type { Logger } from '../../http/logger.js';

/** Plaid's error body, carried by the SDK's HTTP error when Plaid responds with one. */
export interface PlaidErrorBody {
  error_type: string;
  error_code: string;
  error_message: string;
  display_message: string | null;
  request_id?: string;
}

/** The parts of the SDK's HTTP client (axios) error that tell a response from none. */
interface HttpClientError {
  isAxiosError: true;
  code?: string;
  message: string;
  response?: { status: number; data: unknown };
}

/**
 * Maps the Plaid errors that the caller's input caused, such as an expired public token, to
 * a problem for the customer. An error it leaves undefined is Plaid's or Duly's fault and
 * becomes `provider_error`.
 */
export type ExpectedPlaidErrors = (error: PlaidErrorBody) => ApiError | undefined;

/** Logger and request id of the Duly request that a Plaid call is made for. */
export interface PlaidCallContext {
  logger: Logger;
  requestId: string;
}

/**
 * Runs one call of the Plaid SDK and returns its data. Expected Plaid errors become the
 * caller's problem. Any other Plaid error, or no response at all, becomes
 * `502 provider_error` and is logged with Plaid's request id.
 */
export async function callPlaid<T>(
  context: PlaidCallContext,
  operation: string,
  request: () => Promise<{ data: T }>,
  expected: ExpectedPlaidErrors = () => undefined,
): Promise<T> {
  try {
    return (await request()).data;
  } catch (error) {
    if (!isHttpClientError(error)) throw error;
    const body = plaidErrorBody(error.response?.data);

    if (body === undefined) {
      context.logger.error('Plaid call failed without a response', {
        request_id: context.requestId,
        operation,
        status: error.response?.status,
        reason: error.code ?? error.message,
      });
      throw new ApiError(
        'provider_error',
        `Plaid could not be reached (${error.code ?? 'no answer'}). Try again in a few minutes.`,
      );
    }

    const mapped = expected(body);
    if (mapped !== undefined) throw mapped;

    context.logger.error('Plaid rejected a call', {
      request_id: context.requestId,
      operation,
      status: error.response?.status,
      plaid_request_id: body.request_id,
      error_type: body.error_type,
      error_code: body.error_code,
      error_message: body.error_message,
    });
    throw new ApiError('provider_error', providerErrorDetail(body));
  }
}

function providerErrorDetail(body: PlaidErrorBody): string {
  const reason = body.display_message ?? `Plaid answered ${body.error_type} ${body.error_code}`;
  return `Bank linking through Plaid failed: ${withPeriod(reason)} Try again later; if it persists, contact the vendor with the request id.`;
}

function withPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function isHttpClientError(error: unknown): error is HttpClientError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isAxiosError?: unknown }).isAxiosError === true
  );
}

function plaidErrorBody(data: unknown): PlaidErrorBody | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const candidate = data as Partial<PlaidErrorBody>;
  if (typeof candidate.error_type !== 'string' || typeof candidate.error_code !== 'string') {
    return undefined;
  }
  return {
    error_type: candidate.error_type,
    error_code: candidate.error_code,
    error_message: String(candidate.error_message ?? ''),
    display_message:
      typeof candidate.display_message === 'string' ? candidate.display_message : null,
    ...(typeof candidate.request_id === 'string' ? { request_id: candidate.request_id } : {}),
  };
}
