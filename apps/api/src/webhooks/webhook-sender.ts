/** The outcome of one HTTP attempt of a delivery. */
export interface SendOutcome {
  /** Whether the receiver responded with a 2xx status. */
  succeeded: boolean;
  /** The receiver's status, or null when no response came. */
  responseStatus: number | null;
  /** The reason the attempt failed, for the vendor's delivery log; null on success. */
  error: string | null;
  durationMs: number;
}

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * POSTs one delivery and reports how it ended; never throws for the receiver's faults.
 * Redirects are not followed, because the vendor registered this exact URL and a 3xx is
 * more likely a misconfiguration than a move, so they count as failures.
 */
export async function sendWebhook(request: WebhookRequest): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    // The response body is never read: cancel it so the connection is released at once.
    await response.body?.cancel().catch(() => {});
    const succeeded = response.status >= 200 && response.status < 300;
    return {
      succeeded,
      responseStatus: response.status,
      error: succeeded
        ? null
        : `The endpoint answered HTTP ${response.status}; expected a 2xx status.`,
      durationMs: elapsed(),
    };
  } catch (error) {
    return {
      succeeded: false,
      responseStatus: null,
      error: describeFailure(error, request),
      durationMs: elapsed(),
    };
  }
}

function describeFailure(error: unknown, request: WebhookRequest): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `No response within ${request.timeoutMs} ms; the endpoint must respond before the timeout.`;
  }
  // fetch wraps network errors (refused connection, DNS failure, TLS) in a TypeError whose
  // cause is the system error.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `The request failed before a response: ${detail}.`;
}
