import { DulyInvalidRequestError } from '@duly/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeBillingDetails } from '../testing/fake-client.js';
import { all, deepActiveElement, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyBillingDetails } from './duly-billing-details.js';

async function renderBilling(client: FakePortalClient, locale = 'en'): Promise<DulyBillingDetails> {
  const element = await fixture<DulyBillingDetails>(
    html`<duly-billing-details .client=${client} locale=${locale}></duly-billing-details>`,
  );
  await find(element, '[data-testid="billing-form"]');
  return element;
}

function field(element: DulyBillingDetails, name: string): HTMLInputElement {
  return one<HTMLInputElement>(element, `[data-testid="billing-${name}"]`);
}

function chooseCountry(element: DulyBillingDetails, code: string): void {
  const select = one<HTMLSelectElement>(element, '[data-testid="billing-country"]');
  select.value = code;
  select.dispatchEvent(new Event('change'));
}

describe('duly-billing-details', () => {
  it('shows the stored details', async () => {
    const element = await renderBilling(new FakePortalClient());

    expect(field(element, 'contactName').value).to.equal('Dana Whitfield');
    expect(field(element, 'email').value).to.equal('ap@acme-retail.example');
    expect(field(element, 'phone').value).to.equal('+1 503 555 0142');
    expect(field(element, 'line1').value).to.equal('400 Market Street');
    expect(field(element, 'postalCode').value).to.equal('97204');
    const country = one<HTMLSelectElement>(element, '[data-testid="billing-country"]');
    expect(country.value).to.equal('US');
    expect(text(country.selectedOptions[0] as HTMLElement)).to.equal('United States');
    expect(text(one(element, 'label[for="billing-line2"]'))).to.equal(
      'Apartment, suite or floor (optional)',
    );
  });

  it('saves the changed details', async () => {
    const client = new FakePortalClient();
    const element = await renderBilling(client);

    typeInto(field(element, 'email'), '  invoices@acme-retail.example ');
    typeInto(field(element, 'line2'), '');
    typeInto(field(element, 'city'), 'Toronto');
    typeInto(field(element, 'region'), 'ON');
    typeInto(field(element, 'postalCode'), 'M5V 2T6');
    chooseCountry(element, 'CA');
    one(element, '[data-testid="billing-save"]').click();
    const saved = await find(element, '[data-testid="billing-saved"]');

    expect(client.lastArgument('updateBillingDetails')).to.deep.equal({
      contact_name: 'Dana Whitfield',
      email: 'invoices@acme-retail.example',
      phone: '+1 503 555 0142',
      address: {
        line1: '400 Market Street',
        line2: null,
        city: 'Toronto',
        region: 'ON',
        postal_code: 'M5V 2T6',
        country: 'CA',
      },
    });
    expect(text(saved)).to.equal('Billing details saved.');
    expect(saved.closest('[role="status"]')?.getAttribute('aria-live')).to.equal('polite');
    expect(client.billingDetails.address?.country).to.equal('CA');
    expect(field(element, 'email').value).to.equal('invoices@acme-retail.example');
  });

  it('checks the fields before saving', async () => {
    const client = new FakePortalClient();
    const element = await renderBilling(client);

    typeInto(field(element, 'email'), 'ap@acme');
    typeInto(field(element, 'line1'), '');
    typeInto(field(element, 'city'), ' ');
    one(element, '[data-testid="billing-save"]').click();
    await element.updateComplete;

    expect(text(one(element, '#billing-email-error'))).to.equal(
      'Enter an email address such as name@example.com.',
    );
    expect(text(one(element, '#billing-line1-error'))).to.equal('Enter the street address.');
    expect(text(one(element, '#billing-city-error'))).to.equal('Enter the city.');
    expect(field(element, 'email').getAttribute('aria-describedby')).to.equal(
      'billing-email-hint billing-email-error',
    );
    expect(deepActiveElement() === field(element, 'email'), 'focused').to.be.true;
    expect(client.callsOf('updateBillingDetails')).to.have.length(0);

    typeInto(field(element, 'email'), 'ap@acme.example');
    await element.updateComplete;
    expect(all(element, '#billing-email-error')).to.have.length(0);
  });

  it('asks for a country with an address', async () => {
    const client = new FakePortalClient();
    client.billingDetails = makeBillingDetails({ address: null });
    const element = await renderBilling(client);

    typeInto(field(element, 'line1'), '12 Harbor Road');
    typeInto(field(element, 'city'), 'Portland');
    one(element, '[data-testid="billing-save"]').click();
    await element.updateComplete;

    expect(text(one(element, '#billing-country-error'))).to.equal('Choose the country.');
    expect(client.callsOf('updateBillingDetails')).to.have.length(0);
  });

  it('clears the address when it is emptied', async () => {
    const client = new FakePortalClient();
    const element = await renderBilling(client);

    for (const name of ['line1', 'line2', 'city', 'region', 'postalCode']) {
      typeInto(field(element, name), '');
    }
    chooseCountry(element, '');
    typeInto(field(element, 'phone'), '');
    one(element, '[data-testid="billing-save"]').click();
    await find(element, '[data-testid="billing-saved"]');

    const request = client.lastArgument<{ address: unknown; phone: unknown }>(
      'updateBillingDetails',
    );
    expect(request.address).to.equal(null);
    expect(request.phone).to.equal(null);
    expect(client.billingDetails.address).to.equal(null);
  });

  it('marks the field the API rejects', async () => {
    const client = new FakePortalClient();
    const element = await renderBilling(client);
    client.failNextCallOf.set(
      'updateBillingDetails',
      new DulyInvalidRequestError({
        code: 'validation_failed',
        status: 400,
        detail: 'address.postal_code is longer than 20.',
        param: 'address.postal_code',
      }),
    );

    one(element, '[data-testid="billing-save"]').click();
    const alert = await find(element, '[data-testid="billing-error"]');

    expect(text(alert)).to.equal(
      'Your billing details could not be saved. address.postal_code is longer than 20.',
    );
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(field(element, 'postalCode').getAttribute('aria-invalid')).to.equal('true');
    expect(text(one(element, '#billing-postalCode-error'))).to.equal('Check this field.');
    await waitUntil(() => deepActiveElement() === field(element, 'postalCode'), 'not focused');
  });

  it('speaks Spanish with locale es', async () => {
    const element = await renderBilling(new FakePortalClient(), 'es');

    expect(text(one(element, 'h2'))).to.equal('Datos de facturación');
    const country = one<HTMLSelectElement>(element, '[data-testid="billing-country"]');
    expect(text(country.selectedOptions[0] as HTMLElement)).to.equal('Estados Unidos');
    expect(text(one(element, '[data-testid="billing-save"]'))).to.equal(
      'Guardar datos de facturación',
    );
  });

  it('passes the axe accessibility check', async () => {
    const element = await renderBilling(new FakePortalClient());

    await expect(element).to.be.accessible();
  });
});
