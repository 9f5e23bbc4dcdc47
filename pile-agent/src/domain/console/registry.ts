// The command registry (house rule R14) shared by the technician console and the bench's scenario
// steps: a command has a name of one or two words (`status`, `gbt trace`), positional argument
// specs, a one-line help and a handler that returns text lines plus a structured value. The registry
// resolves a line to the longest matching name, checks the arguments and runs the handler; a bad
// line or a throwing handler becomes an error result, never an exception. No I/O here.
import { parseArgs, tokenize, usageOfArgs, type ArgSpec, type Args } from './command-args.js';
import { err, ok, type Result } from '../../shared/result.js';

export type { ArgSpec, Args } from './command-args.js';

export interface CommandResult {
  readonly ok: boolean;
  /** What a person reads, one entry per line, no line terminators. */
  readonly lines: readonly string[];
  /** What a program reads (the bench client, a scenario step): plain JSON-able data. */
  readonly value?: unknown;
}

/** A successful result. */
export const done = (lines: readonly string[], value?: unknown): CommandResult => ({ ok: true, lines, value });
/** A failed result whose single line starts with `error: `. */
export const failed = (message: string, value?: unknown): CommandResult => ({ ok: false, lines: [`error: ${message}`], value });

export interface CommandSpec<Ctx, Io = void> {
  /** One or two lower-case words: `help`, `meter read`, `wait-state`. */
  readonly name: string;
  readonly args?: readonly ArgSpec[];
  /** One line, shown by `help`. */
  readonly help: string;
  handler(args: Args, ctx: Ctx, io: Io): CommandResult | Promise<CommandResult>;
}

export interface ParsedCommand<Ctx, Io> {
  readonly spec: CommandSpec<Ctx, Io>;
  readonly args: Args;
}

const NAME = /^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)?$/;

export class CommandRegistry<Ctx, Io = void> {
  private readonly byName = new Map<string, CommandSpec<Ctx, Io>>();

  /** Adds a command; throws on a malformed or duplicate name (a programmer error). */
  register(spec: CommandSpec<Ctx, Io>): this {
    if (!NAME.test(spec.name)) throw new TypeError(`command name "${spec.name}" must be one or two lower-case words`);
    if (this.byName.has(spec.name)) throw new TypeError(`command "${spec.name}" is registered twice`);
    const args = spec.args ?? [];
    const firstOptional = args.findIndex((a) => a.optional);
    if (firstOptional >= 0 && args.slice(firstOptional).some((a) => !a.optional)) {
      throw new TypeError(`command "${spec.name}": a required argument follows an optional one`);
    }
    this.byName.set(spec.name, spec);
    return this;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Every command, sorted by name. */
  list(): readonly CommandSpec<Ctx, Io>[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** `meter read [connector]` */
  usage(spec: CommandSpec<Ctx, Io>): string {
    const args = usageOfArgs(spec.args ?? []);
    return args ? `${spec.name} ${args}` : spec.name;
  }

  /** Resolves and checks a line; the error is the sentence to show (without `error: `). */
  parse(line: string): Result<ParsedCommand<Ctx, Io>, string> {
    const words = tokenize(line.trim());
    if (!words.ok) return words;
    if (words.value.length === 0) return err('empty command');
    const [first, second] = words.value;
    const two = second !== undefined ? this.byName.get(`${first} ${second}`) : undefined;
    const spec = two ?? this.byName.get(first);
    if (!spec) {
      const sub = this.list().filter((s) => s.name.startsWith(`${first} `));
      if (sub.length > 0) return err(`${first}: expected ${sub.map((s) => s.name.split(' ')[1]).join('|')} (try "help ${first}")`);
      return err(`unknown command "${first}" (try "help")`);
    }
    const args = parseArgs(spec.args ?? [], words.value.slice(two ? 2 : 1));
    if (!args.ok) return err(`${args.error}; usage: ${this.usage(spec)}`);
    return ok({ spec, args: args.value });
  }

  /** Parses and runs a line. A handler that throws yields an `internal error` result. */
  async run(line: string, ctx: Ctx, io: Io): Promise<CommandResult> {
    const parsed = this.parse(line);
    if (!parsed.ok) return failed(parsed.error);
    try {
      return await parsed.value.spec.handler(parsed.value.args, ctx, io);
    } catch (e) {
      return failed(`internal error in ${parsed.value.spec.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
