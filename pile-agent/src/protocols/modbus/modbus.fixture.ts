// Modbus RTU frames captured on an Acrel DJSF1352-RN bus, as published in the EN+ charger driver
// meter_drv_djsf1352.c ("示例报文-------实测", measured examples). Each byte is annotated once here and
// the tests check both directions against these declarations.
import { hex } from '../../shared/hex.js';

/** Read voltage, current, wire-break and temperature: FC 03, 0x0000, 6 registers. */
export const djsfReadVoltageRequest = hex(
  '01' + // unit id 1
    '03' + // FC 03 read holding registers
    '0000' + // start address 0x0000 (DC voltage)
    '0006' + // 6 registers
    'C5C8', // CRC-16 low byte, high byte
);

export const djsfReadVoltageResponse = hex(
  '01' + // unit id 1
    '03' + // FC 03
    '0C' + // byte count 12 = 6 registers
    '0000' + // 0x0000 DC voltage value 0
    '0003' + // 0x0001 voltage decimal point 3 → ×10^(3−3)
    '0000' + // 0x0002 DC current value 0
    '0002' + // 0x0003 current decimal point 2
    '0000' + // 0x0004 wire-break detection 0 (intact)
    '014D' + // 0x0005 internal temperature 333 → 33.3 °C
    '3FE5', // CRC-16 low, high
);

/** Read positive/negative energy, ratios and status: FC 03, 0x000C, 8 registers. */
export const djsfReadEnergyRequest = hex(
  '01' + // unit id 1
    '03' + // FC 03
    '000C' + // start address 0x000C (total positive active energy, high word)
    '0008' + // 8 registers
    '840F', // CRC-16 low, high
);

export const djsfReadEnergyResponse = hex(
  '01' + // unit id 1
    '03' + // FC 03
    '10' + // byte count 16 = 8 registers
    '0000' + // 0x000C positive energy high word
    '521A' + // 0x000D positive energy low word → 0x0000521A = 21018
    '0000' + // 0x000E negative energy high word
    '0000' + // 0x000F negative energy low word
    '0001' + // 0x0010 voltage transformation ratio 1
    '00FA' + // 0x0011 primary rated current 250 A
    '0000' + // 0x0012 switch I/O status
    '0000' + // 0x0013 alarm status
    '5985', // CRC-16 low, high
);
