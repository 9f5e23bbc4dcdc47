// The PN532 commands a card-reading pile needs (NXP UM0701-02 §7): GetFirmwareVersion (0x02),
// SAMConfiguration (0x14), RFConfiguration MaxRetries (0x32 item 0x05) and InListPassiveTarget
// (0x4A) for ISO/IEC 14443 type A cards at 106 kbps (the M1/Mifare cards of Chinese depots).
// Pure builders of the data part (PD0…) and parsers of responses.
import { decodeError, ok, type DecodeError, type Result } from '../../shared/result.js';

export const CMD = {
  GetFirmwareVersion: 0x02,
  SAMConfiguration: 0x14,
  RFConfiguration: 0x32,
  InListPassiveTarget: 0x4a,
} as const;

/** §7.2.2 GetFirmwareVersion. */
export const getFirmwareVersion = (): Uint8Array => Uint8Array.of(CMD.GetFirmwareVersion);

/** §7.2.10 SAMConfiguration: normal mode (no SAM), timeout 50 ms units, no IRQ pin use. */
export const samConfigurationNormal = (): Uint8Array => Uint8Array.of(CMD.SAMConfiguration, 0x01, 0x14, 0x00);

/**
 * §7.3.1 RFConfiguration item 5 (MaxRetries): MxRtyATR, MxRtyPSL, MxRtyPassiveActivation. A finite
 * MxRtyPassiveActivation makes InListPassiveTarget answer "no target" instead of waiting forever.
 */
export const rfMaxRetries = (passiveActivation: number): Uint8Array => Uint8Array.of(CMD.RFConfiguration, 0x05, 0xff, 0x01, passiveActivation & 0xff);

/** §7.3.5 InListPassiveTarget: one target, BrTy 0x00 = 106 kbps type A. */
export const inListPassiveTargetTypeA = (): Uint8Array => Uint8Array.of(CMD.InListPassiveTarget, 0x01, 0x00);

export interface FirmwareVersion {
  readonly ic: number;
  readonly version: number;
  readonly revision: number;
  readonly support: number;
}

export function parseFirmwareVersion(data: Uint8Array): Result<FirmwareVersion, DecodeError> {
  if (data[0] !== CMD.GetFirmwareVersion + 1 || data.length < 5) return decodeError('pn532.response', 'not a GetFirmwareVersion response');
  return ok({ ic: data[1], version: data[2], revision: data[3], support: data[4] });
}

export interface TypeATarget {
  readonly sensRes: number;
  readonly selRes: number;
  readonly uid: Uint8Array;
}

/** §7.3.5 response D5 4B NbTg [Tg SENS_RES(2) SEL_RES NFCIDLength NFCID1…]; null target = no card. */
export function parseInListPassiveTarget(data: Uint8Array): Result<TypeATarget | null, DecodeError> {
  if (data[0] !== CMD.InListPassiveTarget + 1 || data.length < 2) return decodeError('pn532.response', 'not an InListPassiveTarget response');
  const nbTg = data[1];
  if (nbTg === 0) return ok(null);
  if (data.length < 7) return decodeError('pn532.short', 'target data shorter than its header');
  const idLen = data[6];
  if (![4, 7, 10].includes(idLen)) return decodeError('pn532.uid-length', `NFCID1 length ${idLen} is not 4, 7 or 10`);
  if (data.length < 7 + idLen) return decodeError('pn532.short', `NFCID1 needs ${idLen} bytes`);
  return ok({ sensRes: (data[3] << 8) | data[4], selRes: data[5], uid: data.slice(7, 7 + idLen) });
}

/** The response code a command expects (command + 1, §6.2.1.1). */
export const responseCode = (command: number): number => command + 1;
