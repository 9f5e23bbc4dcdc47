// The console's line discipline for a plain serial terminal: bytes in → echo bytes, complete lines,
// rejections and Ctrl-C out, as data (no I/O). A line ends with CR, LF or CRLF (one line, not two);
// BS/DEL erase the last character (a whole UTF-8 character, two columns for CJK), Ctrl-U the whole
// line, Ctrl-D on an empty line hangs up; ANSI escape sequences (arrow keys) are swallowed. Control bytes, invalid UTF-8 and lines
// longer than the limit are not executed: the line is rejected with a reason when it ends.

export type EchoMode = 'plain' | 'mask' | 'none';

export type LineEvent =
  /** Bytes to send back; `endsLine` when they finish the line (Enter, Ctrl-C). */
  | { readonly type: 'echo'; readonly bytes: Uint8Array; readonly endsLine: boolean }
  | { readonly type: 'line'; readonly text: string }
  | { readonly type: 'rejected'; readonly reason: 'too-long' | 'invalid-bytes'; readonly message: string }
  | { readonly type: 'interrupt' }
  /** Ctrl-D on an empty line: the technician is leaving (as a shell's logout). */
  | { readonly type: 'hangup' };

export interface LineEditorOptions {
  /** Longest accepted line in bytes (UTF-8); default 256. */
  readonly maxLineBytes?: number;
}

const CR = 0x0d,
  LF = 0x0a,
  BS = 0x08,
  DEL = 0x7f,
  ETX = 0x03,
  EOT = 0x04,
  NAK = 0x15,
  ESC = 0x1b,
  TAB = 0x09,
  BEL = 0x07;
const ERASE = [BS, 0x20, BS];
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Display columns of a character on a terminal: 2 for CJK / full-width, else 1. */
function columns(cp: number): number {
  return (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
    ? 2
    : 1;
}

const hexByte = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

export class LineEditor {
  private buf: number[] = [];
  private invalid: number[] = [];
  private overflow = false;
  private lastWasCr = false;
  /** 0: none, 1: after ESC, 2: inside CSI (ESC [), 3: after ESC O (SS3). */
  private esc = 0;
  private echoMode: EchoMode = 'plain';
  private readonly maxLineBytes: number;

  constructor(options: LineEditorOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? 256;
  }

  /** How typed characters are echoed from now on (`mask` prints `*`, for the PIN). */
  setEcho(mode: EchoMode): void {
    this.echoMode = mode;
  }

  /** The line typed so far (to re-print it after asynchronous output); empty while masked. */
  pending(): string {
    if (this.echoMode !== 'plain') return this.echoMode === 'mask' ? '*'.repeat(this.charCount()) : '';
    try {
      return utf8.decode(new Uint8Array(this.buf));
    } catch {
      return '';
    }
  }

  /** Forgets the partial line. */
  reset(): void {
    this.buf = [];
    this.invalid = [];
    this.overflow = false;
    this.esc = 0;
  }

  feed(chunk: Uint8Array): LineEvent[] {
    const out: LineEvent[] = [];
    const echo: number[] = [];
    const flushEcho = (endsLine = false) => {
      if (echo.length > 0) out.push({ type: 'echo', bytes: new Uint8Array(echo.splice(0)), endsLine });
    };
    for (const b of chunk) {
      const afterCr = this.lastWasCr;
      this.lastWasCr = b === CR;
      if (this.esc !== 0 && b !== CR && b !== LF && b !== ETX && this.swallowEscape(b)) continue;
      this.esc = 0;
      if (b === LF && afterCr) continue; // CRLF is one line end
      if (b === CR || b === LF) {
        flushEcho();
        echo.push(CR, LF);
        flushEcho(true);
        out.push(this.endLine());
      } else if (b === ETX) {
        this.reset();
        flushEcho();
        echo.push(0x5e, 0x43, CR, LF); // ^C
        flushEcho(true);
        out.push({ type: 'interrupt' });
      } else if (b === EOT) {
        // Ctrl-D: on an empty line the technician leaves; inside a line it is ignored (as in a shell).
        if (this.buf.length === 0 && this.invalid.length === 0 && !this.overflow) {
          flushEcho();
          echo.push(CR, LF);
          flushEcho(true);
          out.push({ type: 'hangup' });
        }
      } else if (b === BS || b === DEL) {
        echo.push(...this.eraseLast());
      } else if (b === NAK) {
        while (this.buf.length > 0 && !this.overflow) echo.push(...this.eraseLast());
      } else if (b === ESC) {
        this.esc = 1;
      } else if (b === 0xc0 || b === 0xc1 || b >= 0xf5 || (b < 0x20 && b !== TAB)) {
        this.invalid.push(b);
      } else {
        this.append(b === TAB ? 0x20 : b, echo);
      }
    }
    flushEcho();
    return out;
  }

  private swallowEscape(b: number): boolean {
    if (this.esc === 1) this.esc = b === 0x5b ? 2 : b === 0x4f ? 3 : 0;
    else if (this.esc === 2) this.esc = b >= 0x40 && b <= 0x7e ? 0 : 2;
    else this.esc = 0;
    return true;
  }

  private append(b: number, echo: number[]): void {
    if (this.overflow) return;
    if (this.buf.length >= this.maxLineBytes) {
      this.overflow = true;
      echo.push(BEL);
      return;
    }
    this.buf.push(b);
    if (this.echoMode === 'plain') echo.push(b);
    else if (this.echoMode === 'mask' && (b & 0xc0) !== 0x80) echo.push(0x2a);
  }

  /** Removes the last UTF-8 character and returns the bytes that erase it on the terminal. */
  private eraseLast(): number[] {
    if (this.overflow || this.buf.length === 0) return [];
    let start = this.buf.length - 1;
    while (start > 0 && (this.buf[start] & 0xc0) === 0x80) start--;
    const removed = this.buf.splice(start);
    if (this.echoMode === 'none') return [];
    let width = 1;
    if (this.echoMode === 'plain' && removed.length > 1) {
      try {
        width = columns(utf8.decode(new Uint8Array(removed)).codePointAt(0) ?? 0);
      } catch {
        width = 1;
      }
    }
    return width === 2 ? [...ERASE, ...ERASE] : ERASE;
  }

  private charCount(): number {
    return this.buf.filter((b) => (b & 0xc0) !== 0x80).length;
  }

  private endLine(): LineEvent {
    const bytes = new Uint8Array(this.buf);
    const invalid = this.invalid;
    const overflow = this.overflow;
    this.reset();
    if (overflow) return { type: 'rejected', reason: 'too-long', message: `line too long (more than ${this.maxLineBytes} bytes), ignored` };
    if (invalid.length > 0) {
      const shown = invalid.slice(0, 4).map(hexByte).join(' ') + (invalid.length > 4 ? ' …' : '');
      return { type: 'rejected', reason: 'invalid-bytes', message: `line ignored: ${invalid.length} control or invalid byte(s) (${shown})` };
    }
    try {
      return { type: 'line', text: utf8.decode(bytes) };
    } catch {
      return { type: 'rejected', reason: 'invalid-bytes', message: 'line ignored: not valid UTF-8 text' };
    }
  }
}
