// Baseline for the scale rows of table.mjs: csv-parse streaming a file (header row, records as
// objects), counting the records. Usage: node benchmarks/packing/csv-parse-stream.mjs FILE
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let n = 0;
const parser = createReadStream(process.argv[2]).pipe(parse({ columns: true }));
for await (const _record of parser) n++;
console.log(n);
