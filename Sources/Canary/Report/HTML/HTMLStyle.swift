/// The report's stylesheet: system fonts only, readable from phone to desktop, printable.
enum HTMLStyle {
    static let css = """
        :root { --go: #1a7f37; --retest: #9a6700; --rollback: #cf222e; --ink: #1f2328; --muted: #59636e;
          --line: #d1d9e0; --panel: #f6f8fa; --p50: #0969da; --p95: #bc4c00; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
          color: var(--ink); background: #fff; }
        main { max-width: 1080px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.9em; margin: 0 0 4px; letter-spacing: .02em; }
        h2 { font-size: 1.25em; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1em; margin: 18px 0 6px; }
        code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel);
          padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
        pre { background: var(--panel); padding: 10px; overflow-x: auto; border-radius: 6px; font-size: .85em; }
        .banner { border-radius: 10px; padding: 16px 18px; color: #fff; margin-bottom: 8px; }
        .banner.go { background: var(--go); } .banner.fix-and-retest { background: var(--retest); }
        .banner.rollback { background: var(--rollback); }
        .banner .meta { opacity: .92; font-size: .92em; overflow-wrap: anywhere; }
        .banner ul { margin: 10px 0 0; padding-left: 20px; }
        .tls-warning { background: #fff; color: #8a1c1c; border-radius: 6px; padding: 6px 10px; font-weight: 600; }
        .banner li { margin: 3px 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; font-size: .93em; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--panel); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .verdict { font-weight: 600; white-space: nowrap; display: inline-block; padding: 0 8px; border-radius: 10px;
          font-size: .9em; border: 1px solid currentColor; }
        .pass { color: var(--go); } .fail, .regressed, .failed, .timed-out { color: var(--rollback); }
        .no-data, .too-few-samples { color: var(--retest); }
        .note { color: var(--muted); font-size: .9em; }
        p.warning { color: var(--retest); font-weight: 600; }
        .chart { width: 100%; height: auto; display: block; }
        .chart .grid { stroke: #eaeef2; } .chart .axisline { stroke: var(--muted); }
        .chart .axis { font-size: 11px; fill: var(--muted); }
        .chart .phase { stroke: #afb8c1; stroke-dasharray: 2 3; }
        .chart .alert.warning { stroke: var(--retest); stroke-width: 1.5; opacity: .7; }
        .chart .alert.critical { stroke: var(--rollback); stroke-width: 2; opacity: .8; }
        .chart .threshold { stroke: var(--rollback); stroke-dasharray: 6 4; }
        .chart .threshold-label { font-size: 11px; fill: var(--rollback); }
        .chart .line { fill: none; stroke-width: 2; } .chart .p50 { stroke: var(--p50); } .chart .p95 { stroke: var(--p95); }
        .chart .failed { fill: var(--rollback); }
        .timeline .phase-bar.p0 { fill: #ddf4ff; } .timeline .phase-bar.p1 { fill: #dafbe1; }
        .timeline .phase-bar.p2 { fill: #fff8c5; } .timeline .phase-bar.p3 { fill: #fbefff; }
        .timeline .phase-label { font-size: 12px; fill: var(--ink); }
        .timeline .marker.warning { fill: var(--retest); } .timeline .marker.critical { fill: var(--rollback); }
        .timeline .marker.resolved { fill: #fff; stroke: var(--go); stroke-width: 2; }
        .timeline .stop { stroke: var(--ink); stroke-width: 2; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .85em; color: var(--muted); margin: 4px 0; }
        .legend span::before { content: ""; display: inline-block; width: 14px; height: 3px; margin-right: 5px;
          vertical-align: middle; background: currentColor; }
        .legend .l50 { color: var(--p50); } .legend .l95 { color: var(--p95); } .legend .lth { color: var(--rollback); }
        .probe { margin-bottom: 18px; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        ol.runbook li { margin: 6px 0; }
        ol.phases { display: flex; flex-wrap: wrap; gap: 2px 18px; padding-left: 20px; margin: 6px 0; font-size: .92em; }
        ol.phases li { margin-right: 8px; }
        @media (max-width: 640px) {
          body { font-size: 14px; } main { padding: 10px; } h1 { font-size: 1.5em; }
          table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
          table.cards thead { display: none; }
          table.cards tr { border: 1px solid var(--line); border-radius: 8px; margin-bottom: 10px; padding: 4px 0; }
          table.cards td { display: inline-block; width: auto; border: 0; padding: 2px 10px 2px 10px; text-align: left; }
          table.cards td[data-label]::before { content: attr(data-label) " "; color: var(--muted); font-weight: 400;
            font-size: .9em; }
          table.cards td:first-child { display: block; font-weight: 600; }
          table.cards td:first-child::before { content: none; }
          .chart .axis, .chart .threshold-label { font-size: 19px; }
          .timeline .phase-label { font-size: 22px; }
          .chart .line { stroke-width: 3; }
          dl.meta { grid-template-columns: 1fr; } dl.meta dd { margin-bottom: 6px; }
        }
        @media print { .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        """
}
