// The subscription routes of the screenshot script's fake portal API. The rules (proration,
// scheduled downgrades, cancellation, pause) are those of the widget tests' fake, loaded
// from `src/testing/fake-subscriptions.ts`, so both prorate with `prorate` of @duly/core.

import { problemFromError } from './fake-payments-api.mjs';
import { importTestingModule } from './testing-module.mjs';

const { FakeSubscriptions, makePlan, makeSubscription } =
  await importTestingModule('fake-subscriptions.ts');

/** Builds the café's plans: seats of the roastery software, and equipment care by the year. */
function makePlans() {
  return [
    makePlan({ id: 'plan_team', name: 'Roastery software, Team', unit_amount: 2900 }),
    makePlan({ id: 'plan_business', name: 'Roastery software, Business', unit_amount: 4900 }),
    makePlan({ id: 'plan_starter', name: 'Roastery software, Starter', unit_amount: 1500 }),
    makePlan({
      id: 'plan_care',
      name: 'Espresso machine care',
      interval: 'year',
      unit_amount: 120000,
    }),
    makePlan({ id: 'plan_beans', name: 'Weekly bean delivery', unit_amount: 34000 }),
  ];
}

/**
 * Creates the subscription routes of one page load: a software plan with five seats, an
 * equipment plan that ends at its period end, and a delivery plan whose renewal payment
 * failed, with its open invoice `inv_9Za1`.
 */
export function createSubscriptionsApi({ empty = false } = {}) {
  const plans = makePlans();
  const plan = (id) => plans.find((item) => item.id === id);
  const subscriptions = empty
    ? []
    : [
        makeSubscription({
          id: 'sub_team',
          customer: 'cus_harbor',
          plan: plan('plan_team'),
          quantity: 5,
        }),
        makeSubscription({
          id: 'sub_care',
          customer: 'cus_harbor',
          plan: plan('plan_care'),
          current_period_start: '2025-03-01T00:00:00.000Z',
          current_period_end: '2026-03-01T00:00:00.000Z',
          cancel_at_period_end: true,
          canceled_at: '2025-11-28T15:00:00.000Z',
          cancellation_reason: 'Too expensive',
        }),
        makeSubscription({
          id: 'sub_beans',
          customer: 'cus_harbor',
          plan: plan('plan_beans'),
          status: 'past_due',
          latest_invoice: 'inv_9Za1',
        }),
      ];
  const fake = new FakeSubscriptions(subscriptions, plans);
  fake.pauseAllowed = true;
  let changes = 0;

  return {
    /** Returns the response to a subscription route, or undefined for any other route. */
    handle(method, url, body) {
      try {
        return route(fake, method, url.pathname, body, () => `screens-${++changes}`);
      } catch (error) {
        return problemFromError(error);
      }
    },
  };
}

function route(fake, method, path, body, newKey) {
  if (method === 'GET' && path === '/v1/portal/subscriptions') {
    return { status: 200, body: fake.list() };
  }
  if (method === 'GET' && path === '/v1/portal/subscription_options') {
    return { status: 200, body: fake.options() };
  }
  const match = /^\/v1\/portal\/subscriptions\/([^/]+)(?:\/(\w+))?$/.exec(path);
  if (!match) return undefined;
  const [, id, action] = match;
  if (method === 'GET' && !action) return { status: 200, body: fake.get(id) };
  if (method !== 'POST') return undefined;
  switch (action) {
    case 'preview':
      return { status: 200, body: fake.preview(id, body) };
    case 'change':
      return { status: 200, body: fake.change(id, body, { idempotencyKey: newKey() }) };
    case 'cancel':
      return { status: 200, body: fake.cancel(id, body) };
    case 'resume':
      return { status: 200, body: fake.resume(id) };
    case 'pause':
      return { status: 200, body: fake.pause(id) };
    case 'unpause':
      return { status: 200, body: fake.unpause(id) };
    default:
      return undefined;
  }
}
