// Wiring step: the touchscreen in the running agent. Opens the outputs the profile and config ask for
// (framebuffer, evdev touch, the socket for external touchscreen drivers; each best effort: a device
// that cannot be opened raises `screen.unavailable`), re-renders the selected connector's view on every
// session change and cloud link change (debounced, plus a 1 s tick while charging) and routes presses
// to the agent's commands.
import type { LoadedProfile } from '../../../hw-profiles/index.js';
import { forgetDismissed, INITIAL_UI, routePress, type PressState, type ScreenCommand } from '../domain/screen/press-routing.js';
import { ScreenController, type ButtonPress } from '../domain/screen/screen.controller.js';
import { sessionToScreen, type ConnectorFacts, type PileFacts } from '../domain/screen/session-to-screen.js';
import type { ScreenState } from '../domain/screen/view-state.js';
import { logicalSize, type DisplaySurface, type FrameRenderer, type PanelGeometry } from '../ports/display.port.js';
import type { Clock, TimerHandle } from '../ports/clock.port.js';
import type { TouchInput } from '../ports/touch-input.port.js';
import type { Logger } from '../shared/logger.js';
import type { AgentConfig } from './config.schema.js';
import type { FaultRegistry } from './fault-registry.js';
import type { AgentCommands, AgentIntrospection, ConnectorStatus } from './introspection.js';
import type { Component } from './lifecycle.js';

/** The screen's driver factories (real ones in compose.ts `realDrivers`). */
export interface ScreenDrivers {
  readonly newRenderer: (size: { readonly width: number; readonly height: number }) => Promise<FrameRenderer>;
  readonly openFramebuffer: (deps: { readonly path: string; readonly panel: PanelGeometry; readonly logger: Logger; readonly faults: FaultRegistry }) => DisplaySurface;
  readonly openTouch: (deps: { readonly path: string; readonly panel: PanelGeometry; readonly logger: Logger; readonly faults: FaultRegistry }) => TouchInput;
  readonly listenSocket: (deps: {
    readonly listen: { readonly port: number } | { readonly path: string };
    readonly panel: PanelGeometry;
    readonly logger: Logger;
  }) => Promise<DisplaySurface & TouchInput>;
}

export interface ScreenWiringDeps {
  readonly profile: LoadedProfile;
  readonly config: AgentConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly faults: FaultRegistry;
  readonly introspection: AgentIntrospection;
  readonly commands: AgentCommands;
  /** The cloud link's state (offline badge); false while no cloud link is wired. */
  readonly online: () => boolean;
  /** Calls fn whenever the link's state changes (the badge re-renders even on an idle screen). */
  readonly onOnlineChange?: (fn: () => void) => () => void;
  readonly drivers: ScreenDrivers;
}

/** A panel for the socket alone when the profile has no screen. */
const DEFAULT_PANEL: PanelGeometry = { width: 800, height: 480, pixelFormat: 'RGB565', rotation: 0 };
const TICK_MS = 1_000;
/** A blocking read on a character device (evdev, a pty) ends only at the next event: do not wait for it longer. */
const CLOSE_MS = 1_000;

function bounded(p: Promise<void>, ms: number, clock: Clock): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const t = clock.setTimer(ms, () => reject(new Error(`close did not finish within ${ms} ms`)));
    p.then(
      () => {
        t.cancel();
        resolve();
      },
      (e: unknown) => {
        t.cancel();
        reject(e);
      },
    );
  });
}

export function wireScreen(deps: ScreenWiringDeps): Component & { shown(): ScreenState | null } {
  const { config, profile, clock, introspection: intro } = deps;
  const logger = deps.logger.child({ ns: 'agent:app:screen' });
  const sc = config.screen;
  const panel: PanelGeometry = profile.screen
    ? { width: profile.screen.width, height: profile.screen.height, pixelFormat: profile.screen.pixelFormat, rotation: profile.screen.rotation }
    : DEFAULT_PANEL;
  const size = logicalSize(panel);
  const displays: DisplaySurface[] = [];
  const inputs: TouchInput[] = [];
  let controller: ScreenController | null = null;
  let press: PressState = { ui: INITIAL_UI(profile.connectors[0]?.id ?? 1), digits: '' };
  let shown: ScreenState | null = null;
  let lastRenderMs = -Infinity;
  let pending: TimerHandle | null = null;
  let tick: TimerHandle | null = null;
  const phases = new Map<number, string>();
  const offs: Array<() => void> = [];

  const unavailable = (what: string, e: unknown) => {
    logger.error({ err: String(e) }, `screen: ${what} cannot be opened; the agent runs on without it`);
    deps.faults.raise('screen.unavailable', 'screen', `${what}: ${(e as Error).message ?? String(e)}`);
  };

  const facts = (c: ConnectorStatus): ConnectorFacts => {
    const rows = intro.recentSessions(10);
    const row = c.sessionId ? rows.find((r) => r.sessionId === c.sessionId) : c.phase === 'finished' ? rows.find((r) => r.connectorId === c.id) : undefined;
    return {
      id: c.id,
      phase: c.phase,
      reason: c.view.reason ?? null,
      energyWh: c.view.energyWh ?? null,
      keypadLocked: c.keypadLocked,
      faults: c.faults,
      session: row
        ? {
            credentialKind: row.credentialKind,
            vin: row.vin,
            plate: row.plate,
            startedAtMs: Date.parse(row.startedAt),
            stoppedAtMs: row.stoppedAt ? Date.parse(row.stoppedAt) : null,
            stopReason: row.stopReason,
            stopDetail: row.stopDetail,
            energyWh: row.meterStopWh !== null ? row.meterStopWh - row.meterStartWh : null,
          }
        : null,
      meter: c.lastMeter,
      socPct: c.gbt.socPct,
      gbtVin: c.gbt.vin,
    };
  };

  const render = () => {
    pending = null;
    if (!controller) return;
    const connectors = intro.connectors();
    const pile: PileFacts = {
      title: sc.title ?? config.pileId,
      ...(sc.titleEn ? { titleEn: sc.titleEn } : {}),
      online: deps.online(),
      vinCharge: profile.features.vinCharge,
      fixedPassword: intro.whitelist.counts().fixedPasswords > 0,
      nowMs: clock.now(),
      maxDigits: sc.maxPasswordDigits,
      keypadLockedForS: null,
      connectors: connectors.map(facts),
      tariff: intro.whitelist.station()?.tariff ?? null,
      utcOffsetMinutes: config.utcOffsetMinutes,
    };
    shown = sessionToScreen(pile, press.ui);
    lastRenderMs = clock.monotonic();
    try {
      controller.show(shown);
    } catch (e) {
      logger.error({ err: String(e) }, 'screen render failed');
    }
    const busy = connectors.some((c) => c.phase === 'charging' || c.phase === 'connecting' || c.phase === 'stopping');
    if (busy && !tick)
      tick = clock.setTimer(TICK_MS, () => {
        tick = null;
        schedule();
      });
  };

  /** Renders now, or at the end of the debounce interval (≤ 1000 / renderIntervalMs renders/s). */
  const schedule = () => {
    if (pending || !controller) return;
    const wait = lastRenderMs + sc.renderIntervalMs - clock.monotonic();
    pending = clock.setTimer(Math.max(0, wait), render);
  };

  const run = (cmd: ScreenCommand) => {
    try {
      if (cmd.type === 'select') deps.commands.selectConnector(cmd.connectorId);
      else if (cmd.type === 'vin-charge') deps.commands.pressButton(cmd.connectorId, 'vin-charge');
      else deps.commands.enterPassword(cmd.connectorId, cmd.password);
    } catch (e) {
      logger.warn({ err: String(e), command: cmd.type }, 'screen command failed');
    }
  };

  const onPress = (p: ButtonPress) => {
    logger.info({ press: p.name.startsWith('key-') ? 'key' : p.name, view: p.view, connectorId: p.connectorId, source: p.source }, 'screen press');
    const r = routePress(press, p, sc.maxPasswordDigits);
    press = r.state;
    for (const c of r.commands) run(c);
    schedule();
  };

  return {
    name: 'screen',
    shown: () => shown,
    start: async () => {
      if (!sc.enabled) return;
      if (sc.framebuffer && profile.screen) {
        try {
          displays.push(deps.drivers.openFramebuffer({ path: profile.screen.framebuffer, panel, logger, faults: deps.faults }));
        } catch (e) {
          unavailable(`framebuffer ${profile.screen.framebuffer}`, e);
        }
      }
      if (profile.screen?.touch) {
        try {
          inputs.push(deps.drivers.openTouch({ path: profile.screen.touch, panel, logger, faults: deps.faults }));
        } catch (e) {
          unavailable(`touch ${profile.screen.touch}`, e);
        }
      }
      const listen = sc.socketPath ? { path: sc.socketPath } : sc.socketPort !== undefined ? { port: sc.socketPort } : null;
      if (listen) {
        try {
          const socket = await deps.drivers.listenSocket({ listen, panel, logger });
          displays.push(socket);
          inputs.push(socket);
        } catch (e) {
          unavailable(`driver socket ${JSON.stringify(listen)}`, e);
        }
      }
      if (!displays.length) return;
      try {
        const renderer = await deps.drivers.newRenderer(size);
        controller = new ScreenController({ renderer, displays, inputs, ...size, lang: config.language, logger });
      } catch (e) {
        unavailable('renderer', e);
        return;
      }
      offs.push(controller.onPress(onPress));
      offs.push(
        intro.onConnector((id, st) => {
          if (phases.get(id) !== st.phase) {
            phases.set(id, st.phase);
            press = forgetDismissed(press, id);
            // Follow the gun that just became busy when the screen's gun is idle (a card routed elsewhere).
            const sel = intro.connectors().find((c) => c.id === press.ui.selectedConnectorId);
            if (st.phase !== 'idle' && !press.ui.keypad && sel && sel.phase === 'idle') press = { ...press, ui: { ...press.ui, selectedConnectorId: id } };
          }
          schedule();
        }),
      );
      offs.push(intro.onView(() => schedule()));
      if (deps.onOnlineChange) offs.push(deps.onOnlineChange(() => schedule()));
      render();
    },
    stop: async () => {
      for (const off of offs.splice(0)) off();
      pending?.cancel();
      tick?.cancel();
      pending = tick = null;
      await controller?.close();
      controller = null;
      for (const x of [...inputs.splice(0), ...displays.splice(0)]) await bounded(x.close(), CLOSE_MS, clock).catch((e: unknown) => logger.warn({ err: String(e) }, 'screen device close failed'));
    },
  };
}
