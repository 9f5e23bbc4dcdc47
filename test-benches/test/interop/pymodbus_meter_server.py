#!/usr/bin/python3
"""A Modbus RTU server written with pymodbus (Debian python3-pymodbus, 3.0.x API), laid out per two
hw-profiles register maps, with values encoded here by hand (struct), independently of pilegate's
encoder. Unit 1: acrel-djsf1352-rn (integer value + decimal-point registers). Unit 2:
acrel-djsf1352-rn-float (IEEE-754 float32, big-endian words). Usage: pymodbus_meter_server.py PORT
Prints "ready" on stdout just before serving; runs until killed."""
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartSerialServer
from pymodbus.transaction import ModbusRtuFramer


def words_f32(value):
    hi, lo = struct.unpack(">HH", struct.pack(">f", value))
    return [hi, lo]


def words_u32(value):
    return [(value >> 16) & 0xFFFF, value & 0xFFFF]


def s16(value):
    return value & 0xFFFF


# acrel-djsf1352-rn: 0x0000 voltage, 0x0001 dp, 0x0002 current (s16), 0x0003 dp,
# 0x0008 power (s16), 0x0009 dp, 0x000C/0x000D positive energy (u32, high word first); value × 10^(dp-3)
djsf = [0] * 20
djsf[0x00], djsf[0x01] = 6523, 2            # 652.3 V
djsf[0x02], djsf[0x03] = s16(-1575), 1      # -15.75 A
djsf[0x08], djsf[0x09] = s16(-1027), 4      # -10270 W
djsf[0x0C:0x0E] = words_u32(100000)         # 100000 Wh

# acrel-djsf1352-rn-float: 0x000C energy u32 × 0.1 Wh, 0x0032 V, 0x0034 A, 0x0036 kW (float32)
flt = [0] * 0x38
flt[0x0C:0x0E] = words_u32(987654)          # 98765.4 Wh
flt[0x32:0x34] = words_f32(401.25)          # V
flt[0x34:0x36] = words_f32(99.5)            # A
flt[0x36:0x38] = words_f32(39.92)           # kW

context = ModbusServerContext(
    slaves={
        1: ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, djsf), zero_mode=True),
        2: ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, flt), zero_mode=True),
    },
    single=False,
)

print("ready", flush=True)
StartSerialServer(context=context, framer=ModbusRtuFramer, port=sys.argv[1], baudrate=9600, timeout=0.05)
