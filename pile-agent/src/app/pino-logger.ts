// Backs the Logger interface (shared/logger.ts) with pino: JSON lines on stdout (or the given
// destination), namespaces as `ns` bindings. Only app/ creates it; every layer below receives the
// interface.
import pino from 'pino';
import type { Logger } from '../shared/logger.js';

type PinoLike = pino.Logger;

function wrap(p: PinoLike): Logger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (obj: object | string, msg?: string) => {
    if (typeof obj === 'string') p[level](obj);
    else p[level](obj, msg);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (b) => wrap(p.child(b)) };
}

export function pinoLogger(opts: { readonly level: 'debug' | 'info' | 'warn' | 'error'; readonly destination?: pino.DestinationStream }): Logger {
  const base = pino({ level: opts.level, base: { app: 'pile-agent' }, timestamp: pino.stdTimeFunctions.isoTime }, opts.destination ?? pino.destination({ fd: 1, sync: true }));
  return wrap(base);
}
