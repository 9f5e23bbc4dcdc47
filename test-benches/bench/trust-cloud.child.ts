// The cloud under attack for `npm run bench -- trust`, in a process of its own so its resident memory
// is the cloud's alone: a station with 20,000 vehicles (bulk-inserted, as years of registrations), one
// registered pile; prints one JSON line with its URLs, the pile's credentials and an admin token, then
// runs until killed.
import { benchDepot } from './sync-kit.js';

const depot = await benchDepot({ piles: 1, vehicles: Number(process.env.TRUST_BENCH_VEHICLES ?? 20_000) });
// The bulk set-up's garbage is not the cloud's working set: collect it before the attack.
(globalThis as { gc?: () => void }).gc?.();
process.stdout.write(`${JSON.stringify({ httpUrl: depot.cloud.httpUrl, mqttUrl: depot.cloud.mqttUrl, pile: depot.piles[0], token: depot.token, station: depot.station })}\n`);
process.on('SIGTERM', () => void depot.cloud.close().then(() => process.exit(0)));
