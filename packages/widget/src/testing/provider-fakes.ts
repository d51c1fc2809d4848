/** Addresses of the local fakes of Stripe.js and Plaid Link, served by the test runner. */
export const FAKE_SCRIPT_URLS = {
  stripe: '/src/testing/fake-stripe.js',
  plaid: '/src/testing/fake-plaid.js',
} as const;

/** One call that a fake provider script recorded. */
export interface FakeProviderCall {
  name: string;
  args: unknown[];
}

/** Settings and recorded calls of `fake-stripe.js`. */
export interface FakeStripe {
  calls: FakeProviderCall[];
  card?: string;
  submitError?: { type: string; message?: string };
  onNextAction?: (clientSecret: string) => void | Promise<void>;
}

/** Settings and recorded calls of `fake-plaid.js`. */
export interface FakePlaid {
  calls: FakeProviderCall[];
  accountId?: string;
  exit?: boolean;
  exitError?: { error_code: string; display_message?: string };
}

declare global {
  interface Window {
    fakeStripe?: FakeStripe;
    fakePlaid?: FakePlaid;
  }
}

/** Starts the fake Stripe.js of the next test afresh and returns its settings. */
export function resetFakeStripe(settings: Partial<FakeStripe> = {}): FakeStripe {
  window.fakeStripe = { calls: [], ...settings };
  return window.fakeStripe;
}

/** Starts the fake Plaid Link of the next test afresh and returns its settings. */
export function resetFakePlaid(settings: Partial<FakePlaid> = {}): FakePlaid {
  window.fakePlaid = { calls: [], ...settings };
  return window.fakePlaid;
}

/** Returns the recorded calls of `name`. */
export function callsNamed(fake: { calls: FakeProviderCall[] }, name: string): FakeProviderCall[] {
  return fake.calls.filter((call) => call.name === name);
}
