// Touch input from a Linux evdev device (/dev/input/eventN, profile `screen.touch`): reads binary
// struct input_event records, assembles contacts (protocols/evdev), scales them from the controller's
// range to the panel and undoes the rotation, and emits touch events in logical screen pixels.
// A FIFO is read event-driven (tests, simulators); a character device (the real touch controller)
// non-blocking by a DevicePoller, so closing never waits for the next touch; a regular file (a
// recording) through a read stream.
// It does not grab the device (no EVIOCGRAB ioctl) and takes the axis ranges from configuration.
import { constants, fstatSync, openSync, closeSync, createReadStream, type ReadStream } from 'node:fs';
import { Socket } from 'node:net';
import { DevicePoller } from './device-poller.js';
import type { TouchEvent, TouchInput } from '../../ports/touch-input.port.js';
import type { FaultSink } from '../../ports/fault-sink.port.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { InputEventFramer } from '../../protocols/evdev/input-event.js';
import { ASSEMBLER_START, assembleTouch, type AssemblerState } from '../../protocols/evdev/touch-assembler.js';
import { mapTouch, pixelCalibration, type TouchCalibration, type TouchPanel } from '../../protocols/evdev/touch-mapping.js';
import { TypedEmitter } from '../../shared/typed-emitter.js';

export interface EvdevTouchDeps {
  readonly path: string;
  /** The display panel the touch sheet covers (native size, rotation of the logical screen). */
  readonly panel: TouchPanel;
  /** Raw axis ranges (`evtest` shows them as Min/Max); default: the controller reports panel pixels. */
  readonly calibration?: TouchCalibration;
  readonly logger: Logger;
  readonly faults: FaultSink;
}

export class EvdevTouchInput implements TouchInput {
  private readonly events = new TypedEmitter<{ touch: [e: TouchEvent] }>();
  private readonly framer = new InputEventFramer();
  private state: AssemblerState = ASSEMBLER_START;
  private readonly calibration: TouchCalibration;
  private stream: ReadStream | Socket | DevicePoller | null;
  private closed = false;
  private ended: Promise<void>;

  private constructor(
    private readonly deps: EvdevTouchDeps,
    source: { readonly stream: ReadStream | Socket } | { readonly deviceFd: number },
  ) {
    this.calibration = deps.calibration ?? pixelCalibration(deps.panel);
    const failed = (e: Error) => {
      if (this.closed) return;
      deps.logger.error({ err: e.message, path: deps.path }, 'touch device read failed');
      deps.faults.raise('screen.unavailable', 'touch', e.message);
    };
    if ('deviceFd' in source) {
      const poller = new DevicePoller({ fd: source.deviceFd, onData: (chunk) => this.onBytes(chunk), onError: failed });
      this.stream = poller;
      this.ended = poller.whenClosed();
      return;
    }
    const stream = source.stream;
    this.stream = stream;
    this.ended = new Promise((resolve) => stream.once('close', () => resolve()));
    stream.on('data', (chunk: Buffer) => this.onBytes(chunk));
    stream.on('error', failed);
  }

  /** Opens the device; throws AgentError (DriverUnavailable) when it cannot be opened. */
  static open(deps: EvdevTouchDeps): EvdevTouchInput {
    let fd: number;
    let kind: 'fifo' | 'device' | 'file';
    try {
      fd = openSync(deps.path, constants.O_RDONLY | constants.O_NONBLOCK);
      const st = fstatSync(fd);
      kind = st.isFIFO() ? 'fifo' : st.isCharacterDevice() ? 'device' : 'file';
      if (kind === 'fifo') {
        // Reopen read-write: a FIFO with no writer yet would read as end-of-file at once.
        closeSync(fd);
        fd = openSync(deps.path, constants.O_RDWR | constants.O_NONBLOCK);
      } else if (kind === 'file') {
        closeSync(fd);
        fd = openSync(deps.path, constants.O_RDONLY);
      }
    } catch (e) {
      throw new AgentError(AgentErrorCode.DriverUnavailable, `cannot open touch device ${deps.path}: ${(e as Error).message}`, { cause: e });
    }
    if (kind === 'device') return new EvdevTouchInput(deps, { deviceFd: fd });
    return new EvdevTouchInput(deps, { stream: kind === 'fifo' ? new Socket({ fd, readable: true, writable: false }) : createReadStream('', { fd, highWaterMark: 24 * 64 }) });
  }

  onTouch(listener: (e: TouchEvent) => void): () => void {
    return this.events.on('touch', listener);
  }

  /** Resolves when the source ended (a regular file was read to its end, or close). */
  whenEnded(): Promise<void> {
    return this.ended;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.events.clear();
    const s = this.stream;
    this.stream = null;
    if (s instanceof DevicePoller) await s.close();
    else if (s && !s.destroyed) {
      s.destroy();
      await this.ended;
    }
  }

  private onBytes(chunk: Buffer): void {
    for (const r of this.framer.push(chunk)) {
      if (!r.ok) {
        this.deps.logger.warn({ code: r.error.code, err: r.error.message }, 'bad input_event record skipped');
        continue;
      }
      const step = assembleTouch(this.state, r.value);
      this.state = step.state;
      for (const t of step.touches) {
        const p = mapTouch(t.x, t.y, this.calibration, this.deps.panel);
        const e: TouchEvent = { type: 'touch', phase: t.phase, x: p.x, y: p.y };
        this.events.emit('touch', e);
      }
    }
  }
}
