// Commands that touch devices: meter read, card last, selftest.
import { describe, expect, it } from 'vitest';
import { kit } from './command-test-kit.js';
import { err } from '../../../shared/result.js';

describe('meter read', () => {
  it('reads every connector without an argument', async () => {
    const { ctx, run } = kit();
    const r = await run('meter read');
    expect(r.ok).toBe(true);
    expect(r.lines).toEqual(['connector 1: energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A', 'connector 2: energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A']);
    expect(ctx.meterReads).toEqual([1, 2]);
  });

  it('reads one connector, and reports a failed read as an error line and a failed result', async () => {
    const { ctx, run } = kit();
    ctx.meterAnswers.set(2, err({ code: 'timeout', message: 'no answer from address 2 after 3 tries' }));
    expect((await run('meter read 1')).lines).toHaveLength(1);
    const r = await run('meter read 2');
    expect(r).toEqual({
      ok: false,
      lines: ['error: connector 2: meter read failed (timeout): no answer from address 2 after 3 tries'],
      value: [{ connectorId: 2, ok: false, error: { code: 'timeout', message: 'no answer from address 2 after 3 tries' } }],
    });
  });

  it('refuses an unknown connector without reading', async () => {
    const { ctx, run } = kit();
    expect((await run('meter read 7')).lines).toEqual(['error: no connector 7 (this pile has 1, 2)']);
    expect(ctx.meterReads).toEqual([]);
  });
});

describe('card last', () => {
  it('shows the last card with its UID, time and age', async () => {
    const { ctx, io, run } = kit();
    ctx.card = { cardNo: '1234567890', uidHex: 'D2029649', atMs: io.nowMs - 75_000 };
    expect((await run('card last')).lines).toEqual(['card 1234567890 (UID D2029649) at 2026-01-01T07:58:45Z, 1m 15s ago']);
  });

  it('says when no card was presented, or when the pile has no reader', async () => {
    const { ctx, run } = kit();
    expect((await run('card last')).lines).toEqual(['no card presented since the agent started']);
    ctx.inventory = { ...ctx.inventory, reader: null };
    expect((await run('card last')).lines).toEqual(['no card reader in this profile']);
  });
});

describe('selftest', () => {
  it('passes every device of a healthy pile, one line each', async () => {
    const r = await kit().run('selftest');
    expect(r.ok).toBe(true);
    expect(r.lines).toEqual([
      'PASS CAN link c1 (slcan /dev/pts/1): open, no CAN fault',
      'PASS CAN link c2 (slcan /dev/pts/2): open, no CAN fault',
      'PASS meter c1 (acrel-djsf1352-rn @ rs485-1/1): energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A',
      'PASS meter c2 (acrel-djsf1352-rn-float @ rs485-1/2): energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A',
      'PASS card reader (pn532-hsu /dev/pts/3): polling, no reader fault',
      'PASS screen (800x480 RGB565 /dev/fb0): display open, no screen fault',
      'selftest: 6 PASS, 0 FAIL, 0 SKIP',
    ]);
  });

  it('fails what is broken and says why; skips what the profile lacks', async () => {
    const { ctx, run } = kit();
    ctx.inventory = {
      ...ctx.inventory,
      can: [ctx.inventory.can[0], { ...ctx.inventory.can[1], state: 'closed', detail: 'adapter unplugged' }],
      reader: null,
      screen: { description: '800x480', available: true },
    };
    ctx.activeFaults = [
      { code: 'can.bus-off', source: 'can.1', sinceMs: 0 },
      { code: 'screen.unavailable', source: 'display', detail: '/dev/fb0: ENOENT', sinceMs: 0 },
    ];
    ctx.meterAnswers.set(1, err({ code: 'exception', message: 'illegal data address', exceptionCode: 2 }));
    const r = await run('selftest');
    expect(r.ok).toBe(false);
    expect(r.lines).toEqual([
      'FAIL CAN link c1 (slcan /dev/pts/1): can.bus-off from can.1',
      'FAIL CAN link c2 (slcan /dev/pts/2): closed: adapter unplugged',
      'FAIL meter c1 (acrel-djsf1352-rn @ rs485-1/1): exception: illegal data address',
      'PASS meter c2 (acrel-djsf1352-rn-float @ rs485-1/2): energy 123.456 kWh, power 60.000 kW, 650.000 V, 92.300 A',
      'SKIP card reader: no card reader in this profile',
      'FAIL screen (800x480): screen.unavailable from display: /dev/fb0: ENOENT',
      'selftest: 1 PASS, 4 FAIL, 1 SKIP',
    ]);
    expect(r.value).toContainEqual({ item: 'card reader', verdict: 'SKIP', why: 'no card reader in this profile' });
  });

  it('fails a reader that is offline or not started, and skips a pile without CAN links and meters', async () => {
    const { ctx, run } = kit();
    ctx.inventory = { can: [], meters: [], reader: { description: 'pn532', started: true }, screen: null };
    ctx.activeFaults = [{ code: 'reader.offline', source: 'reader', detail: '3 commands unanswered', sinceMs: 0 }];
    expect((await run('selftest')).lines).toEqual([
      'SKIP CAN link: no CAN link in this profile',
      'SKIP meter: no meter in this profile',
      'FAIL card reader (pn532): reader.offline from reader: 3 commands unanswered',
      'SKIP screen: no screen in this profile',
      'selftest: 0 PASS, 1 FAIL, 3 SKIP',
    ]);
    ctx.activeFaults = [];
    ctx.inventory = { ...ctx.inventory, reader: { description: 'pn532', started: false } };
    expect((await run('selftest')).lines[2]).toBe('FAIL card reader (pn532): not started');
  });
});
