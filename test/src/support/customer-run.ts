import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { findCustomerWithOpenInvoices, type InvoiceState } from './ledger-queries.js';
import { type Stack, startStack } from './stack.js';

/** One end-to-end file's world: the stack, a customer with open invoices, and a browser page. */
export interface CustomerRun {
  stack: Stack;
  page: Page;
  customerId: string;
  openInvoices: InvoiceState[];
  /** Returns the customer's open invoice at `index`, oldest first. */
  invoiceAt(index: number): InvoiceState;
  close(): Promise<void>;
}

/**
 * Starts the stack with sandbox bank debits pending for `achDelayMs`, picks a customer with
 * open invoices and opens a page in Chromium.
 */
export async function startCustomerRun(options: { achDelayMs: number }): Promise<CustomerRun> {
  const stack = await startStack({ achDelayMs: options.achDelayMs });
  let browser: Browser | undefined;
  try {
    const { customerId, invoices } = await findCustomerWithOpenInvoices(stack.db, stack.vendorId);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const opened = browser;
    return {
      stack,
      page,
      customerId,
      openInvoices: invoices,
      invoiceAt(index) {
        const invoice = invoices[index];
        if (invoice === undefined) {
          throw new Error(`The customer has no open invoice #${index + 1}.`);
        }
        return invoice;
      },
      close: async () => {
        await opened.close();
        await stack.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await stack.close();
    throw error;
  }
}
