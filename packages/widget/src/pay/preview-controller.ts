import type { PaymentPreview, PaymentPreviewRequest } from '@duly/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps the API's preview of the payment the form would send
 * (`POST /v1/portal/payments/preview`). Typing waits `delay()` milliseconds after the last
 * keystroke, so one request goes out per pause. A response to a request that is no longer
 * the form's is dropped, so a slow response never overwrites a newer one.
 */
export class PreviewController implements ReactiveController {
  /** The last preview received. `previewOf` returns it only for the request it belongs to. */
  preview?: PaymentPreview;
  /** The error of the last request, cleared by the next request. */
  error?: unknown;
  /** True from a request until its response, including the wait before it is sent. */
  loading = false;

  #host: ReactiveControllerHost;
  #fetch: (request: PaymentPreviewRequest) => Promise<PaymentPreview>;
  #delay: () => number;
  #wanted?: string;
  #previewKey?: string;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost,
    fetch: (request: PaymentPreviewRequest) => Promise<PaymentPreview>,
    delay: () => number,
  ) {
    this.#host = host;
    this.#fetch = fetch;
    this.#delay = delay;
    host.addController(this);
  }

  /** Returns the preview when it belongs to exactly `request`, else `undefined`. */
  previewOf(request: PaymentPreviewRequest | undefined): PaymentPreview | undefined {
    if (!request || this.#previewKey !== JSON.stringify(request)) return undefined;
    return this.preview;
  }

  /**
   * Asks for the preview of `request`, after the typing pause unless `immediate`. The same
   * request as the one wanted does nothing; `undefined` drops what was wanted.
   */
  want(request: PaymentPreviewRequest | undefined, immediate = false): void {
    const key = request ? JSON.stringify(request) : undefined;
    if (key === this.#wanted && !immediate) return;
    this.#wanted = key;
    clearTimeout(this.#timer);
    this.error = undefined;
    if (!request || !key) {
      this.loading = false;
      this.#host.requestUpdate();
      return;
    }

    this.loading = true;
    this.#host.requestUpdate();
    const send = () => void this.#send(request, key);
    if (immediate) send();
    else this.#timer = setTimeout(send, this.#delay());
  }

  /** Sends the wanted request again, such as after a failure or a change on the server. */
  refresh(request: PaymentPreviewRequest | undefined): void {
    this.#wanted = undefined;
    this.want(request, true);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    // The wait was cancelled, so reconnecting must ask again.
    if (this.loading) this.#wanted = undefined;
  }

  async #send(request: PaymentPreviewRequest, key: string): Promise<void> {
    try {
      const preview = await this.#fetch(request);
      if (key !== this.#wanted) return;
      this.preview = preview;
      this.#previewKey = key;
    } catch (error) {
      if (key !== this.#wanted) return;
      this.error = error;
    }
    this.loading = false;
    this.#host.requestUpdate();
  }
}
