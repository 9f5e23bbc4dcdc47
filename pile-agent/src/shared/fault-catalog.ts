// The fault catalog (house rule R10): every hardware fault the agent can raise, declared once with
// a severity and a description. Drivers raise and clear faults through the FaultSink port; the
// screen, the console and the cloud link show the active set.

export const FAULTS = {
  'meter.comm-loss': { severity: 'error', description: 'energy meter does not answer (Modbus timeout after retries)' },
  'meter.implausible': { severity: 'warning', description: 'energy meter reading went backwards or jumped' },
  'can.adapter-error': { severity: 'error', description: 'CAN adapter reported an error or stopped answering' },
  'can.bus-off': { severity: 'error', description: 'CAN controller is bus-off' },
  'reader.offline': { severity: 'warning', description: 'card reader does not answer' },
  'screen.unavailable': { severity: 'warning', description: 'framebuffer or touch device cannot be opened' },
  'storage.error': { severity: 'critical', description: 'the local database cannot be written' },
} as const satisfies Record<string, { severity: 'warning' | 'error' | 'critical'; description: string }>;

export type FaultCode = keyof typeof FAULTS;
