import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/**
 * Runs `node:util` `parseArgs` in strict mode and turns its errors into a `UsageError`
 * whose one-line message names the option at fault.
 */
export function parseOptions<T extends Omit<ParseArgsConfig, 'strict'>>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T & { strict: true }>> {
  try {
    return parseArgs({ ...config, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error), usage);
  }
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  // Node's messages quote the option or argument, as in "Unknown option '--foo'".
  const quoted = /'([^' ]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `option ${quoted} takes no value`;
      return `option ${quoted} is missing its value`;
    default:
      return message.split('\n')[0] as string;
  }
}
