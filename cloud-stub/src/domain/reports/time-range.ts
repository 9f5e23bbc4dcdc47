// Query-time parsing for `from`/`to`: a date `YYYY-MM-DD` names a whole local business day (at the
// cloud's UTC offset; `to` includes its day), a date-time must carry `Z` or an offset and is exact
// (`to` exclusive). Reports work in whole local days; the session list uses exact instants. Pure.
import { invalid } from '../../shared/cloud-error.js';
import { localDay } from '../../persistence/sqlite/sessions.sqlite-repo.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

function parseDate(text: string, field: string): number {
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) throw invalid(field, `${field} is not a real date: ${text}`);
  return ms;
}

/** Epoch ms bounds: from inclusive, to exclusive; either may be absent. */
export function instantRange(from: string | undefined, to: string | undefined, utcOffsetMinutes: number): { fromMs?: number; toMs?: number } {
  const off = utcOffsetMinutes * 60_000;
  const one = (text: string | undefined, field: 'from' | 'to'): number | undefined => {
    if (text === undefined || text === '') return undefined;
    if (DATE.test(text)) return parseDate(text, field) - off + (field === 'to' ? DAY_MS : 0);
    if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return Date.parse(text);
    throw invalid(field, `${field} must be a date YYYY-MM-DD or an ISO 8601 time with Z or an offset`);
  };
  const r = { fromMs: one(from, 'from'), toMs: one(to, 'to') };
  if (r.fromMs !== undefined && r.toMs !== undefined && r.toMs <= r.fromMs) throw invalid('to', 'to must be after from');
  return r;
}

/** Inclusive local-day bounds for reports (`YYYY-MM-DD`); open ends become extreme days. */
export function dayRange(from: string | undefined, to: string | undefined, utcOffsetMinutes: number): { fromDay: string; toDay: string } {
  const { fromMs, toMs } = instantRange(from, to, utcOffsetMinutes);
  return {
    fromDay: fromMs === undefined ? '0000-01-01' : localDay(fromMs, utcOffsetMinutes),
    toDay: toMs === undefined ? '9999-12-31' : localDay(toMs - 1, utcOffsetMinutes),
  };
}
