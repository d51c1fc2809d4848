import type Stripe from 'stripe';
import type { Db } from '../../db/index.js';
import { ApiFixture } from '../../http/api-fixture.js';
import { FakeStripe } from '../../testing/fake-stripe/index.js';

/**
 * A vendor that takes payments through Stripe, the real app with the Stripe module, and
 * the fake Stripe it talks to. Test-only code; nothing in the API imports it.
 */
export class StripeFixture {
  private constructor(
    readonly api: ApiFixture,
    readonly fake: FakeStripe,
  ) {}

  static async create(db: Db, vendorName: string): Promise<StripeFixture> {
    const fake = await FakeStripe.start();
    const api = await ApiFixture.create(db, {
      vendorName,
      stripe: fake.settings,
      paymentProvider: 'stripe',
    });
    return new StripeFixture(api, fake);
  }

  /** Creates a customer with a portal session. */
  async customer(): Promise<{ id: string; session: string }> {
    const customer = await this.api.createCustomer();
    return { id: customer.id, session: await this.api.createSession(customer.id) };
  }

  /**
   * Saves a card or bank account as the widget does: Stripe.js makes the PaymentMethod
   * from a test number or token, then `POST /v1/portal/payment_methods/stripe`.
   */
  saveMethod(session: string, numberOrToken: string, save = true) {
    return this.api.request<Record<string, unknown>>('POST', '/v1/portal/payment_methods/stripe', {
      auth: session,
      body: { payment_method: this.fake.createPaymentMethod(numberOrToken), save },
    });
  }

  /** Saves a method and returns its Duly id, failing the test when it is not saved. */
  async methodId(session: string, numberOrToken: string): Promise<string> {
    const response = await this.saveMethod(session, numberOrToken);
    if (response.status !== 201) {
      throw new Error(
        `Saving ${numberOrToken} failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body.id as string;
  }

  /** Delivers a Stripe event to the app's `/webhooks/stripe`, signed with the right secret. */
  async deliver(event: Stripe.Event): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await this.fake.deliver(event, this.api.app);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async payment(id: string) {
    return this.api.db
      .selectFrom('payment')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async invoice(id: string) {
    return this.api.db
      .selectFrom('invoice')
      .select(['status', 'amount_due', 'amount_pending'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  /** Finds the PaymentIntent of a payment in the fake. */
  intentOf(paymentId: string) {
    const intent = this.fake
      .paymentIntents()
      .find(
        (candidate) => (candidate.metadata as Record<string, string>).duly_payment === paymentId,
      );
    if (intent === undefined) throw new Error(`No PaymentIntent names payment ${paymentId}.`);
    return intent;
  }

  close(): Promise<void> {
    return this.fake.close();
  }
}
