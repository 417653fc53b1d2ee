/** The HTML report's stylesheet (inline; no external fonts). Screen and print. */
export const HTML_STYLE = `
:root{--ink:#0f172a;--muted:#475569;--line:#e2e8f0;--bg:#ffffff;--panel:#f8fafc;--accent:#0f766e;--warn:#b45309;--bad:#b91c1c;--good:#15803d}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 32px 48px}
header{border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:18px}
h1{font-size:26px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:18px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line);break-after:avoid;page-break-after:avoid}
h3{font-size:15px;margin:18px 0 8px;break-after:avoid}
.sub{color:var(--muted);margin:0}
.verdict{font-size:19px;line-height:1.4;margin:0 0 18px;max-width:1000px}
.verdict b{color:var(--accent)}
.kpis{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px;margin:0 0 14px}
.kpis.k4{grid-template-columns:repeat(4,minmax(0,1fr))}
.kpis.k4 .big{font-size:20px}
.kpi{background:var(--panel);border:1px solid var(--line);border-left:5px solid var(--accent);border-radius:8px;padding:10px 14px;break-inside:avoid;page-break-inside:avoid}
.kpi .k{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.kpi .big{font-size:24px;font-weight:700;margin:2px 0;white-space:nowrap}
.kpi .big .arrow{color:var(--muted);font-weight:400;margin:0 4px}
.kpi .d{font-size:13px;color:var(--muted)}
.kpi .save{color:var(--good);font-weight:700}
.kpi.alt{border-left-color:#2563eb}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 6px;padding:0;list-style:none}
.chip{border-radius:999px;padding:3px 12px;font-size:13px;border:1px solid var(--line);background:var(--panel)}
.chip.ok{border-color:#86efac;background:#f0fdf4;color:#14532d}
.chip.warn{border-color:#fcd34d;background:#fffbeb;color:#78350f}
.chip.bad{border-color:#fca5a5;background:#fef2f2;color:#7f1d1d}
figure{margin:14px 0 18px;break-inside:avoid;page-break-inside:avoid}
figcaption{color:var(--muted);font-size:13px;margin-top:4px}
svg.chart{max-width:100%;height:auto;display:block}
svg text{font-family:inherit;fill:#0f172a}
svg .ct{font-size:13px;font-weight:700}
svg .cn{font-size:13px;font-weight:700;fill:#15803d}
svg .cl{font-size:12px}
svg .cv{font-size:12px;fill:#334155}
svg .cb{fill:#c2410c;font-weight:700}
svg .cs{font-size:11px;fill:#475569}
svg .ca{font-size:11px;fill:#64748b}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;white-space:nowrap}
td.w{white-space:normal;overflow-wrap:anywhere;min-width:16ch}
th{background:var(--panel);font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12px;white-space:normal;overflow-wrap:anywhere;min-width:12ch}
td.key{min-width:24ch}
td.vms{font-size:12px;color:#334155;white-space:normal;overflow-wrap:anywhere;min-width:24ch}
tr.binding td.b{color:#c2410c;font-weight:700}
table.summary{width:auto;min-width:640px}
details summary{cursor:pointer}table.trail{margin:.3em 0;font-size:.92em}td.trail{min-width:18em}
table.summary td:first-child{font-weight:600}
tr{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
.note{color:var(--muted);font-size:13px}
.two{display:grid;grid-template-columns:1fr 1fr;gap:24px}
footer{margin-top:36px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
.stars{color:#d97706;letter-spacing:1px}
.kpis.k2{grid-template-columns:repeat(2,minmax(0,1fr))}
.sm{display:flex;flex-wrap:wrap;gap:14px}
.sm svg.chart{flex:0 0 auto}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}
.worse{color:var(--bad)}
details{margin:8px 0;border:1px solid var(--line);border-radius:8px;padding:6px 12px;break-inside:avoid-page}
details>summary{cursor:pointer;padding:4px 0}
@media (max-width:900px){.kpis{grid-template-columns:repeat(2,1fr)}.two{grid-template-columns:1fr}}
@media print{
  @page{size:A4;margin:14mm 12mm}
  body{font-size:11px}
  main{max-width:none;padding:0}
  .kpis{gap:8px}
  .kpi .big{font-size:18px}
  .verdict{font-size:15px}
  h2{margin-top:18px}
  section{break-inside:auto}
  figure,svg.chart,.kpi,.chips{break-inside:avoid;page-break-inside:avoid}
  a{color:inherit;text-decoration:none}
}
`;
