// The logging interface every layer below app/ receives by injection. app/ backs it with pino;
// tests use nullLogger or a capturing logger. Namespaces follow `agent:layer:file` (house rule R18).

export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export const nullLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return nullLogger;
  },
};

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  bindings: Record<string, unknown>;
  obj: object | string;
  msg?: string;
}

/** A logger that keeps records in memory, for tests that assert a rejection was logged. */
export function capturingLogger(records: LogRecord[] = [], bindings: Record<string, unknown> = {}): Logger & { records: LogRecord[] } {
  const at = (level: LogRecord['level']) => (obj: object | string, msg?: string) => {
    records.push({ level, bindings, obj, msg });
  };
  return {
    records,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (b) => capturingLogger(records, { ...bindings, ...b }),
  };
}
