// A search text as a SQL LIKE pattern that matches it literally anywhere ("contains"): `%`, `_` and
// the escape character itself are escaped, so `?q=%` finds names with a percent sign, not every row.
// Use with `LIKE ? ESCAPE '\'`.
export const likeContains = (q: string): string => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
