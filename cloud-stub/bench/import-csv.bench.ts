// Benchmark: importing 100,000 vehicle rows from a CSV file through the real import route
// (goal ≤ 10 s, ≤ 300 MB resident). `npm run bench -- import`
import { csvFile, runImportBench } from './import-run.js';

await runImportBench('cloud.import.csv', csvFile(), 'text/csv');
