#!/usr/bin/python3
"""python-can peer for the SLCAN interop test (run with the Debian /usr/bin/python3, python3-can).

Opens python-can's own `slcan` interface on one virtual-bus port, prints JSON lines on stdout:
  {"ready": true, "version": [hw, sw]}   after init (a V round trip orders it after C/S5/O)
  {"rx": {...}}                           for each of the --expect frames received
  {"tx": {...}}                           for each --send ID#DATA frame sent (candump syntax; 8-digit
                                          id = extended, #R = remote)
  {"done": true}                          then exits 0; exits 3 if --expect frames did not arrive.
Every wait is bounded by --timeout seconds.
"""
import argparse
import json
import sys
import time

import can


def frame_json(msg):
    return {
        "id": msg.arbitration_id,
        "ext": bool(msg.is_extended_id),
        "rtr": bool(msg.is_remote_frame),
        "data": bytes(msg.data).hex().upper(),
    }


def parse_candump(text):
    ident, _, payload = text.partition("#")
    ext = len(ident) == 8
    if payload.startswith("R"):
        return can.Message(arbitration_id=int(ident, 16), is_extended_id=ext, is_remote_frame=True, dlc=0)
    return can.Message(arbitration_id=int(ident, 16), is_extended_id=ext, data=bytes.fromhex(payload))


def say(obj):
    print(json.dumps(obj), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--channel", required=True)
    ap.add_argument("--bitrate", type=int, default=250000)
    ap.add_argument("--expect", type=int, default=0)
    ap.add_argument("--send", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=10.0)
    args = ap.parse_args()

    bus = can.Bus(interface="slcan", channel=args.channel, bitrate=args.bitrate, sleep_after_open=0)
    try:
        hw, sw = bus.get_version(args.timeout)
        say({"ready": True, "version": [hw, sw]})
        deadline = time.time() + args.timeout
        got = 0
        while got < args.expect:
            left = deadline - time.time()
            if left <= 0:
                say({"error": "timeout", "received": got, "expected": args.expect})
                return 3
            msg = bus.recv(left)
            if msg is not None:
                got += 1
                say({"rx": frame_json(msg)})
        for text in args.send:
            msg = parse_candump(text)
            bus.send(msg)
            say({"tx": frame_json(msg)})
        say({"done": True})
        return 0
    finally:
        bus.shutdown()


if __name__ == "__main__":
    sys.exit(main())
