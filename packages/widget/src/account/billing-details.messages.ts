import type { PartMessages } from '../i18n/index.js';

/** English messages of `<duly-billing-details>`; the Spanish ones below have the same keys. */
const en = {
  heading: 'Billing details',
  intro: 'Who receives your invoices, and the address printed on them.',
  contactName: 'Billing contact',
  email: 'Email for invoices',
  emailHint: 'Leave it empty to send invoices to your account email.',
  phone: 'Phone',
  address: 'Address',
  line1: 'Street address',
  line2: 'Apartment, suite or floor (optional)',
  city: 'City',
  region: 'State, province or region (optional)',
  postalCode: 'Postal code (optional)',
  country: 'Country',
  chooseCountry: 'Choose a country',
  save: 'Save billing details',
  saved: 'Billing details saved.',
  emailInvalid: 'Enter an email address such as name@example.com.',
  line1Missing: 'Enter the street address.',
  cityMissing: 'Enter the city.',
  countryMissing: 'Choose the country.',
  tooLong: (max: number) => `Use at most ${max} characters.`,
  checkField: 'Check this field.',
  loadFailed: 'We could not load your billing details.',
  saveFailed: 'Your billing details could not be saved.',
};

/** The messages of `<duly-billing-details>` in one language. */
export type BillingMessages = typeof en;

const es: BillingMessages = {
  heading: 'Datos de facturación',
  intro: 'Quién recibe sus facturas y la dirección que figura en ellas.',
  contactName: 'Contacto de facturación',
  email: 'Correo para facturas',
  emailHint: 'Déjelo vacío para recibir las facturas en el correo de su cuenta.',
  phone: 'Teléfono',
  address: 'Dirección',
  line1: 'Calle y número',
  line2: 'Piso, oficina o departamento (opcional)',
  city: 'Ciudad',
  region: 'Estado, provincia o región (opcional)',
  postalCode: 'Código postal (opcional)',
  country: 'País',
  chooseCountry: 'Elija un país',
  save: 'Guardar datos de facturación',
  saved: 'Datos de facturación guardados.',
  emailInvalid: 'Escriba un correo como nombre@ejemplo.com.',
  line1Missing: 'Escriba la calle y el número.',
  cityMissing: 'Escriba la ciudad.',
  countryMissing: 'Elija el país.',
  tooLong: (max) => `Use como máximo ${max} caracteres.`,
  checkField: 'Revise este campo.',
  loadFailed: 'No pudimos cargar sus datos de facturación.',
  saveFailed: 'No se pudieron guardar sus datos de facturación.',
};

export const billingMessages: PartMessages<BillingMessages> = { en, es };
