/** Pay links are made for a week; the page makes a new one a day before that ends. */
const PAY_LINK_SECONDS = 7 * 24 * 60 * 60;
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

/**
 * Builds the links to the pages Duly hosts, for a vendor that sends customers there instead
 * of embedding the portal: the whole portal for a session, and the pay page of one invoice.
 */
export function createHostedLinks({ duly, apiUrl }) {
  // The API returns a pay link's URL only when it creates the link, so the site keeps the
  // link per invoice rather than creating one per page view.
  const payLinksByInvoice = new Map();

  return {
    /** Returns the URL of a portal session's hosted portal: `/portal/<session token>` on the API. */
    portalUrl(session) {
      return `${apiUrl}/portal/${encodeURIComponent(session.token)}`;
    },

    /**
     * Finds the customer's open invoice that is due first and makes or reuses a pay link for
     * it. Returns `{ invoice, payLink }`, or undefined when the customer owes nothing.
     */
    async firstOpenInvoice(customerId) {
      const page = await duly.invoices.list({ customer: customerId, status: 'open', limit: 100 });
      const invoice = page.data
        .filter((candidate) => candidate.amount_payable > 0)
        .sort((a, b) => a.due_date.localeCompare(b.due_date))[0];
      if (invoice === undefined) return undefined;

      const stored = payLinksByInvoice.get(invoice.id);
      if (stored !== undefined && Date.parse(stored.expires_at) - Date.now() > RENEW_BEFORE_MS) {
        return { invoice, payLink: stored };
      }
      let payLink;
      try {
        payLink = await duly.payLinks.create({ invoice: invoice.id, expires_in: PAY_LINK_SECONDS });
      } catch (error) {
        // Paid or voided since the list was read: the page shows no pay link this time.
        if (error?.code !== 'invoice_not_payable') throw error;
        console.warn(`No pay link for ${invoice.id}: ${error.message}`);
        return undefined;
      }
      payLinksByInvoice.set(invoice.id, payLink);
      return { invoice, payLink };
    },
  };
}
