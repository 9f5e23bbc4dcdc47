// The CLI's pure pieces: yuan ↔ fen without float errors, the progress output (TTY bar and plain
// percentage lines), the token file (mode 0600, per URL, atomic), argument parsers, text tables.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatKwh, formatYuan, parseYuan } from '../../src/cli/money.js';
import { Progress } from '../../src/cli/progress.js';
import { forgetLogin, loadLogin, saveLogin, tokenFilePath } from '../../src/cli/token-store.js';
import { displayWidth, idArg, idListArg, renderTextTable, switchArg } from '../../src/cli/cli-context.js';
import { periodArg } from '../../src/cli/station.cli.js';

describe('parseYuan', () => {
  it.each([
    ['999999', 99999900],
    ['12.50', 1250],
    ['12.5', 1250],
    ['0.29', 29], // 0.29 * 100 = 28.999999999999996 as a float
    ['1.15', 115], // 1.15 * 100 = 114.99999999999999
    ['4.35', 435], // 4.35 * 100 = 434.99999999999994
    ['.5', 50],
    ['7.', 700],
    ['1,000.01', 100001],
    ['¥20', 2000],
    ['20元', 2000],
    ['90071992547409.91', 9007199254740991],
  ])('%s yuan = %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    ['', /not an amount/],
    ['abc', /not an amount/],
    ['1.234', /more than two decimals/],
    ['1e3', /not an amount/],
    ['-5', /negative/],
    ['0', /zero/],
    ['90071992547409.92', /too large/],
  ])('refuses %j', (text, why) => {
    expect(parseYuan(text)).toMatch(why);
  });

  it('takes negative amounts for corrections and zero when allowed', () => {
    expect(parseYuan('-3.2', { allowNegative: true })).toBe(-320);
    expect(parseYuan('0', { allowZero: true })).toBe(0);
  });

  it('formats fen as yuan and Wh as kWh exactly', () => {
    expect(formatYuan(99999900)).toBe('999999.00');
    expect(formatYuan(1250)).toBe('12.50');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatKwh(1234567)).toBe('1234.567');
    expect(formatKwh(5)).toBe('0.005');
  });
});

describe('Progress', () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { isTTY, out, write: (t: string) => out.push(t) };
  };

  it('prints one plain line per 10 % when not a terminal', () => {
    const s = sink(false);
    const p = new Progress('uploading a.csv', 1000, s, { minBytes: 0 });
    for (let i = 0; i < 20; i++) p.add(50);
    p.finish();
    expect(s.out).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((n) => `uploading a.csv: ${n}%\n`));
  });

  it('redraws a bar on a terminal at most every 100 ms and ends the line', () => {
    const s = sink(true);
    let now = 0;
    const p = new Progress('up', 2 * 1024 * 1024, s, { minBytes: 0, nowMs: () => now });
    p.add(1024 * 1024); // drawn (first)
    p.add(1); // too soon
    now = 150;
    p.add(1024 * 1024 - 1); // drawn (complete)
    p.finish();
    expect(s.out).toHaveLength(3);
    expect(s.out[0]).toBe(`\rup [${'#'.repeat(15)}${'.'.repeat(15)}]  50% 1.0/2.0 MB`);
    expect(s.out[2]).toBe(`\rup [${'#'.repeat(30)}] 100% 2.0/2.0 MB\n`);
  });

  it('stays silent for small transfers and when disabled', () => {
    const s = sink(false);
    new Progress('x', 100, s).add(100);
    new Progress('x', 10_000_000, s, { enabled: false }).add(10_000_000);
    expect(s.out).toEqual([]);
  });
});

describe('token file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps one login per URL, mode 0600 in a 0700 folder, and forgets one', () => {
    dir = mkdtempSync(join(tmpdir(), 'tok-'));
    const path = join(dir, 'sub', 'cloud-token.json');
    saveLogin(path, 'http://a:1/', { token: 'T1', username: 'admin' });
    saveLogin(path, 'http://b:2', { token: 'T2', username: 'fleet' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);
    expect(loadLogin(path, 'http://a:1')).toEqual({ token: 'T1', username: 'admin' });
    expect(forgetLogin(path, 'http://a:1')).toBe(true);
    expect(loadLogin(path, 'http://a:1')).toBeNull();
    expect(loadLogin(path, 'http://b:2')?.token).toBe('T2');
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1);
  });

  it('reads a broken file as "not logged in" and replaces it on the next login', () => {
    dir = mkdtempSync(join(tmpdir(), 'tok-'));
    const path = join(dir, 't.json');
    writeFileSync(path, '{not json');
    expect(loadLogin(path, 'http://a')).toBeNull();
    saveLogin(path, 'http://a', { token: 'T', username: 'u' });
    expect(loadLogin(path, 'http://a')?.token).toBe('T');
  });

  it('lives in ~/.config/pilegate unless PILEGATE_CLOUD_TOKEN_FILE says otherwise', () => {
    dir = '';
    expect(tokenFilePath({})).toMatch(/\.config\/pilegate\/cloud-token\.json$/);
    expect(tokenFilePath({ PILEGATE_CLOUD_TOKEN_FILE: '/x/t.json' })).toBe('/x/t.json');
  });
});

describe('argument parsers and tables', () => {
  it('ids, id lists, switches, tariff periods', () => {
    expect(idArg('id')('12')).toBe(12);
    expect(() => idArg('--dept')('0')).toThrow(/--dept must be a positive whole number/);
    expect(() => idArg('--dept')('1.5')).toThrow(/positive whole number/);
    expect(idListArg('s')('1,2', [5])).toEqual([5, 1, 2]);
    expect(switchArg('ON')).toBe(true);
    expect(switchArg('off')).toBe(false);
    expect(() => switchArg('maybe')).toThrow(/on or off/);
    expect(periodArg('峰=08:00-11:00@1.50', undefined)).toEqual([{ name: '峰', start: '08:00', end: '11:00', fenPerKwh: 150 }]);
    expect(() => periodArg('peak=08:00-11:00@1.5', undefined)).toThrow(/尖\|峰\|平\|谷/);
  });

  it('aligns Chinese text by display width', () => {
    expect(displayWidth('沪A32567')).toBe(8);
    expect(
      renderTextTable(
        ['ID', 'name'],
        [
          ['1', '部门1'],
          ['22', 'x'],
        ],
      ),
    ).toBe(['ID  name', '--  -----', '1   部门1', '22  x'].join('\n'));
    expect(renderTextTable(['a'], [])).toBe('(none)');
  });
});

describe('command tree', () => {
  it('has every command of the brief, each with a description and its own --help', async () => {
    const { Command } = await import('commander');
    const { registerCommands } = await import('../../src/cli/commands.js');
    const program = new Command('cloud-stub');
    registerCommands(program);
    const names: string[] = [];
    const walk = (cmd: InstanceType<typeof Command>, prefix: string) => {
      for (const sub of cmd.commands) {
        const name = `${prefix}${sub.name()}`;
        expect(sub.description(), name).not.toBe('');
        expect(sub.helpInformation(), name).toMatch(new RegExp(`^Usage: cloud-stub ${name} `));
        if (sub.commands.length > 0) walk(sub, `${name} `);
        else names.push(name);
      }
    };
    walk(program, '');
    expect(names).toEqual(
      expect.arrayContaining([
        'login',
        'dept add',
        'dept list',
        'dept bind',
        'dept top-up',
        'dept set',
        'member add',
        'member card',
        'station add',
        'station set',
        'pile add',
        'vehicle add',
        'vehicle find',
        'vehicle import',
        'vehicle template',
        'report one-card-one-car',
        'report company',
        'account add',
        'pile list',
        'pile show',
        'pile delete',
        'pile rotate-secret',
        'pile command',
        'pile commands',
        'vehicle unknown',
        'session refusals',
      ]),
    );
  });
});
