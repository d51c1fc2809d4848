/**
 * Creates the list of customers with open invoices for the demo's customer picker. The
 * vendor API has no customer list, so it reads the open invoices and their customers.
 */
export function createCustomerDirectory(duly) {
  // Names do not change, so each customer is fetched once. The open counts are read again
  // on every call, so the picker reflects payments made a moment ago.
  const customers = new Map();

  return {
    /** Lists customers with at least one open invoice, by name, with open and overdue counts. */
    async list() {
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
    },
  };
}

/** Returns the entry the demo opens first: the most overdue invoices, then the most open. */
export function pickDefault(entries) {
  let best;
  for (const entry of entries) {
    if (
      best === undefined ||
      entry.overdue > best.overdue ||
      (entry.overdue === best.overdue && entry.open > best.open)
    ) {
      best = entry;
    }
  }
  return best;
}

/** Returns a customer's name, with its account number when the name does not contain it. */
export function label(customer) {
  const number = customer.external_id;
  return number && !customer.name.includes(number) ? `${customer.name} (${number})` : customer.name;
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
