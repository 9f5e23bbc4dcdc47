// Runs the charger's periodic messages for the GB/T link (reference §2.1 periods): one self-arming
// timer per message name on the injected Clock; `start` sends at once then every period, `update`
// swaps the content without moving the schedule, `stop` / `stopAll` cancel. No CAN knowledge here.
import type { Clock, TimerHandle } from '../../ports/clock.port.js';
import type { ChargerMessage } from '../../protocols/gbt27930/messages/types.js';

interface Running {
  msg: ChargerMessage;
  handle: TimerHandle;
}

export class PeriodicSender {
  private readonly running = new Map<ChargerMessage['name'], Running>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: (msg: ChargerMessage) => void,
  ) {}

  start(msg: ChargerMessage, periodMs: number): void {
    this.stop(msg.name);
    const entry: Running = { msg, handle: { cancel() {} } };
    this.running.set(msg.name, entry);
    const tick = (): void => {
      if (this.running.get(msg.name) !== entry) return;
      entry.handle = this.clock.setTimer(periodMs, tick);
      this.emit(entry.msg);
    };
    entry.handle = this.clock.setTimer(periodMs, tick);
    this.emit(msg);
  }

  update(msg: ChargerMessage): void {
    const entry = this.running.get(msg.name);
    if (entry) entry.msg = msg;
  }

  stop(name: ChargerMessage['name']): void {
    const entry = this.running.get(name);
    if (!entry) return;
    entry.handle.cancel();
    this.running.delete(name);
  }

  stopAll(): void {
    for (const name of [...this.running.keys()]) this.stop(name);
  }

  get names(): ChargerMessage['name'][] {
    return [...this.running.keys()];
  }
}
