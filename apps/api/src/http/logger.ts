/** Severity of a log line; `silent` turns logging off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Fields of a log line; secrets and card data are removed before writing. */
export type LogFields = Record<string, unknown>;

/** Structured logger writing one JSON object per line. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Receives each finished line; standard output when left out. */
  write?: (line: string) => void;
  /** Supplies the timestamp of each line; the system time when left out. */
  now?: () => Date;
}

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Field names whose values are never written, whatever they contain. */
const SECRET_FIELD = /authorization|token|secret|password|cvc|card|number/i;

/** Runs of 12 to 19 digits, possibly split by spaces or dashes: card numbers. */
const CARD_NUMBER = /\b\d(?:[ -]?\d){11,18}\b/g;

/** Secret keys and portal session tokens as they appear in text. */
const CREDENTIAL = /\b(?:sk_(?:test|live)|pst)_[0-9A-Za-z]+/g;

const REDACTED = '[redacted]';

/** A logger that writes nothing, for tests and for callers that bring no logger. */
export const silentLogger: Logger = createLogger({ level: 'silent' });

/**
 * Creates a logger that writes JSON lines at `level` and above. Fields named like secrets
 * (token, card, number, cvc, authorization, ...) are replaced, and card numbers and
 * credentials inside any string are masked, so that no code path can log them by mistake.
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = SEVERITY[options.level];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());

  const log = (level: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}) => {
    if (SEVERITY[level] < threshold) return;
    const line = {
      time: now().toISOString(),
      level,
      message: redactText(message),
      ...(redactValue(fields, 0) as LogFields),
    };
    write(JSON.stringify(line));
  };

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** Masks card numbers and credentials inside free text. */
export function redactText(text: string): string {
  return text.replace(CARD_NUMBER, REDACTED).replace(CREDENTIAL, REDACTED);
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message), stack: redactStack(value) };
  }
  if (value === null || typeof value !== 'object') return value;
  // Deep structures are cut rather than walked: a log line is not a data dump.
  if (depth >= 4) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));

  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_FIELD.test(key) ? REDACTED : redactValue(item, depth + 1);
  }
  return out;
}

function redactStack(error: Error): string | undefined {
  return error.stack === undefined ? undefined : redactText(error.stack);
}
