/**
 * The customers that have open invoices, for the demo's customer picker. The vendor API
 * has no customer list, so this reads the open invoices and looks up each customer once.
 */
export function createCustomerDirectory(duly, { maxAgeMs = 10_000 } = {}) {
  const customers = new Map();
  let cached;

  async function load() {
    const invoices = await listOpenInvoices(duly);
    const summaries = new Map();
    for (const invoice of invoices) {
      const summary = summaries.get(invoice.customer) ?? { open: 0, overdue: 0 };
      summary.open += 1;
      if (invoice.overdue) summary.overdue += 1;
      summaries.set(invoice.customer, summary);
    }

    const ids = [...summaries.keys()];
    await forEachLimited(ids, 8, async (id) => {
      if (!customers.has(id)) customers.set(id, await duly.customers.retrieve(id));
    });

    return ids
      .map((id) => ({ customer: customers.get(id), ...summaries.get(id) }))
      .sort((a, b) => label(a.customer).localeCompare(label(b.customer)));
  }

  return {
    /** Customers with at least one open invoice, by name, each with its open and overdue counts. */
    async list() {
      if (cached === undefined || Date.now() - cached.at > maxAgeMs) {
        cached = { at: Date.now(), entries: await load() };
      }
      return cached.entries;
    },
  };
}

/** A customer's name, with its account number when the name is not already that number. */
export function label(customer) {
  const number = customer.external_id;
  return number && number !== customer.name ? `${customer.name} (${number})` : customer.name;
}

async function listOpenInvoices(duly) {
  const invoices = [];
  let cursor;
  do {
    const page = await duly.invoices.list({ status: 'open', limit: 100, cursor });
    invoices.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return invoices;
}

async function forEachLimited(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
