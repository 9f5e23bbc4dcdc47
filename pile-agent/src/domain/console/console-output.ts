// The console's screen side: writes answers, the prompt and echoes in order, with CRLF line ends for
// serial terminals, and interleaves asynchronous lines (a live GB/T trace) with what the technician
// is typing: an asynchronous line goes on a fresh line, and the prompt plus the typed text are drawn
// again once the output pauses (debounced on the injected clock). No colours, no cursor movement.
import type { Clock, TimerHandle } from '../../ports/clock.port.js';

/** Where the terminal cursor is: after the prompt, at the start of an empty line, or in a command. */
type Cursor = 'prompt' | 'clean' | 'busy';

const encoder = new TextEncoder();

export interface ConsoleOutputOptions {
  readonly write: (bytes: Uint8Array) => void;
  readonly clock: Clock;
  /** The text typed so far, to draw again after asynchronous output. */
  readonly pending: () => string;
  /** Quiet time after asynchronous output before the prompt is drawn again; default 300 ms. */
  readonly redrawDelayMs?: number;
}

export class ConsoleOutput {
  private cursor: Cursor = 'clean';
  private prompt = '';
  private redraw: TimerHandle | null = null;
  private readonly redrawDelayMs: number;

  constructor(private readonly options: ConsoleOutputOptions) {
    this.redrawDelayMs = options.redrawDelayMs ?? 300;
  }

  /** Sets the prompt text used from now on (`PIN: `, `P1> `). */
  setPrompt(prompt: string): void {
    this.prompt = prompt;
  }

  /** Draws the prompt (and any typed text) on the current line, which must be clean. */
  showPrompt(): void {
    this.cancelRedraw();
    this.text(this.prompt + this.options.pending());
    this.cursor = 'prompt';
  }

  /** A command started: its answer follows the echoed line end. */
  busy(): void {
    this.cancelRedraw();
    this.cursor = 'busy';
  }

  /** Answer lines of a command (the cursor is at the start of a line). */
  lines(lines: readonly string[]): void {
    if (this.cursor === 'prompt') this.text('\r\n');
    for (const l of lines) this.text(`${l}\r\n`);
    if (this.cursor === 'prompt') this.cursor = 'clean';
  }

  /** The line end echoed for Enter: the cursor is now at the start of a clean line. */
  lineEnded(echo: Uint8Array): void {
    this.options.write(echo);
    if (this.cursor === 'prompt') this.cursor = 'clean';
  }

  /** Echo of typed characters; after asynchronous output the whole prompt line is drawn instead. */
  echo(bytes: Uint8Array): void {
    if (this.cursor === 'clean') this.showPrompt();
    else this.options.write(bytes);
  }

  /** A line that is not the answer to the current command (trace, idle logout notice). */
  emit(line: string): void {
    if (this.cursor === 'prompt') this.text('\r\n');
    this.text(`${line}\r\n`);
    if (this.cursor === 'busy') return;
    this.cursor = 'clean';
    this.cancelRedraw();
    this.redraw = this.options.clock.setTimer(this.redrawDelayMs, () => {
      this.redraw = null;
      if (this.cursor === 'clean') this.showPrompt();
    });
  }

  close(): void {
    this.cancelRedraw();
  }

  private text(s: string): void {
    if (s.length > 0) this.options.write(encoder.encode(s));
  }

  private cancelRedraw(): void {
    this.redraw?.cancel();
    this.redraw = null;
  }
}
