/**
 * Raised for a command line that cannot be run as written: an unknown command or option,
 * a missing or invalid value. The CLI prints it on one line with the command's usage and
 * exits with status 2.
 */
export class UsageError extends Error {
  override name = 'UsageError';

  constructor(
    message: string,
    /** The synopsis of the command at fault, such as `duly vendor create --name NAME`. */
    readonly usage: string,
  ) {
    super(message);
  }
}
