// The whitelist digest both sides can compute (contract page "whitelist/page", "Checking a pile's
// cache"): every entry of a station's view as `entity TAB key TAB version LF`, sorted by entity then key
// (UTF-16 code unit order), hashed with SHA-256 by the caller. Equal digests mean the pile's cache holds
// exactly the rows, at exactly the versions, of the cloud's station view. Pure: the text only.

export interface ViewEntry {
  readonly entity: string;
  readonly key: string;
  readonly version: number;
}

/** The canonical text of a view (hash it with SHA-256 to get the digest). */
export function viewDigestText(entries: Iterable<ViewEntry>): string {
  const lines: string[] = [];
  for (const e of entries) lines.push(`${e.entity}\t${e.key}\t${e.version}\n`);
  lines.sort();
  return lines.join('');
}
