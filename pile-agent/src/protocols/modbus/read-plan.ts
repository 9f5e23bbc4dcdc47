// Groups the registers a meter map needs into as few FC 03/04 reads as the device allows: spans of
// one function code merge when the hole between them is at most maxGap registers and the read stays
// within §6.3's 125-register limit. Pure.
import { MAX_READ_REGISTERS, type ReadFunctionCode, type ReadRequest } from './pdu.js';
import { registerCount, type RegisterSpec } from './register-decode.js';

export interface ReadPlanOptions {
  /** Unused registers a single read may span to join two entries (0 = never read unmapped ones). */
  readonly maxGap: number;
  readonly maxQuantity?: number;
}

export function planReads(specs: readonly RegisterSpec[], opts: ReadPlanOptions): ReadRequest[] {
  const max = Math.min(opts.maxQuantity ?? MAX_READ_REGISTERS, MAX_READ_REGISTERS);
  const spans = new Map<ReadFunctionCode, Array<[number, number]>>();
  const add = (fc: ReadFunctionCode, start: number, len: number) => {
    const list = spans.get(fc) ?? [];
    list.push([start, start + len]);
    spans.set(fc, list);
  };
  for (const s of specs) {
    add(s.functionCode, s.address, registerCount(s.type));
    if (s.exponent) add(s.functionCode, s.exponent.address, 1);
  }
  const out: ReadRequest[] = [];
  for (const fc of [...spans.keys()].sort()) {
    const list = spans.get(fc)!.sort((a, b) => a[0] - b[0]);
    let [start, end] = list[0];
    for (const [s, e] of list.slice(1)) {
      if (s - end <= opts.maxGap && Math.max(end, e) - start <= max) end = Math.max(end, e);
      else {
        out.push({ functionCode: fc, address: start, quantity: end - start });
        [start, end] = [s, e];
      }
    }
    out.push({ functionCode: fc, address: start, quantity: end - start });
  }
  return out;
}

/** A WordSource over the answers to a plan's reads. */
export function wordsFromReads(answers: ReadonlyArray<{ req: ReadRequest; words: readonly number[] }>) {
  return (fc: ReadFunctionCode, address: number): number | undefined => {
    for (const { req, words } of answers) {
      if (req.functionCode === fc && address >= req.address && address < req.address + req.quantity) return words[address - req.address];
    }
    return undefined;
  };
}
