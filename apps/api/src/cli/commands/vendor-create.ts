import { createVendor, VendorInputError } from '../../vendors/index.js';
import { type CliContext, printJson, withDatabase } from '../context.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

export const VENDOR_CREATE_USAGE =
  'duly vendor create --name NAME [--allowed-origin URL]... [--time-zone TZ] [--payment-provider sandbox|stripe] [--email EMAIL] [--address-line LINE]...';

/** The option that sets each field `createVendor` may reject. */
const OPTION_OF_FIELD: Record<string, string> = {
  name: '--name',
  allowed_origins: '--allowed-origin',
  time_zone: '--time-zone',
  payment_provider: '--payment-provider',
  email: '--email',
};

/** `duly vendor create`: creates a test-mode vendor and prints it with its secret key. */
export async function runVendorCreate(args: string[], context: CliContext): Promise<void> {
  const { values } = parseOptions(
    {
      args,
      options: {
        name: { type: 'string' },
        'allowed-origin': { type: 'string', multiple: true },
        'time-zone': { type: 'string' },
        'payment-provider': { type: 'string' },
        email: { type: 'string' },
        'address-line': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    },
    VENDOR_CREATE_USAGE,
  );
  if (values.help) {
    context.stdout.write(`Usage: ${VENDOR_CREATE_USAGE}\n`);
    return;
  }
  if (values.name === undefined) throw new UsageError('missing option --name', VENDOR_CREATE_USAGE);

  const vendor = await withDatabase(context, async (db, clock) => {
    try {
      return await createVendor(db, clock, {
        name: values.name as string,
        allowedOrigins: values['allowed-origin'] ?? [],
        ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
        ...(values['payment-provider'] === undefined
          ? {}
          : { paymentProvider: values['payment-provider'] }),
        ...(values.email === undefined ? {} : { email: values.email }),
        addressLines: values['address-line'] ?? [],
      });
    } catch (error) {
      if (!(error instanceof VendorInputError)) throw error;
      const option = OPTION_OF_FIELD[error.param] ?? error.param;
      throw new UsageError(`invalid ${option}: ${error.message}`, VENDOR_CREATE_USAGE);
    }
  });

  printJson(context, {
    id: vendor.id,
    name: vendor.name,
    secret_key: vendor.secret_key,
    allowed_origins: vendor.allowed_origins,
    time_zone: vendor.time_zone,
  });
}
