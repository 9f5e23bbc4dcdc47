// A Linux framebuffer display (/dev/fbN): converts each frame's dirty rectangle to the profile's
// pixel format (RGB565 or XRGB8888) and rotation into a panel-sized buffer and writes the touched
// rows at their offsets. Works the same on a regular file of the framebuffer's size (tests). It does
// not set the video mode (no ioctl): the panel must already be in the profile's size and depth.
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import type { DisplaySurface, Frame, PanelGeometry } from '../../ports/display.port.js';
import { logicalSize } from '../../ports/display.port.js';
import type { FaultSink } from '../../ports/fault-sink.port.js';
import { AgentError, AgentErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { bytesPerPixel, convertRect, rotateRect } from './pixel-convert.js';

export interface FramebufferDeps {
  /** Device path (profile `screen.framebuffer`) or a regular file of `lineLengthBytes × height` bytes. */
  readonly path: string;
  readonly panel: PanelGeometry;
  /** The device's `line_length` (fbset / sysfs `stride`); default width × bytes per pixel. */
  readonly lineLengthBytes?: number;
  readonly logger: Logger;
  readonly faults: FaultSink;
}

export class FramebufferDisplay implements DisplaySurface {
  readonly panel: PanelGeometry;
  readonly lineLengthBytes: number;
  private readonly buf: Uint8Array;
  private fd: number | null;
  private failing = false;
  /** False until a whole frame was converted: the first frame is always converted whole. */
  private primed = false;

  private constructor(
    private readonly deps: FramebufferDeps,
    fd: number,
  ) {
    this.panel = deps.panel;
    this.fd = fd;
    this.lineLengthBytes = deps.lineLengthBytes ?? deps.panel.width * bytesPerPixel(deps.panel.pixelFormat);
    this.buf = new Uint8Array(this.lineLengthBytes * deps.panel.height);
  }

  /** Opens the device for writing (never creates or truncates it); throws AgentError when it cannot. */
  static open(deps: FramebufferDeps): FramebufferDisplay {
    const bpp = bytesPerPixel(deps.panel.pixelFormat);
    const line = deps.lineLengthBytes ?? deps.panel.width * bpp;
    if (line < deps.panel.width * bpp || line % bpp !== 0)
      throw new AgentError(AgentErrorCode.ConfigInvalid, `line length ${line} bytes is too short or unaligned for ${deps.panel.width} ${deps.panel.pixelFormat} pixels`);
    let fd: number;
    try {
      fd = openSync(deps.path, 'r+');
    } catch (e) {
      throw new AgentError(AgentErrorCode.DriverUnavailable, `cannot open framebuffer ${deps.path}: ${(e as Error).message}`, { cause: e });
    }
    const st = fstatSync(fd);
    if (st.isFile() && st.size < line * deps.panel.height) {
      closeSync(fd);
      throw new AgentError(
        AgentErrorCode.ConfigInvalid,
        `${deps.path} has ${st.size} bytes, a ${deps.panel.width}×${deps.panel.height} ${deps.panel.pixelFormat} framebuffer needs ${line * deps.panel.height}`,
      );
    }
    return new FramebufferDisplay(deps, fd);
  }

  present(frame: Frame): void {
    if (this.fd === null || frame.dirty === null) return;
    const logical = logicalSize(this.panel);
    if (frame.width !== logical.width || frame.height !== logical.height) {
      this.deps.logger.error({ frame: `${frame.width}×${frame.height}`, screen: `${logical.width}×${logical.height}` }, 'frame size does not match the panel: dropped');
      return;
    }
    const rects = this.primed ? (frame.dirtyRects ?? [frame.dirty]) : [{ x: 0, y: 0, w: frame.width, h: frame.height }];
    this.primed = true;
    try {
      for (const rect of rects) {
        convertRect(frame.rgba, frame.width, frame.height, rect, { dst: this.buf, lineLengthBytes: this.lineLengthBytes, panel: this.panel });
        const r = rotateRect(rect, frame.width, frame.height, this.panel.rotation);
        const start = r.y * this.lineLengthBytes;
        const length = r.h * this.lineLengthBytes;
        let done = 0;
        while (done < length) done += writeSync(this.fd, this.buf, start + done, length - done, start + done);
      }
      if (this.failing) {
        this.failing = false;
        this.deps.faults.clear('screen.unavailable', 'framebuffer');
      }
    } catch (e) {
      this.deps.logger.error({ err: (e as Error).message, path: this.deps.path }, 'framebuffer write failed: frame dropped');
      if (!this.failing) this.deps.faults.raise('screen.unavailable', 'framebuffer', (e as Error).message);
      this.failing = true;
    }
  }

  async close(): Promise<void> {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
