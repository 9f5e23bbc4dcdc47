// `vehicle unknown`: the VINs piles read that no registered vehicle has (mode 1 charged
// unattributed, mode 3/4 refused), with station, pile, first and last time and count, most recent
// first; `vehicle add VIN PLATE -d DEPT` registers one and it leaves the list.
import type { Command } from 'commander';
import { contextOf, idArg } from './cli-context.js';

interface UnknownVin {
  vin: string;
  stationId: number;
  stationName: string | null;
  pileId: string;
  firstAt: string;
  lastAt: string;
  count: number;
  lastOutcome: string;
}

export function registerUnknownVins(vehicle: Command): void {
  vehicle
    .command('unknown')
    .description('VINs read at piles that are not registered (register one with `vehicle add`)')
    .option('-s, --station <id>', 'only this station', idArg('--station'))
    .action(async (o: { station?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const list = await ctx.api.json<UnknownVin[]>('GET', `/api/v1/vehicles/unknown${o.station ? `?stationId=${o.station}` : ''}`);
      ctx.show(list, () =>
        ctx.table(
          [
            { title: 'VIN', value: (u: UnknownVin) => u.vin },
            { title: 'station', value: (u: UnknownVin) => `${u.stationId}${u.stationName ? ` ${u.stationName}` : ''}` },
            { title: 'pile', value: (u: UnknownVin) => u.pileId },
            { title: 'first', value: (u: UnknownVin) => u.firstAt },
            { title: 'last', value: (u: UnknownVin) => u.lastAt },
            { title: 'count', value: (u: UnknownVin) => u.count },
            { title: 'last outcome', value: (u: UnknownVin) => u.lastOutcome },
          ],
          list,
        ),
      );
    });
}
