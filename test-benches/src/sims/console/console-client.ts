// The bench's technician: a console client on a serial device (one end of a pty pair, or a USB
// serial cable into a real pile). It types lines like a terminal (CR), reads until the prompt comes
// back, and splits the answer into lines (echo and prompt removed); `call()` uses the console's
// `json` prefix to get the structured value. Every wait is bounded; the full transcript is kept.
import { SerialPortLine } from '../../../../pile-agent/drivers.js';
import type { SerialLine } from '../../../../pile-agent/ports.js';

export interface ConsoleAnswer {
  /** False when any answer line starts with `error:`. */
  readonly ok: boolean;
  /** The answer without the echoed command and the prompt. */
  readonly lines: readonly string[];
  /** The prompt that ended the answer (`P1> ` or `PIN: `). */
  readonly prompt: string;
}

export interface ConsoleCall {
  readonly ok: boolean;
  readonly value: unknown;
  readonly error?: string;
}

export interface ConsoleClientOptions {
  readonly baudRate?: number;
  /** Longest wait for a prompt or a line; default 5000 ms. */
  readonly timeoutMs?: number;
}

/** The prompts the agent's console prints: `PIN: ` before login, `<pileId>> ` after. */
export const PROMPT = /(?:^|\n)(PIN: |[^\s>]+> )$/;

/** Splits what came back after a typed line into answer lines, dropping the echo and the prompt. */
export function parseAnswer(raw: string): ConsoleAnswer {
  const m = PROMPT.exec(raw);
  const prompt = m ? m[1] : '';
  const body = m ? raw.slice(0, raw.length - prompt.length) : raw;
  const all = body.split('\r\n');
  if (all.at(-1) === '') all.pop();
  const lines = all.slice(1); // the first line is the echo of what was typed
  return { ok: !lines.some((l) => l.startsWith('error:')), lines, prompt };
}

export class ConsoleClient {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  private waiter: (() => void) | null = null;
  /** Everything the console wrote since open, for failure messages. */
  transcript = '';
  private readonly timeoutMs: number;

  private constructor(
    private readonly line: SerialLine,
    options: ConsoleClientOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    line.onData((chunk) => {
      const text = this.decoder.decode(chunk, { stream: true });
      this.buffer += text;
      this.transcript += text;
      this.waiter?.();
    });
  }

  /** Opens the device (a real serial port through pile-agent's SerialPortLine). */
  static async open(path: string, options: ConsoleClientOptions = {}): Promise<ConsoleClient> {
    const line = new SerialPortLine({ path, baudRate: options.baudRate ?? 115200 });
    await line.open();
    return new ConsoleClient(line, options);
  }

  /** A client on any SerialLine (already open). */
  static on(line: SerialLine, options: ConsoleClientOptions = {}): ConsoleClient {
    return new ConsoleClient(line, options);
  }

  /** Waits until the console's output matches; returns and consumes everything up to the match's end. */
  async waitFor(pattern: RegExp, timeoutMs = this.timeoutMs): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.buffer);
      if (m) {
        const end = m.index + m[0].length;
        const taken = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end);
        return taken;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`console: no ${pattern} within ${timeoutMs} ms; last output: ${JSON.stringify(this.transcript.slice(-400))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.waiter = null;
    }
  }

  /** Waits for the prompt that the console prints at connection or after Enter. */
  async waitForPrompt(): Promise<string> {
    return parseAnswer(await this.waitFor(PROMPT)).prompt;
  }

  /** Types raw bytes (garbage, control keys) without waiting. */
  async sendRaw(bytes: Uint8Array | string): Promise<void> {
    await this.line.write(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
  }

  /** Types a line and Enter, and reads the answer up to the next prompt. */
  async send(text: string): Promise<ConsoleAnswer> {
    this.buffer = '';
    await this.sendRaw(`${text}\r`);
    return parseAnswer(await this.waitFor(PROMPT));
  }

  /** Logs in; true when the console answered with the command prompt. */
  async login(pin: string): Promise<ConsoleAnswer> {
    return this.send(pin);
  }

  /** Runs `json <command>` and returns the structured answer. */
  async call(command: string): Promise<ConsoleCall> {
    const answer = await this.send(`json ${command}`);
    const json = answer.lines.find((l) => l.startsWith('{'));
    if (!json) throw new Error(`console: no JSON answer to "${command}": ${JSON.stringify(answer.lines)}`);
    return JSON.parse(json) as ConsoleCall;
  }

  /** Waits for an asynchronous line (a trace line) matching the pattern and returns it. */
  async waitForLine(pattern: RegExp, timeoutMs = this.timeoutMs): Promise<string> {
    const source = pattern.source.replace(/^\^/, '');
    const taken = await this.waitFor(new RegExp(`(?:^|\\n)[^\\r\\n]*(?:${source})[^\\r\\n]*\\r\\n`, pattern.flags.replace('g', '')), timeoutMs);
    const lines = taken.split('\r\n').filter((l) => l.length > 0);
    return lines.at(-1)!.replace(/^.*?> /, '');
  }

  /** Hangs up (Ctrl-D: the console logs out whoever was logged in) and closes the line. */
  async close(): Promise<void> {
    this.waiter?.();
    await this.line.write(Uint8Array.of(0x04)).catch(() => {});
    await this.line.close();
  }
}
