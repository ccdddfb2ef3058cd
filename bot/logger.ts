// Structured logs: one JSON line per event, with a level; card numbers, tokens and secrets never get through.

/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values are never written, whatever they hold. */
const SECRET_KEYS =
  /^(card|cardnumber|number|cvc|cvv|securitycode|password|appPassword|secret|clientsecret|token|authorization|accesstoken|assertion)$/i;
/** Runs of 12 to 19 digits (with spaces or dashes) look like card numbers; they are masked wherever they appear. */
const CARD_LIKE = /(?<![\w-])(?:\d[ -]?){12,18}\d(?![\w-])/g;
/** Bearer tokens and JWTs. */
const TOKEN_LIKE = /\b(?:Bearer\s+)?eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

/** Removes anything that could be a card number, token or secret from a value about to be logged. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string')
    return value.replace(TOKEN_LIKE, '[token]').replace(CARD_LIKE, '[card]');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error)
    return { name: value.name, message: redact(value.message, depth + 1) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}

/** The logger every part of the bot receives. */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Writes JSON lines to a sink (stdout by default). */
export class JsonLogger implements Logger {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly base: Record<string, unknown> = {},
  ) {}

  debug(event: string, fields?: Record<string, unknown>): void {
    this.write('debug', event, fields);
  }
  info(event: string, fields?: Record<string, unknown>): void {
    this.write('info', event, fields);
  }
  warn(event: string, fields?: Record<string, unknown>): void {
    this.write('warn', event, fields);
  }
  error(event: string, fields?: Record<string, unknown>): void {
    this.write('error', event, fields);
  }

  /** A logger that adds fixed fields (a correlation id) to every line. */
  child(fields: Record<string, unknown>): JsonLogger {
    return new JsonLogger(this.level, this.sink, { ...this.base, ...fields });
  }

  private write(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const line = {
      time: new Date().toISOString(),
      level,
      event,
      ...(redact({ ...this.base, ...fields }) as object),
    };
    this.sink(JSON.stringify(line));
  }
}
