import type { CreatePayLinkRequest, List, PayLink } from '@duly/core';
import type { WriteOptions } from './duly-server.js';

// The vendor API's calls for pay links: addresses of the hosted page that pays one invoice.

export interface ListPayLinksParams {
  /** Only the links of this invoice. */
  invoice?: string;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface PayLinkCalls {
  /**
   * Creates a link to the hosted page that pays one open invoice. The response is the only
   * one with `token` and `url`: send the url to the customer, since it cannot be read back.
   */
  create(request: CreatePayLinkRequest, options?: WriteOptions): Promise<PayLink>;
  /** Lists the vendor's pay links, newest first, without tokens. */
  list(params?: ListPayLinksParams): Promise<List<PayLink>>;
  retrieve(id: string): Promise<PayLink>;
  /** Revokes a link and every session it made, at once. Revoking twice changes nothing. */
  revoke(id: string): Promise<PayLink>;
}

type Get = <T>(path: string, query?: Record<string, string | number | undefined>) => Promise<T>;
type Post = <T>(path: string, body: unknown, options?: WriteOptions) => Promise<T>;

/** Builds the pay link calls on the server client's authenticated `get` and `post`. */
export function payLinkCalls(get: Get, post: Post): PayLinkCalls {
  return {
    create: (request, options) => post('v1/pay_links', request, options),
    list: (params = {}) =>
      get('v1/pay_links', { invoice: params.invoice, limit: params.limit, cursor: params.cursor }),
    retrieve: (id) => get(`v1/pay_links/${encodeURIComponent(id)}`),
    revoke: (id) => post(`v1/pay_links/${encodeURIComponent(id)}/revoke`, {}),
  };
}
