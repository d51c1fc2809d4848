import { issueApiKey } from '../../api-keys/index.js';
import { type CliContext, printJson, withDatabase } from '../context.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

export const API_KEY_CREATE_USAGE = 'duly api-key create --vendor ID [--live]';

/** `duly api-key create`: issues a secret key for a vendor and prints it once. */
export async function runApiKeyCreate(args: string[], context: CliContext): Promise<void> {
  const { values } = parseOptions(
    {
      args,
      options: {
        vendor: { type: 'string' },
        live: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    API_KEY_CREATE_USAGE,
  );
  if (values.help) {
    context.stdout.write(`Usage: ${API_KEY_CREATE_USAGE}\n`);
    return;
  }
  if (values.vendor === undefined) {
    throw new UsageError('missing option --vendor', API_KEY_CREATE_USAGE);
  }

  const key = await withDatabase(context, (db, clock) =>
    issueApiKey(db, clock, values.vendor as string, values.live === true),
  );
  printJson(context, key);
}
