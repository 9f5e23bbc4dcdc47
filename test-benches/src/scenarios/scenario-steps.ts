// The steps a scenario plays, one function per kind, against the world (scenario-world.ts): the bus
// and the card through the simulators on pty pairs, the touchscreen's button and keypad through the
// agent's process (pile-process.ts), the operator's changes through the HTTP API, a power cut as
// kill -9 of the agent, the broker down and up with the cloud. Each returns a line saying what
// happened, or throws with what it expected and saw.
import { createBehavior, isBmsBehaviorName } from '../sims/bms/behaviors/index.js';
import { until } from '../sync/outage-depot.js';
import { resolveKey } from './scenario-depot.js';
import { checkExpectation } from './scenario-expect.js';
import type { PileUnderTest, ScenarioWorld } from './scenario-world.js';
import type { Phase, Step } from './scenario.types.js';

/** Which phases each connector entered, in order (the agent's onConnector), and how far waits have read. */
export interface PhaseLog {
  readonly entered: Map<string, Phase[]>;
  /** The same entries with the connector's last outcome (a refusal's reason), for failure messages. */
  readonly told: Map<string, string[]>;
  readonly cursor: Map<string, number>;
}

export interface StepContext {
  readonly world: ScenarioWorld;
  readonly phases: PhaseLog;
}

export function connectorOf(world: ScenarioWorld, at: string): { pile: PileUnderTest; n: number } {
  const [id, n] = at.split('/');
  const pile = world.piles.get(id);
  if (!pile) throw new Error(`no pile ${id}`);
  return { pile, n: Number(n) };
}

const statusOf = async (pile: PileUnderTest, n: number) => (await pile.agent.connectors())[n - 1];

/** Card number (as the cloud knows it) → the UID the reader must see, for the sim profile's decimal-le format. */
export function uidOfCardNumber(cardNo: string): string {
  const v = Number(cardNo);
  if (!Number.isSafeInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`card ${cardNo} is not a 4-byte decimal card number`);
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

function substitute(ctx: StepContext, text: string): string {
  return text.replace(/\{([^}]*)\}/g, (_m, k: string) => String(resolveKey(ctx.world.ids, k) ?? `{${k}}`));
}

export async function playStep(ctx: StepContext, step: Step): Promise<string> {
  const w = ctx.world;
  if ('plug' in step) {
    const { pile, n } = connectorOf(w, step.plug.at);
    const b = step.plug.behaviour;
    const behavior = b && b !== 'normal' && isBmsBehaviorName(b) ? createBehavior(b, { targetSocPercent: step.plug.targetSoc }) : undefined;
    pile.pluggedAt.set(n, Date.now());
    const bus = await pile.rig.plug(n, { vin: step.plug.behaviour === 'no-vin' ? null : (step.plug.vin ?? null), edition: step.plug.edition ?? '2015', ...(behavior ? { behavior } : {}) });
    pile.buses.set(n, bus);
    return `bus ${step.plug.vin ?? '(no VIN)'} plugged into ${step.plug.at}`;
  }
  if ('unplug' in step) {
    const { pile, n } = connectorOf(w, step.unplug.at);
    await pile.rig.unplug(n);
    return `unplugged ${step.unplug.at}`;
  }
  if ('card' in step) {
    const pile = w.piles.get(step.card.pile);
    if (!pile) throw new Error(`no pile ${step.card.pile}`);
    const before = (await pile.agent.lastCard())?.atMs ?? null;
    pile.rig.removeCard();
    pile.rig.presentCard(uidOfCardNumber(step.card.number));
    const read = await until(
      `the reader of ${pile.id} reads card ${step.card.number}`,
      async () => {
        const c = await pile.agent.lastCard();
        return c && c.atMs !== before ? c : null;
      },
      10_000,
    );
    pile.rig.removeCard();
    if (read.cardNo !== step.card.number) throw new Error(`the reader of ${pile.id} read ${read.cardNo} (UID ${read.uidHex}), not ${step.card.number}`);
    return `card ${step.card.number} on the reader of ${pile.id}`;
  }
  if ('press' in step) {
    const { pile, n } = connectorOf(w, step.press.at);
    await pile.agent.pressButton(n, step.press.button);
    return `pressed ${step.press.button} on ${step.press.at}`;
  }
  if ('password' in step) {
    const { pile, n } = connectorOf(w, step.password.at);
    await pile.agent.enterPassword(n, step.password.digits);
    return `typed ${'*'.repeat(step.password.digits.length)} on ${step.password.at}`;
  }
  if ('wait' in step) {
    const { at, phase, withinS } = step.wait;
    if (phase === undefined) throw new Error('a wait needs a phase');
    const { pile, n } = connectorOf(w, at);
    const log = ctx.phases.entered.get(at) ?? [];
    const from = ctx.phases.cursor.get(at) ?? 0;
    const t0 = Date.now();
    const now = async () => {
      const c = await statusOf(pile, n).catch(() => null);
      return c ? `${c.phase}${c.view.reason ? `: ${c.view.reason}` : ''}` : 'no answer';
    };
    await until(`${at} reaches ${phase}`, async () => log.indexOf(phase, from) >= 0 || (await statusOf(pile, n)).phase === phase, (withinS ?? 30) * 1000).catch(async (e: Error) => {
      const seen = (ctx.phases.told.get(at) ?? []).slice(from);
      throw new Error(`${e.message} (now ${await now()}; since the last wait: ${seen.join(' → ') || 'no change'})`);
    });
    ctx.phases.cursor.set(at, log.length);
    return `${at} reached ${phase} after ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  }
  if ('charge' in step) {
    const { pile, n } = connectorOf(w, step.charge.at);
    const reading = async () => (await statusOf(pile, n)).lastMeter?.energyWh;
    // Counted from the meter's first reading in this step (none yet right after charging began).
    const first = await until(
      `a meter reading on ${step.charge.at}`,
      async () => {
        const wh = await reading();
        return wh === undefined ? null : { wh };
      },
      10_000,
    );
    const start = first.wh;
    let last = start;
    await until(`${step.charge.wh} Wh more on ${step.charge.at}`, async () => (last = (await reading()) ?? start) - start >= step.charge.wh, (step.charge.withinS ?? 120) * 1000);
    return `${last - start} Wh delivered on ${step.charge.at}`;
  }
  if ('api' in step) {
    const body =
      step.api.body === undefined ? undefined : JSON.parse(JSON.stringify(step.api.body), (_k, v) => (typeof v === 'string' && /^\{[^}]*\}$/.test(v) ? resolveKey(w.ids, v.slice(1, -1)) : v));
    const path = `/api/v1${substitute(ctx, step.api.path)}`;
    await (await w.apiAs(step.api.as ?? 'operator'))(step.api.method, path, body);
    return `${step.api.as ?? 'operator'}: ${step.api.method} ${path}`;
  }
  if ('meter' in step) {
    const { pile, n } = connectorOf(w, step.meter.at);
    const meter = pile.rig.meters.get(n);
    if (!meter) throw new Error(`no meter on ${step.meter.at}`);
    if (step.meter.fail) meter.inject({ kind: 'silence' });
    else meter.clearFaults();
    return `the meter of ${step.meter.at} ${step.meter.fail ? 'stopped answering' : 'answers again'}`;
  }
  if ('power-cut' in step) {
    const pile = w.piles.get(step['power-cut'].pile);
    if (!pile) throw new Error(`no pile ${step['power-cut'].pile}`);
    await pile.powerCut();
    return `power cut on ${pile.id} (kill -9 of its agent)`;
  }
  if ('power-on' in step) {
    const pile = w.piles.get(step['power-on'].pile);
    if (!pile) throw new Error(`no pile ${step['power-on'].pile}`);
    const t0 = Date.now();
    await pile.powerOn();
    return `${pile.id} powered on, its agent running again after ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  }
  if ('broker' in step) {
    if (step.broker === 'down') {
      await w.brokerDown();
      return 'the broker is down (the cloud with its embedded broker stopped)';
    }
    const t0 = Date.now();
    await w.brokerUp();
    return `the broker is up; every powered pile online again after ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  }
  if ('say' in step) return step.say;
  if ('together' in step) {
    // Every sequence at once; the first failure fails the step (the others are left to finish).
    const texts = await Promise.all(
      step.together.map(async (seq) => {
        const done: string[] = [];
        for (const inner of seq) done.push(await playStep(ctx, inner));
        return done.join('; ');
      }),
    );
    return texts.map((t) => `[${t}]`).join(' ∥ ');
  }
  if ('sleep' in step) {
    await new Promise((r) => setTimeout(r, step.sleep * 1000));
    return `slept ${step.sleep} s`;
  }
  if ('expect' in step) return checkExpectation(ctx, step.expect);
  throw new Error(`step ${Object.keys(step)[0]} is not supported by this runner yet`);
}
