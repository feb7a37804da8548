/**
 * The report's stylesheet, inlined into the page (no fetch): a light, print-friendly layout;
 * SVG classes of the topology and the sequence diagrams; heat-map colours. Colours agree with
 * the arrow heads in sequence-svg.ts (request #1d4ed8, reply #047857, control #b45309).
 */
export const PAGE_STYLE = `
:root{--fg:#1f2937;--muted:#6b7280;--line:#d1d5db;--bg:#f8fafc;--card:#fff;--ok:#047857;--okbg:#d1fae5;--bad:#b91c1c;--badbg:#fee2e2;--warn:#b45309;--warnbg:#fef3c7;--req:#1d4ed8;--mark:#fde68a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#0f172a;color:#e2e8f0;padding:18px 28px 14px}
header.top h1{margin:0 0 4px;font-size:22px;font-weight:650;color:#fff}
header.top .source{color:#94a3b8;font-size:12.5px;max-width:1100px}
header.top .meta{margin-top:8px;display:flex;gap:8px;flex-wrap:wrap}
.pill{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;background:#1e293b;color:#cbd5e1;border:1px solid #334155}
.pill.ok{background:var(--okbg);color:var(--ok);border-color:#6ee7b7}.pill.bad{background:var(--badbg);color:var(--bad);border-color:#fca5a5}
main{padding:18px 28px 60px;max-width:1500px}
section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:0 0 16px}
section.card>h2{margin:0 0 10px;font-size:17px}
p.lead{margin:4px 0 10px;color:#374151;max-width:1000px;white-space:pre-line}
.svg-scroll{overflow-x:auto}
nav.toc{display:flex;flex-wrap:wrap;gap:4px;margin:4px 0 0}
nav.toc a{font:12px ui-monospace,"DejaVu Sans Mono",monospace;text-decoration:none;padding:1px 6px;border-radius:4px;border:1px solid var(--line);color:var(--fg);background:#fff}
nav.toc a.ok{border-color:#6ee7b7;background:var(--okbg)}nav.toc a.bad{border-color:#fca5a5;background:var(--badbg)}nav.toc a.note{color:var(--muted)}
.step{border-left:4px solid var(--line);padding:6px 0 6px 14px;margin:10px 0}
.step.ok{border-left-color:#34d399}.step.bad{border-left-color:#ef4444}.step.note{border-left-color:#cbd5e1}
.step h3{margin:0 0 4px;font-size:14px;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.step h3 .num{font:600 12px ui-monospace,monospace;color:var(--muted)}
.step .kind{font:11px ui-monospace,monospace;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.step.note .comment{color:#475569;font-style:italic;margin:0}
pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;margin:4px 0;white-space:pre;overflow-x:auto}
pre.cmd{color:#0f172a;font-weight:600;background:#f1f5f9;border-radius:6px;padding:5px 9px}
pre.out{background:#0f172a;color:#e2e8f0;border-radius:6px;padding:6px 9px;max-height:320px;overflow:auto}
ul.expect{list-style:none;padding:0;margin:4px 0}
ul.expect li{padding:1px 0}ul.expect li.ok::before{content:"✔ ";color:var(--ok);font-weight:700}ul.expect li.bad::before{content:"✘ ";color:var(--bad);font-weight:700}
ul.expect li.bad{color:var(--bad)}
.conn{margin:6px 0;border:1px solid var(--line);border-radius:8px;background:#fcfcfd}
.conn>summary{cursor:pointer;padding:6px 10px;display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}
.conn>summary .who{font-weight:600}
.conn .fate{font-size:12.5px}.conn .fate.ok{color:var(--ok)}.conn .fate.bad{color:var(--bad);font-weight:600}
.conn .why{margin:0 10px 6px;padding:6px 10px;border-radius:6px;font-size:13px}
.conn .why.deny{background:var(--badbg);color:#7f1d1d}.conn .why.allow{background:var(--okbg);color:#064e3b}
.conn .body{padding:0 10px 10px}
button.select{font-size:11.5px;border:1px solid var(--line);background:#fff;border-radius:5px;padding:1px 7px;cursor:pointer}
.conn.selected>summary button.select{background:var(--mark);border-color:#f59e0b}
details.tables>summary,details.more>summary{cursor:pointer;color:#334155;font-size:13px;margin:4px 0}
.tables-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:10px}
figure{margin:6px 0}figcaption{font-size:12.5px;color:var(--muted);margin-bottom:2px}
figure.flow-table pre{background:#f8fafc;border:1px solid var(--line);border-radius:6px;padding:6px 8px;max-height:420px;overflow:auto}
.flow{display:inline-block;min-width:100%}.flow.marked{background:var(--mark);outline:1px solid #f59e0b}.flow.drop{color:var(--bad)}
.legend-mark{background:var(--mark);padding:0 4px;border-radius:3px}
svg text{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace}
svg.topo .node-box{fill:#f1f5f9;stroke:#94a3b8;stroke-width:1.5}
svg.topo .node-name{font-size:15px;font-weight:700;fill:#0f172a}
svg.topo .node-ip{font-size:11.5px;fill:#475569;text-anchor:end}
svg.topo .agent-box{fill:#fff7ed;stroke:#f59e0b}
svg.topo .vrouter-box{fill:#eff6ff;stroke:#3b82f6;stroke-width:1.5}
svg.topo .vrouter-box.marked{stroke:#f59e0b;stroke-width:3}
svg.topo .box-title{font-size:12.5px;font-weight:700;fill:#1e3a8a}
svg.topo .box-label{font-size:11px;fill:#334155}
svg.topo .pkt0,svg.topo .bus,svg.topo .tap{stroke:#64748b;stroke-width:1.5}
svg.topo .pod-box{fill:#fff;stroke:#10b981;stroke-width:1.3}
svg.topo .pod.marked .pod-box{stroke:#f59e0b;stroke-width:3;fill:#fffbeb}
svg.topo .pod-name{font-size:12px;font-weight:700;fill:#064e3b}
svg.topo .pod-ip{font-size:10.5px;fill:#475569}
svg.topo .fabric{stroke:#334155;stroke-width:4}
svg.topo .fabric-label{font-size:11px;fill:#334155;text-anchor:end}
svg.topo .eth0{stroke:#334155;stroke-width:2}svg.topo .eth0-dot{fill:#334155}
svg.topo .eth0-label{font-size:10.5px;fill:#334155}
svg.topo .tunnel path{fill:none;stroke:#7c3aed;stroke-width:1.6;stroke-dasharray:6 4}
svg.topo .tunnel text{font-size:10.5px;fill:#6d28d9;text-anchor:middle}
svg.seq .life rect{fill:#f1f5f9;stroke:#94a3b8}
svg.seq .life.vrouter rect{fill:#eff6ff;stroke:#3b82f6}svg.seq .life.agent rect{fill:#fff7ed;stroke:#f59e0b}svg.seq .life.endpoint rect{fill:#ecfdf5;stroke:#10b981}
svg.seq .life line{stroke:#cbd5e1;stroke-dasharray:4 3}
svg.seq .lt{font-size:11.5px;font-weight:700;text-anchor:middle;fill:#0f172a}
svg.seq .ls{font-size:10px;text-anchor:middle;fill:#475569}
svg.seq .time{font-size:10px;fill:#6b7280}
svg.seq .desc{font-size:11px;fill:#374151}
svg.seq .row:hover .desc{fill:#000;font-weight:700}
svg.seq .arrow line{stroke-width:1.6}
svg.seq .arrow.request line{stroke:#1d4ed8}svg.seq .arrow.reply line{stroke:#047857}svg.seq .arrow.control line{stroke:#b45309;stroke-dasharray:5 3}
svg.seq .al{font-size:10px;text-anchor:middle;fill:#1f2937}
svg.seq .note rect{fill:#fff;stroke:#94a3b8}
svg.seq .note.hold rect{fill:#fef3c7;stroke:#f59e0b}svg.seq .note.allow rect{fill:#d1fae5;stroke:#10b981}svg.seq .note.deny rect{fill:#fee2e2;stroke:#ef4444}
svg.seq .nl{font-size:10px;text-anchor:middle;fill:#111827}
svg.seq .cross{stroke:#dc2626;stroke-width:3}
svg.seq .dl{font-size:10.5px;font-weight:700;fill:#b91c1c}
.heat-pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:14px}
.heat-scroll{overflow:auto;max-height:640px}
table.heat-map{border-collapse:separate;border-spacing:2px;font-size:12px}
table.heat-map th{font:11px ui-monospace,monospace;color:#334155;font-weight:600}
table.heat-map th.row{text-align:right;padding-right:6px;white-space:nowrap}
table.heat-map th.col{height:120px;vertical-align:bottom;padding:0}
table.heat-map th.col span{display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
table.heat-map td.cell{width:28px;height:24px;text-align:center;border-radius:4px;cursor:pointer;font-weight:700}
td.cell.allow{background:#34d399;color:#064e3b}td.cell.deny{background:#f87171;color:#7f1d1d}td.cell.some{background:#fbbf24;color:#78350f}
td.cell.unserved{background:#e5e7eb;color:#6b7280}td.cell.none-probed{background:#f8fafc;color:#cbd5e1;cursor:default}
td.cell.differs{outline:3px solid #7c3aed;outline-offset:-1px}
td.cell.active{box-shadow:0 0 0 2px #0f172a}
.heat-legend{font-size:12px;color:var(--muted);display:flex;gap:12px;flex-wrap:wrap;margin:4px 0}
.heat-legend i{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-2px;margin-right:4px}
#explain{position:fixed;right:16px;bottom:16px;max-width:560px;background:#0f172a;color:#e2e8f0;border-radius:8px;padding:10px 14px;font:12px/1.45 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 8px 30px rgba(0,0,0,.25);display:none}
#explain.shown{display:block}
#explain button{float:right;background:none;border:none;color:#94a3b8;cursor:pointer;font-size:14px}
ul.diffs{margin:6px 0;padding-left:18px;font-size:13px}ul.diffs li{margin:3px 0}
.muted{color:var(--muted)}
.side-by-side{display:grid;grid-template-columns:repeat(auto-fit,minmax(600px,1fr));gap:12px}
.side-by-side h4{margin:6px 0 2px;font-size:13px;color:#334155}
.side-by-side .svg-scroll{max-width:100%}
@media print{#explain{display:none!important}.pre.out{max-height:none}}
`;
