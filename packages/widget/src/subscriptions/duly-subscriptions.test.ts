import { prorate } from '@duly/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { PayRequestDetail } from '../shared/events.js';
import {
  connectionFailure,
  FakePortalClient,
  makePlan,
  makeSubscription,
} from '../testing/fake-client.js';
import { FakeSubscriptions } from '../testing/fake-subscriptions.js';
import { all, deepActiveElement, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulySubscriptions } from './duly-subscriptions.js';

const TEAM = makePlan({ id: 'plan_team', name: 'Team', unit_amount: 2500 });
const BUSINESS = makePlan({ id: 'plan_business', name: 'Business', unit_amount: 6000 });
const STARTER = makePlan({ id: 'plan_starter', name: 'Starter', unit_amount: 1000 });
const YEARLY = makePlan({ id: 'plan_yearly', name: 'Team yearly', interval: 'year' });
const EURO = makePlan({ id: 'plan_euro', name: 'Team EU', currency: 'EUR' });

function clientWith(...subscriptions: ReturnType<typeof makeSubscription>[]): FakePortalClient {
  const client = new FakePortalClient();
  client.subscriptions = new FakeSubscriptions(subscriptions, [
    TEAM,
    BUSINESS,
    STARTER,
    YEARLY,
    EURO,
  ]);
  return client;
}

async function renderSubscriptions(
  client: FakePortalClient,
  locale = 'en',
): Promise<DulySubscriptions> {
  const element = await fixture<DulySubscriptions>(
    html`<duly-subscriptions .client=${client} locale=${locale}></duly-subscriptions>`,
  );
  await waitUntil(
    () =>
      element.shadowRoot?.querySelector(
        '[data-testid="subscription"], [part="empty"], [part="error"]',
      ),
    'waiting for the subscriptions',
  );
  return element;
}

function card(element: DulySubscriptions, id = 'sub_1'): HTMLElement {
  return one(element, `[data-subscription-id="${id}"]`);
}

async function click(element: DulySubscriptions, selector: string): Promise<void> {
  one(element, selector).click();
  await element.updateComplete;
}

async function choosePlan(element: DulySubscriptions, planId: string): Promise<void> {
  const radio = await find<HTMLInputElement>(
    element,
    `[data-plan-id="${planId}"] [data-testid="plan-choice"]`,
  );
  radio.click();
  await element.updateComplete;
}

describe('duly-subscriptions', () => {
  it('shows plan, period and renewal', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM, quantity: 3 }));
    const element = await renderSubscriptions(client);

    expect(text(one(card(element), 'h3'))).to.equal('Team');
    expect(one(card(element), '[data-testid="subscription-status"]').dataset.status).to.equal(
      'active',
    );
    expect(text(one(card(element), '[data-testid="subscription-status"]'))).to.equal('Active');
    expect(text(one(card(element), '[data-testid="subscription-price"]'))).to.equal(
      '$25.00 × 3 = $75.00 a month',
    );
    expect(text(one(card(element), '[data-testid="subscription-quantity"]'))).to.equal('3');
    expect(text(one(card(element), '[data-testid="subscription-period"]'))).to.equal(
      'Dec 1, 2025 – Jan 1, 2026',
    );
    expect(text(one(card(element), '[data-testid="next-renewal"]'))).to.equal(
      '$75.00 on Jan 1, 2026',
    );
  });

  it('shows plan and renewal in Spanish', async () => {
    const client = clientWith(
      makeSubscription({
        plan: TEAM,
        status: 'trialing',
        trial_end: '2025-12-15T00:00:00.000Z',
      }),
    );
    const element = await renderSubscriptions(client, 'es');

    expect(text(one(element, 'h2'))).to.equal('Suscripciones');
    expect(text(one(card(element), '[data-testid="subscription-status"]'))).to.equal('Prueba');
    expect(text(one(card(element), '[data-testid="subscription-price"]'))).to.equal(
      '25,00 US$ al mes',
    );
    expect(text(one(card(element), '[data-testid="next-renewal"]'))).to.equal(
      '25,00 US$ el 1 ene 2026',
    );
    expect(text(one(card(element), '[data-testid="trial-end"]'))).to.equal('15 dic 2025');
  });

  it('previews an upgrade to the cent', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM, quantity: 2 }));
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="change-plan"]');

    await find(element, '[data-testid="plan-choice"]');
    const names = all(element, '.plan-choice').map((choice) => choice.dataset.planId);
    // Only plans of the same currency and interval are offered, the current one first.
    expect(names).to.deep.equal(['plan_team', 'plan_business', 'plan_starter']);

    await choosePlan(element, 'plan_business');
    await click(element, '[data-testid="change-review"]');
    const preview = await find(element, '[data-testid="change-preview"]');

    // 4 December 10:00 UTC leaves 27 days 14 hours of December's 31 days.
    const expected = prorate({
      periodStart: new Date('2025-12-01T00:00:00Z'),
      periodEnd: new Date('2026-01-01T00:00:00Z'),
      changeAt: new Date('2025-12-04T10:00:00Z'),
      from: { unitAmount: 2500, quantity: 2 },
      to: { unitAmount: 6000, quantity: 2 },
    });
    expect(expected).to.include({ credit: 4449, charge: 10677, net: 6228 });
    expect(preview.dataset.effective).to.equal('now');
    expect(all(preview, '[data-testid="preview-line"]').map(text)).to.deep.equal([
      'Credit · Team × 2 −$44.49',
      'Charge · Business × 2 $106.77',
    ]);
    expect(text(one(preview, '[data-testid="preview-net"]'))).to.equal('Due now $62.28');
    expect(text(one(preview, '[data-testid="preview-effect"]'))).to.equal(
      'Takes effect now. The amount due now is invoiced today.',
    );
    expect(text(one(preview, '[data-testid="preview-renewal"]'))).to.equal(
      'Then renews at $120.00 on Jan 1, 2026.',
    );
  });

  it('confirms the previewed upgrade once', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM, quantity: 2 }));
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="change-plan"]');
    await choosePlan(element, 'plan_business');
    await click(element, '[data-testid="change-review"]');
    await find(element, '[data-testid="change-preview"]');
    const previewed = client.lastArgument<string>('previewSubscriptionChange');
    expect(previewed).to.equal('sub_1');

    // The clock moves on; the change still bills the preview's instant.
    client.subscriptions.now = () => new Date('2025-12-04T10:30:00.000Z');
    setTimeout(() => one(element, '[data-testid="change-confirm"]').click());
    const event = await oneEvent(element, 'duly-subscription-updated');

    expect(event.detail.subscription.plan.id).to.equal('plan_business');
    const [id, request, options] = (client.callsOf('changeSubscription')[0]?.args ?? []) as [
      string,
      Record<string, unknown>,
      { idempotencyKey: string },
    ];
    expect(id).to.equal('sub_1');
    expect(request).to.deep.equal({
      plan: 'plan_business',
      proration_date: '2025-12-04T10:00:00.000Z',
    });
    expect(options.idempotencyKey).to.match(/^[\w-]{16,}$/);
    expect(client.subscriptions.issued).to.have.length(1);
    expect(client.subscriptions.issued[0]?.amount).to.equal(6228);
    expect(client.subscriptions.issued[0]?.lines.map((line) => line.amount)).to.deep.equal([
      4449, 10677,
    ]);

    await element.updateComplete;
    expect(text(one(card(element), '[data-testid="subscription-notice"]'))).to.equal(
      'Your plan changed. $62.28 is due on a new invoice.',
    );
    expect(text(one(card(element), 'h3'))).to.equal('Business');
    expect(text(one(card(element), '[data-testid="next-renewal"]'))).to.equal(
      '$120.00 on Jan 1, 2026',
    );
    expect(deepActiveElement()?.id).to.equal('subscription-sub_1');
  });

  it('schedules a downgrade at period end', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM, quantity: 1 }));
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="change-plan"]');
    await choosePlan(element, 'plan_starter');
    await click(element, '[data-testid="change-review"]');
    const preview = await find(element, '[data-testid="change-preview"]');

    expect(preview.dataset.effective).to.equal('period_end');
    expect(all(preview, '[data-testid="preview-line"]')).to.have.length(0);
    expect(text(one(preview, '[data-testid="preview-effect"]'))).to.equal(
      'Takes effect on Jan 1, 2026, at the end of the current period. Nothing is charged now.',
    );
    expect(text(one(preview, '[data-testid="preview-renewal"]'))).to.equal(
      'Then renews at $10.00 on Jan 1, 2026.',
    );

    await click(element, '[data-testid="change-confirm"]');
    await find(element, '[data-testid="scheduled-change"]');
    expect(text(one(card(element), '[data-testid="scheduled-change"]'))).to.equal(
      'Changes to Starter × 1 on Jan 1, 2026.',
    );
    expect(text(one(card(element), '[data-testid="next-renewal"]'))).to.equal(
      '$10.00 on Jan 1, 2026',
    );
    expect(client.subscriptions.issued).to.have.length(0);
  });

  it('drops a scheduled downgrade', async () => {
    const client = clientWith(
      makeSubscription({
        plan: TEAM,
        quantity: 1,
        scheduled_change: {
          plan: STARTER,
          quantity: 1,
          effective_at: '2026-01-01T00:00:00.000Z',
        },
      }),
    );
    const element = await renderSubscriptions(client);
    expect(text(one(card(element), '[data-testid="next-renewal"]'))).to.equal(
      '$10.00 on Jan 1, 2026',
    );
    await click(element, '[data-testid="change-plan"]');
    await find(element, '[data-testid="plan-choice"]');
    await click(element, '[data-testid="change-review"]');
    const preview = await find(element, '[data-testid="change-preview"]');

    expect(client.callsOf('previewSubscriptionChange')[0]?.args[1]).to.deep.equal({
      plan: 'plan_team',
    });
    expect(all(preview, '[data-testid="preview-line"]')).to.have.length(0);
    expect(text(one(preview, '[data-testid="preview-effect"]'))).to.equal(
      'Cancels the scheduled change. Your plan stays as it is.',
    );
    await click(element, '[data-testid="change-confirm"]');
    await find(element, '[data-testid="subscription-notice"]');

    expect(text(one(card(element), '[data-testid="subscription-notice"]'))).to.equal(
      'The scheduled change is canceled. Your plan stays as it is.',
    );
    expect(all(card(element), '[data-testid="scheduled-change"]')).to.have.length(0);
    expect(text(one(card(element), '[data-testid="next-renewal"]'))).to.equal(
      '$25.00 on Jan 1, 2026',
    );
    expect(client.subscriptions.issued).to.have.length(0);
  });

  it('credits a quantity decrease made now', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM, quantity: 4 }));
    client.subscriptions.downgradeTiming = 'now';
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="change-plan"]');
    await find(element, '[data-testid="plan-choice"]');
    await click(element, '[data-testid="quantity-decrease"]');
    expect(one<HTMLInputElement>(element, '[data-testid="quantity"]').value).to.equal('3');
    await click(element, '[data-testid="change-review"]');
    const preview = await find(element, '[data-testid="change-preview"]');

    // 2,500 x 4 and x 3 over 2,383,200 of 2,678,400 s: 8,897.85 -> 8,898; 6,673.39 -> 6,673.
    expect(text(one(preview, '[data-testid="preview-net"]'))).to.equal(
      'Credited to your account $22.25',
    );
    await click(element, '[data-testid="change-confirm"]');
    await find(element, '[data-testid="subscription-notice"]');
    expect(text(one(card(element), '[data-testid="subscription-notice"]'))).to.equal(
      'Your plan changed. $22.25 was added to your credit.',
    );
    expect(client.subscriptions.issued[0]).to.include({ kind: 'credit_note', amount: 2225 });
  });

  it('rejects a bad or unchanged quantity', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM, quantity: 1 }));
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="change-plan"]');
    await find(element, '[data-testid="plan-choice"]');

    const quantity = one<HTMLInputElement>(element, '[data-testid="quantity"]');
    typeInto(quantity, '2.5');
    await click(element, '[data-testid="change-review"]');
    expect(quantity.getAttribute('aria-invalid')).to.equal('true');
    expect(text(one(element, `#${quantity.id}-error`))).to.equal(
      'Enter a whole number of 1 or more.',
    );

    typeInto(quantity, '1');
    await click(element, '[data-testid="change-review"]');
    expect(text(one(element, '[data-testid="change-error"]'))).to.equal(
      'Choose another plan or quantity.',
    );
    expect(client.callsOf('previewSubscriptionChange')).to.have.length(0);
  });

  it('prices a stale preview again', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM, quantity: 1 }));
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="change-plan"]');
    await choosePlan(element, 'plan_business');
    await click(element, '[data-testid="change-review"]');
    await find(element, '[data-testid="change-preview"]');

    client.subscriptions.now = () => new Date('2025-12-04T11:00:01.000Z');
    await click(element, '[data-testid="change-confirm"]');
    await find(element, '[data-testid="change-error"]');

    expect(text(one(element, '[data-testid="change-error"]'))).to.equal(
      'The price changed since you reviewed it. Review the change again.',
    );
    expect(all(element, '[data-testid="change-preview"]')).to.have.length(0);
    expect(one(card(element), 'h3').textContent).to.equal('Team');
    expect(all(element, '[data-testid="change-review"]')).to.have.length(1);
  });

  it('cancels at period end, then resumes', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM }));
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="cancel-subscription"]');
    await find(element, '[data-testid="cancel-reason"]');

    await click(element, '[data-testid="cancel-continue"]');
    expect(text(one(element, '[id$="-error"]'))).to.equal('Choose a reason.');
    expect(client.callsOf('cancelSubscription')).to.have.length(0);

    const reason = one<HTMLSelectElement>(element, '[data-testid="cancel-reason"]');
    reason.value = 'Too expensive';
    reason.dispatchEvent(new Event('change'));
    typeInto(one<HTMLInputElement>(element, '[data-testid="cancel-comment"]'), '  Over budget ');
    await click(element, '[data-testid="cancel-continue"]');
    expect(text(one(element, '[data-testid="cancel-question"]'))).to.equal(
      'Team ends on Jan 1, 2026. Cancel it?',
    );
    expect(deepActiveElement()?.getAttribute('data-testid')).to.equal('cancel-question');

    await click(element, '[data-testid="cancel-confirm"]');
    await find(element, '[data-testid="subscription-ending"]');
    expect(client.lastArgument('cancelSubscription')).to.equal('sub_1');
    expect(client.callsOf('cancelSubscription')[0]?.args[1]).to.deep.equal({
      at: 'period_end',
      reason: 'Too expensive',
      comment: 'Over budget',
    });
    expect(one(card(element), '[data-testid="subscription-status"]').dataset.status).to.equal(
      'ending',
    );
    expect(text(one(card(element), '[data-testid="subscription-ending"]'))).to.contain(
      'Ends on Jan 1, 2026. You can use it until then.',
    );
    expect(all(card(element), '[data-testid="next-renewal"]')).to.have.length(0);

    await click(element, '[data-testid="resume-subscription"]');
    await waitUntil(() => all(card(element), '[data-testid="subscription-ending"]').length === 0);
    expect(text(one(card(element), '[data-testid="subscription-notice"]'))).to.equal(
      'Your subscription continues. It renews as before.',
    );
    expect(text(one(card(element), '[data-testid="next-renewal"]'))).to.equal(
      '$25.00 on Jan 1, 2026',
    );
  });

  it('cancels now after the confirm step', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM }));
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="cancel-subscription"]');
    const reason = await find<HTMLSelectElement>(element, '[data-testid="cancel-reason"]');
    reason.value = 'No longer needed';
    reason.dispatchEvent(new Event('change'));
    await click(element, '[data-testid="cancel-at-now"]');
    await click(element, '[data-testid="cancel-continue"]');
    expect(text(one(element, '[data-testid="cancel-question"]'))).to.equal(
      'Team ends now and cannot be resumed. Cancel it?',
    );

    await click(element, '[data-testid="cancel-confirm"]');
    await find(element, '[data-testid="subscription-ended"]');
    expect(one(card(element), '[data-testid="subscription-status"]').dataset.status).to.equal(
      'canceled',
    );
    expect(text(one(card(element), '[data-testid="subscription-ended"]'))).to.equal(
      'Canceled on Dec 4, 2025.',
    );
    expect(all(card(element), '[data-testid="change-plan"]')).to.have.length(0);
  });

  it('keeps the subscription when asked', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM }));
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="cancel-subscription"]');
    await find(element, '[data-testid="cancel-reason"]');
    await click(element, '[data-testid="cancel-keep"]');

    expect(all(element, '[data-testid="cancel-form"]')).to.have.length(0);
    expect(deepActiveElement()?.getAttribute('data-testid')).to.equal('cancel-subscription');
    expect(client.callsOf('cancelSubscription')).to.have.length(0);
  });

  it('pauses and unpauses where allowed', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM }));
    client.subscriptions.pauseAllowed = true;
    const element = await renderSubscriptions(client);

    await click(element, '[data-testid="pause-subscription"]');
    await find(element, '[data-testid="subscription-paused"]');
    expect(text(one(card(element), '[data-testid="subscription-paused"]'))).to.equal(
      'Paused since Dec 4, 2025. Nothing renews while it is paused. Resumed by Jan 1, 2026, it carries on in the period already billed. Resumed later, it starts a new period, invoiced at once. Resume',
    );
    expect(all(card(element), '[data-testid="next-renewal"]')).to.have.length(0);

    client.subscriptions.now = () => new Date('2026-02-10T08:00:00.000Z');
    await click(element, '[data-testid="unpause-subscription"]');
    await waitUntil(() => all(card(element), '[data-testid="subscription-paused"]').length === 0);
    expect(text(one(card(element), '[data-testid="subscription-period"]'))).to.equal(
      'Feb 10, 2026 – Mar 10, 2026',
    );
    expect(text(one(card(element), '[data-testid="subscription-notice"]'))).to.equal(
      'Your subscription is active again. A new period starts today and is invoiced at once.',
    );
  });

  it('unpauses within the billed period', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM }));
    client.subscriptions.pauseAllowed = true;
    const element = await renderSubscriptions(client);
    await click(element, '[data-testid="pause-subscription"]');
    await find(element, '[data-testid="subscription-paused"]');

    client.subscriptions.now = () => new Date('2025-12-10T08:00:00.000Z');
    await click(element, '[data-testid="unpause-subscription"]');
    await waitUntil(() => all(card(element), '[data-testid="subscription-paused"]').length === 0);

    expect(text(one(card(element), '[data-testid="subscription-period"]'))).to.equal(
      'Dec 1, 2025 – Jan 1, 2026',
    );
    expect(text(one(card(element), '[data-testid="subscription-notice"]'))).to.equal(
      'Your subscription is active again. It renews on Jan 1, 2026.',
    );
  });

  it('offers no pause without permission', async () => {
    const client = clientWith(
      makeSubscription({ plan: TEAM }),
      makeSubscription({
        id: 'sub_2',
        plan: BUSINESS,
        status: 'paused',
        paused_at: '2025-11-20T00:00:00.000Z',
      }),
    );
    const element = await renderSubscriptions(client);

    expect(all(card(element), '[data-testid="pause-subscription"]')).to.have.length(0);
    expect(all(card(element, 'sub_2'), '[data-testid="unpause-subscription"]')).to.have.length(0);
    expect(text(one(card(element, 'sub_2'), '[data-testid="subscription-paused"]'))).to.contain(
      'Ask the vendor to resume it.',
    );
  });

  it('pays the invoice of a failed renewal', async () => {
    const client = clientWith(
      makeSubscription({ plan: TEAM, status: 'past_due', latest_invoice: 'inv_1' }),
    );
    const element = await renderSubscriptions(client);
    expect(text(one(card(element), '[data-testid="subscription-past-due"]'))).to.contain(
      'The payment of the last renewal failed.',
    );

    setTimeout(() => one(element, '[data-testid="pay-renewal"]').click());
    const event = (await oneEvent(element, 'duly-pay-request')) as CustomEvent<PayRequestDetail>;
    expect(event.detail.invoices.map((invoice) => invoice.id)).to.deep.equal(['inv_1']);
  });

  it('shows errors with a next step', async () => {
    const client = clientWith(makeSubscription({ plan: TEAM }));
    client.failNextCallOf.set('listSubscriptions', connectionFailure());
    const element = await renderSubscriptions(client);
    expect(text(one(element, '[part="error"] h3'))).to.equal(
      'We could not load your subscriptions.',
    );

    one(element, '[part="error"] button').click();
    await find(element, '[data-testid="subscription"]');

    client.failNextCallOf.set('previewSubscriptionChange', connectionFailure());
    await click(element, '[data-testid="change-plan"]');
    await choosePlan(element, 'plan_business');
    await click(element, '[data-testid="change-review"]');
    await find(element, '[data-testid="change-error"]');
    expect(text(one(element, '[data-testid="change-error"]'))).to.match(/^That did not work\. /);
    expect(all(element, '[data-testid="change-review"]')).to.have.length(1);
  });

  it('passes axe in every state', async () => {
    const client = clientWith(
      makeSubscription({ plan: TEAM, quantity: 2 }),
      makeSubscription({ id: 'sub_2', plan: BUSINESS, cancel_at_period_end: true }),
      makeSubscription({ id: 'sub_3', plan: STARTER, status: 'past_due', latest_invoice: 'inv_1' }),
    );
    const element = await renderSubscriptions(client);
    await expect(element).to.be.accessible();

    await click(element, '[data-testid="change-plan"]');
    await choosePlan(element, 'plan_business');
    await click(element, '[data-testid="change-review"]');
    await find(element, '[data-testid="change-preview"]');
    await expect(element).to.be.accessible();
    await click(element, '[data-testid="change-close"]');

    await click(element, '[data-testid="cancel-subscription"]');
    const reason = await find<HTMLSelectElement>(element, '[data-testid="cancel-reason"]');
    reason.value = 'Other';
    reason.dispatchEvent(new Event('change'));
    await click(element, '[data-testid="cancel-continue"]');
    await find(element, '[data-testid="cancel-question"]');
    await expect(element).to.be.accessible();
  });

  it('shows an empty state', async () => {
    const element = await renderSubscriptions(clientWith());
    expect(text(one(element, '[part="empty"] h3'))).to.equal('No subscriptions');
  });
});
