import type { PortalClient } from '@duly/sdk';
import { html, type TemplateResult } from 'lit';
import type { DulyElement } from '../shared/duly-element.js';

/**
 * Draws `<duly-receipt>` of `paymentId` with a back button, in place of the `host`'s own
 * view, with the host's client, language and theme. The receipt's `duly-back` event stops
 * at the host, which runs `onBack` instead. The caller registers `<duly-receipt>`.
 */
export function receiptInPlace(
  host: DulyElement,
  client: PortalClient,
  paymentId: string,
  onBack: () => void,
): TemplateResult {
  return html`<duly-receipt
    payment-id=${paymentId}
    show-back
    .client=${client}
    .locale=${host.locale}
    .sessionLocale=${host.sessionLocale}
    theme=${host.theme}
    @duly-back=${(event: Event) => {
      event.stopPropagation();
      onBack();
    }}
  ></duly-receipt>`;
}

/**
 * Moves focus after a receipt opened in place opens or closes: to the receipt, or back to
 * the button of `closedPaymentId`'s row (`[data-payment-id]`) when it closed.
 */
export function focusAfterReceipt(
  root: ParentNode,
  openedPaymentId: string | undefined,
  closedPaymentId: string | undefined,
): void {
  const target = openedPaymentId
    ? root.querySelector<HTMLElement>('duly-receipt')
    : root.querySelector<HTMLElement>(`[data-payment-id="${closedPaymentId}"] button`);
  target?.focus();
}
