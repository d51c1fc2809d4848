import {
  createCustomerDirectory,
  pickDefault,
} from '../../examples/script-tag/customer-directory.mjs';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The demo's plans, by the key kept in their metadata; amounts in minor units. */
const PLANS = [
  { key: 'basic-month', name: 'Supply Club Basic', interval: 'month', unit_amount: 2900 },
  { key: 'basic-year', name: 'Supply Club Basic', interval: 'year', unit_amount: 29000 },
  { key: 'plus-month', name: 'Supply Club Plus', interval: 'month', unit_amount: 7900 },
  { key: 'plus-year', name: 'Supply Club Plus', interval: 'year', unit_amount: 79000 },
];
const PLAN_DESCRIPTIONS = {
  'Supply Club Basic': 'Free next-day delivery and a monthly paper allowance',
  'Supply Club Plus': 'Basic, plus ink and toner refills and a furniture discount',
};

/**
 * Seeds what the Subscriptions tab shows: four plans in the ledger's currency and a
 * subscription for each of four customers with open invoices. The customer the site opens
 * first is 12 days into a monthly period, so a change of plan shows a proration. Another
 * cancels at the period end. Pausing is allowed from the portal. Safe to run again: plans
 * are found by their metadata and customers that already subscribe are skipped. Returns
 * the subscriptions, with the customer's name.
 */
export async function seedSubscriptions(duly) {
  await duly.subscriptionSettings.update({ pause_allowed: true });
  const settings = await duly.subscriptionSettings.retrieve();

  const entries = await createCustomerDirectory(duly).list();
  if (entries.length === 0) return [];
  const first = pickDefault(entries);
  const others = entries.filter((entry) => entry !== first);
  const currency = await ledgerCurrency(duly);
  const plans = await ensurePlans(duly, currency);

  const now = Date.now();
  const seeds = [
    { entry: first, plan: 'basic-month', quantity: 1, startDaysAgo: 12 },
    { entry: others[0], plan: 'plus-month', quantity: 2, startDaysAgo: 5, cancel: true },
    { entry: others[1], plan: 'basic-year', quantity: 1, startDaysAgo: 20 },
    { entry: others[2], plan: 'plus-year', quantity: 3, startDaysAgo: 0 },
  ].filter(({ entry }) => entry !== undefined);

  const seeded = [];
  for (const { entry, plan, quantity, startDaysAgo, cancel } of seeds) {
    const customer = entry.customer;
    const existing = await duly.subscriptions.list({ customer: customer.id, limit: 1 });
    if (existing.data.length > 0) continue;
    let subscription = await duly.subscriptions.create({
      customer: customer.id,
      plan: plans.get(plan).id,
      quantity,
      ...(startDaysAgo > 0
        ? { start_at: new Date(now - startDaysAgo * DAY_MS).toISOString() }
        : {}),
      metadata: { demo: 'true' },
    });
    if (cancel) {
      subscription = await duly.subscriptions.cancel(subscription.id, {
        at: 'period_end',
        reason: settings.cancellation_reasons[0],
      });
    }
    seeded.push({ subscription, customerName: customer.name });
  }
  return seeded;
}

/** Returns the currency of the imported ledger's invoices. */
async function ledgerCurrency(duly) {
  const page = await duly.invoices.list({ limit: 1 });
  const currency = page.data[0]?.currency;
  if (currency === undefined)
    throw new Error('The vendor has no invoices; import the ledger first.');
  return currency;
}

async function ensurePlans(duly, currency) {
  const byKey = new Map();
  let cursor;
  do {
    const page = await duly.plans.list({ active: true, limit: 100, cursor });
    for (const plan of page.data) {
      const key = plan.metadata?.demo_plan;
      if (typeof key === 'string' && plan.currency === currency) byKey.set(key, plan);
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);

  for (const { key, name, interval, unit_amount } of PLANS) {
    if (byKey.has(key)) continue;
    const plan = await duly.plans.create({
      name,
      description: PLAN_DESCRIPTIONS[name],
      interval,
      currency,
      unit_amount,
      metadata: { demo_plan: key },
    });
    byKey.set(key, plan);
  }
  return byKey;
}
