// The registry is the one both the console and the bench's scenario steps use (house rule R14):
// these tests register console-like and step-like commands the same way.
import { describe, expect, it } from 'vitest';
import { CommandRegistry, done, failed, type CommandSpec } from './registry.js';

interface Ctx {
  log: string[];
}

function registry(): CommandRegistry<Ctx> {
  return new CommandRegistry<Ctx>()
    .register({ name: 'status', help: 'show status', handler: (_a, ctx) => (ctx.log.push('status'), done(['ok'], { up: true })) })
    .register({ name: 'meter read', args: [{ name: 'connector', kind: 'int', optional: true, min: 1 }], help: 'read', handler: (a) => done([`read ${a.connector ?? 'all'}`], a.connector ?? null) })
    .register({ name: 'meter fail', args: [{ name: 'switch', kind: 'enum', values: ['on', 'off'] }], help: 'fail the meter', handler: (a) => done([`fail ${a.switch}`]) })
    .register({ name: 'whitelist', help: 'counts', handler: () => done(['counts']) })
    .register({ name: 'whitelist find', args: [{ name: 'query', kind: 'string' }], help: 'find', handler: (a) => done([`find ${a.query}`]) });
}

describe('CommandRegistry', () => {
  it('runs a one-word command and returns its lines and value', async () => {
    const ctx = { log: [] as string[] };
    expect(await registry().run('status', ctx)).toEqual({ ok: true, lines: ['ok'], value: { up: true } });
    expect(ctx.log).toEqual(['status']);
  });

  it('prefers the two-word name over the one-word name (longest match)', async () => {
    const r = registry();
    expect((await r.run('whitelist', { log: [] })).lines).toEqual(['counts']);
    expect((await r.run('whitelist find 沪A32567', { log: [] })).lines).toEqual(['find 沪A32567']);
  });

  it('checks arguments against the schema and shows the usage', async () => {
    const r = registry();
    expect((await r.run('meter read 2', { log: [] })).value).toBe(2);
    expect(await r.run('meter read zero', { log: [] })).toEqual(failed('connector must be a whole number, got "zero"; usage: meter read [connector]'));
    expect(await r.run('meter fail maybe', { log: [] })).toEqual(failed('switch must be one of on|off, got "maybe"; usage: meter fail <on|off>'));
    expect(await r.run('status now', { log: [] })).toEqual(failed('unexpected "now"; usage: status'));
  });

  it('names the sub-commands when only the first word of a two-word command is given', async () => {
    expect(await registry().run('meter', { log: [] })).toEqual(failed('meter: expected fail|read (try "help meter")'));
    expect(await registry().run('meter write', { log: [] })).toEqual(failed('meter: expected fail|read (try "help meter")'));
  });

  it('answers unknown commands, empty lines and bad quoting with an error result', async () => {
    const r = registry();
    expect(await r.run('reboot', { log: [] })).toEqual(failed('unknown command "reboot" (try "help")'));
    expect(await r.run('   ', { log: [] })).toEqual(failed('empty command'));
    expect(await r.run('whitelist find "abc', { log: [] })).toEqual(failed('unterminated quote'));
  });

  it('turns a throwing handler into an internal-error result', async () => {
    const r = new CommandRegistry<void>().register({
      name: 'boom',
      help: 'throws',
      handler: () => {
        throw new Error('kaput');
      },
    });
    expect(await r.run('boom', undefined)).toEqual(failed('internal error in boom: kaput'));
  });

  it('refuses duplicate names, malformed names and a required argument after an optional one', () => {
    const spec: CommandSpec<Ctx> = { name: 'status', help: '', handler: () => done([]) };
    expect(() => registry().register(spec)).toThrow(/registered twice/);
    expect(() => registry().register({ ...spec, name: 'Status' })).toThrow(/lower-case/);
    expect(() => registry().register({ ...spec, name: 'a b c' })).toThrow(/one or two/);
    expect(() =>
      registry().register({
        ...spec,
        name: 'x',
        args: [
          { name: 'a', kind: 'string', optional: true },
          { name: 'b', kind: 'string' },
        ],
      }),
    ).toThrow(/required argument follows an optional/);
  });

  it('lists commands sorted and writes their usage', () => {
    const r = registry();
    expect(r.list().map((c) => c.name)).toEqual(['meter fail', 'meter read', 'status', 'whitelist', 'whitelist find']);
    expect(r.list().map((c) => r.usage(c))).toEqual(['meter fail <on|off>', 'meter read [connector]', 'status', 'whitelist', 'whitelist find <query>']);
  });

  it('serves scenario steps the same way: wait-state with a duration, present-card with a uid', async () => {
    interface Bench {
      states: string[];
      cards: string[];
    }
    const steps = new CommandRegistry<Bench, { deadlineMs: number }>()
      .register({
        name: 'wait-state',
        args: [
          { name: 'state', kind: 'string' },
          { name: 'within', kind: 'duration' },
        ],
        help: 'wait until the connector is in a state',
        handler: (a, b, io) => (b.states.includes(String(a.state)) && Number(a.within) <= io.deadlineMs ? done([`reached ${a.state}`]) : failed(`not ${a.state}`)),
      })
      .register({ name: 'present-card', args: [{ name: 'uid', kind: 'string' }], help: 'present a card', handler: (a, b) => (b.cards.push(String(a.uid)), done([])) });
    const bench: Bench = { states: ['charging'], cards: [] };
    expect((await steps.run('present-card 04A1B2C3', bench, { deadlineMs: 30_000 })).ok).toBe(true);
    expect(bench.cards).toEqual(['04A1B2C3']);
    expect(await steps.run('wait-state charging 10s', bench, { deadlineMs: 30_000 })).toEqual(done(['reached charging']));
    expect(await steps.run('wait-state charging 1m', bench, { deadlineMs: 30_000 })).toEqual(failed('not charging'));
    expect(await steps.run('wait-state charging soon', bench, { deadlineMs: 1 })).toEqual(failed('within must be a duration like 500ms, 10s or 5m, got "soon"; usage: wait-state <state> <within>'));
  });
});
