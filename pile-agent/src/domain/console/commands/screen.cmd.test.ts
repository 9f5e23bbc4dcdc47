// screen, press, keypad: the touchscreen from the console — what it shows, the VIN充电 button and the
// keypad of one connector, passed on exactly as a touch would be; bad connectors, buttons and digits
// refused; a typed password is never echoed.
import { describe, expect, it } from 'vitest';
import { VIEW_SAMPLES } from '../../screen/view-samples.js';
import { kit } from './command-test-kit.js';

describe('screen, press, keypad', () => {
  it('screen says what the touchscreen shows, or that it has shown nothing yet', async () => {
    const { ctx, run } = kit();
    expect((await run('screen')).lines).toEqual(['the screen has shown nothing yet']);
    ctx.screenState = { common: { title: '一号场站', online: false }, view: VIEW_SAMPLES.refused };
    const r = await run('screen');
    const v = VIEW_SAMPLES.refused as { connectorId?: number; reason?: string };
    expect(r.lines).toEqual([`view refused, connector ${v.connectorId}, reason ${v.reason}, offline`]);
    expect(r.value).toEqual(ctx.screenState);
  });

  it('press passes VIN充电 of one connector on; another button or connector is refused', async () => {
    const { ctx, run } = kit();
    expect((await run('press 2 vin-charge')).lines).toEqual(['pressed vin-charge on connector 2']);
    expect(ctx.inputs).toEqual(['press 2 vin-charge']);
    expect((await run('press 3 vin-charge')).lines).toEqual(['error: no connector 3 (this pile has 1, 2)']);
    expect((await run('press 1 stop')).ok).toBe(false);
    expect(ctx.inputs).toHaveLength(1);
  });

  it('keypad types and confirms digits without echoing them; anything but digits is refused', async () => {
    const { ctx, run } = kit();
    const r = await run('keypad 1 8888');
    expect(r.lines).toEqual(['typed **** on connector 1']);
    expect(JSON.stringify(r)).not.toContain('8888');
    expect(ctx.inputs).toEqual(['keypad 1 8888']);
    expect((await run('keypad 1 88a8')).ok).toBe(false);
    expect((await run('keypad 1 12345678901234567')).ok).toBe(false);
    expect(ctx.inputs).toHaveLength(1);
  });
});
