// The one exception class for programmer errors and unrecoverable conditions (house rule R10).
// Codes are grouped: codec 1xx, driver 2xx, storage 3xx, sync 4xx, config 5xx. Match on codes,
// never on message text. Expected failures are Results (result.ts), not AgentErrors.

export enum AgentErrorCode {
  CodecInvariant = 100,
  DriverNotOpen = 200,
  DriverUnavailable = 201,
  DriverIo = 202,
  StorageMigration = 300,
  StorageCorrupt = 301,
  SyncProtocol = 400,
  ConfigInvalid = 500,
}

export class AgentError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AgentError';
  }
}
