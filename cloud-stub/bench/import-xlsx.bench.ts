// Benchmark: importing 100,000 vehicle rows from an XLSX workbook through the real import route
// (goal ≤ 10 s, ≤ 300 MB resident). `npm run bench -- import`
import { runImportBench, xlsxFile } from './import-run.js';

await runImportBench('cloud.import.xlsx', await xlsxFile(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
