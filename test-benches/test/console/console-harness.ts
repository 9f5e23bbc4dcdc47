// Test harness: the agent's console service on one end of a real pty pair (SerialPortLine, as the
// agent opens the profile's console port) with a fake context and a fake clock for lockout times,
// and the bench ConsoleClient on the other end.
import { ConsoleService, LoginGate, createConsoleRegistry } from '../../../pile-agent/index.js';
import { SerialPortLine } from '../../../pile-agent/drivers.js';
import { capturingLogger, hashSecret } from '../../../pile-agent/ports.js';
import { FakeClock, FakeConsoleContext, openPtyPair, type PtyPair } from '../../../pile-agent/testing.js';
import { ConsoleClient } from '../../index.js';

export const PIN = '2468';
let pinHash: Promise<string> | null = null;

export interface ConsoleBench {
  readonly client: ConsoleClient;
  readonly ctx: FakeConsoleContext;
  readonly clock: FakeClock;
  readonly logger: ReturnType<typeof capturingLogger>;
  readonly service: ConsoleService;
  close(): Promise<void>;
}

export async function openConsoleBench(options: { maxLineBytes?: number } = {}): Promise<ConsoleBench> {
  pinHash ??= hashSecret(PIN, { N: 1024, r: 8, p: 1 });
  const pty: PtyPair = await openPtyPair();
  const agentSide = new SerialPortLine({ path: pty.a, baudRate: 115200 });
  await agentSide.open();
  const clock = new FakeClock();
  const logger = capturingLogger();
  const ctx = new FakeConsoleContext();
  const service = new ConsoleService({
    line: agentSide,
    context: ctx,
    registry: createConsoleRegistry(),
    clock,
    logger,
    channel: `serial ${pty.a}`,
    login: new LoginGate({ pinHash: await pinHash, clock, logger }),
    maxLineBytes: options.maxLineBytes,
  });
  const client = await ConsoleClient.open(pty.b, { timeoutMs: 5000 });
  service.start();
  return {
    client,
    ctx,
    clock,
    logger,
    service,
    close: async () => {
      await client.close();
      await service.stop();
      await agentSide.close();
      await pty.close();
    },
  };
}
