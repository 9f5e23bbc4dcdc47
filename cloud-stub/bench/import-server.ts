// Child process of the import benchmarks: a real cloud on a free port with its database in the
// folder given as argv[2]; prints its HTTP URL as one line on stdout and runs until killed, so the
// benchmark measures this process's memory alone (no file generation or HTTP client inside it).
import { startCloud } from '../index.js';

const cloud = await startCloud({ dataDir: process.argv[2], httpPort: 0, mqttPort: 0, adminPassword: 'bench-admin-pass' });
process.stdout.write(`${cloud.httpUrl}\n`);
process.on('SIGTERM', () => void cloud.close().then(() => process.exit(0)));
