import type {
  ChargeOutcome,
  ChargeRequest,
  PaymentProvider,
  ProviderPaymentRef,
  RefundOutcome,
  RefundRequest,
} from '../providers/index.js';
import { SandboxProvider } from '../providers/index.js';
import { createMigratedDatabase, type TestDatabase } from '../testing/test-database.js';

/**
 * Test-only helpers of the job and autopay tests; nothing in the API imports them.
 */

/**
 * Creates a database for one test file. Job runners sweep every vendor's rows, so runners
 * on the database that all test files share would settle other files' payments.
 */
export function createIsolatedDatabase(sharedUrl: string): Promise<TestDatabase> {
  return createMigratedDatabase(sharedUrl, 'duly_jobs');
}

/**
 * The sandbox provider, recording every charge request. `holdCharges()` makes charges wait
 * until the function it returns is called, which stands for a runner that stopped in the
 * middle of a provider call.
 */
export class RecordingProvider implements PaymentProvider {
  readonly name = 'sandbox';
  // The sandbox's minimums, so jobs meet the same refusals as with the real provider.
  readonly minimumCharges = new SandboxProvider().minimumCharges;
  readonly charges: ChargeRequest[] = [];
  readonly #sandbox = new SandboxProvider();
  #held: Promise<void> | undefined;

  holdCharges(): () => void {
    let release = () => {};
    this.#held = new Promise((resolve) => {
      release = () => {
        this.#held = undefined;
        resolve();
      };
    });
    return release;
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    this.charges.push(request);
    if (this.#held !== undefined) await this.#held;
    return this.#sandbox.charge(request);
  }

  refund(request: RefundRequest): Promise<RefundOutcome> {
    return this.#sandbox.refund(request);
  }

  cancel(_payment: ProviderPaymentRef): Promise<void> {
    return this.#sandbox.cancel();
  }
}
