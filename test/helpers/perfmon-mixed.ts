/**
 * A seeded perfmon CSV (two hosts, a committed-memory counter and an ignored one) mixing every kind
 * of cell the fused row reader must hand over to the general path: blanks, decimal commas,
 * negative values, a committed percentage above 100, exponents, bad timestamps, missing and extra
 * cells, quotes. `host` renames the hosts (`${host}A`, `${host}B`); `startUtc` moves the first sample.
 */
export function mixed(seed: number, host = '', startUtc = Date.UTC(2024, 9, 26), rows = 3000): string {
  let a = seed;
  const rnd = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
  const p2 = (x: number) => String(x).padStart(2, '0');
  const lines = [`"(PDH-CSV 4.0) (W. Europe Standard Time)(-60)","\\\\${host}A\\Processor(_Total)\\% Processor Time","\\\\${host}A\\Memory\\Available MBytes","\\\\${host}B\\Processor(_Total)\\% Processor Time","\\\\${host}B\\Memory\\% Committed Bytes In Use","\\\\${host}A\\PhysicalDisk(_Total)\\Disk Reads/sec"`];
  const odd = ['" "', '""', '"1,5"', '"-3"', '"1e2"', '"12.5.1"', '"007.50"', '".5"', '"5."', '"0.000000"', '"150"', '"x"', '" 7"', '"1234567890123456"'];
  for (let k = 0; k < rows; k++) {
    const d = new Date(startUtc + k * 300_000);
    let ts = `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(k % 1000).padStart(3, '0')}`;
    if (rnd() < 0.01) ts = ts.replace(':', ';');
    if (rnd() < 0.01) ts = ts.slice(1);
    const cell = () => (rnd() < 0.08 ? odd[Math.floor(rnd() * odd.length)] : `"${(rnd() * 100).toFixed(6)}"`);
    const cells = [`"${ts}"`, cell(), cell(), cell(), cell(), rnd() < 0.02 ? '"a"b"' : cell()];
    if (rnd() < 0.01) cells.pop();
    if (rnd() < 0.01) cells.push('"9"');
    lines.push(cells.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

