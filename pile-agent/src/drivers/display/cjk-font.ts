// Finds a font file with Chinese glyphs: the explicit path if given, Debian's fonts-wqy-microhei,
// then any CJK-looking font under the usual font folders. Without one, Chinese renders as boxes,
// so the caller fails loudly. File-system look-up only; registering it is the renderer's job.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const WQY_MICROHEI = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', `${process.env.HOME ?? '/root'}/.fonts`, `${process.env.HOME ?? '/root'}/.local/share/fonts`];
const CJK_NAME = /(wqy|wenquanyi|noto\w*(cjk|sc|hans)|sourcehan|source-han|droidsansfallback|simhei|simsun|msyh|pingfang|hiragino|uming|ukai|arphic)/i;

function scan(dir: string, depth: number, out: string[]): void {
  if (depth > 4 || !existsSync(dir)) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const p = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      continue;
    }
    if (isDir) scan(p, depth + 1, out);
    else if (/\.(ttc|ttf|otf)$/i.test(name) && CJK_NAME.test(p)) out.push(p);
  }
}

/** Candidate font files in order of preference; empty when the machine has no CJK font. */
export function findCjkFonts(explicit?: string): string[] {
  const out: string[] = [];
  if (explicit) out.push(explicit);
  if (existsSync(WQY_MICROHEI)) out.push(WQY_MICROHEI);
  for (const d of FONT_DIRS) scan(d, 0, out);
  return [...new Set(out)];
}

export const NO_CJK_FONT_HELP = 'no CJK font found, Chinese would render as boxes: install one (Debian: apt-get install fonts-wqy-microhei) or pass the path of a .ttf/.ttc/.otf with Chinese glyphs';
