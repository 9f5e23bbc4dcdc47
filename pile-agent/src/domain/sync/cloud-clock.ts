// The cloud's clock as the pile estimates it, so that a command's `expiresAt` (cloud time) is judged
// in cloud time and not against a pile clock that may be minutes or hours wrong (contract page
// "command"). Each reply to a request the pile sent (a page answering a hello or a whitelist/request,
// a session/ack answering a batch) is one sample: offset = reply.at − midpoint of the round trip, on the
// pile's monotonic clock, so a pile whose wall clock is changed keeps a right estimate. The sample with
// the shortest round trip among the recent ones wins (NTP's rule). Pure: times come in as arguments.

const MAX_ASKED = 64;
const KEEP_SAMPLES = 8;

interface Sample {
  readonly offsetMs: number;
  readonly rttMs: number;
}

export class CloudClock {
  private readonly asked = new Map<string, number>();
  private readonly samples: Sample[] = [];

  constructor(private readonly monotonic: () => number) {}

  /** A request with message id `id` went out now. */
  sent(id: string): void {
    this.asked.set(id, this.monotonic());
    if (this.asked.size > MAX_ASKED) this.asked.delete(this.asked.keys().next().value as string);
  }

  /** A reply `re` stamped `at` by the cloud arrived now; replies to nothing the pile asked are ignored. */
  reply(re: string | undefined, at: string): void {
    if (re === undefined) return;
    const t0 = this.asked.get(re);
    const cloudMs = Date.parse(at);
    if (t0 === undefined || !Number.isFinite(cloudMs)) return;
    this.asked.delete(re);
    const t1 = this.monotonic();
    this.samples.push({ offsetMs: cloudMs - (t0 + t1) / 2, rttMs: t1 - t0 });
    if (this.samples.length > KEEP_SAMPLES) this.samples.shift();
  }

  /** The cloud's time now in epoch ms, or null before the first reply. */
  now(): number | null {
    if (this.samples.length === 0) return null;
    const best = this.samples.reduce((a, b) => (b.rttMs <= a.rttMs ? b : a));
    return this.monotonic() + best.offsetMs;
  }
}
