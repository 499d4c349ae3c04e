namespace Fathom.Monitoring.Reports.Html;

/// <summary>The inline stylesheet and script of the HTML report: no network, no framework, a few kilobytes.</summary>
internal static class HtmlAssets
{
    public const string Style = """
        :root { --ref: #4c78a8; --cur: #e45756; --ok: #2e7d32; --bad: #c62828; --line: #ddd; }
        body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px 24px; color: #222; }
        h1 { margin-bottom: 4px; } h2 { border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
        .meta { color: #666; }
        .verdict { padding: 10px 14px; border-radius: 6px; font-weight: 600; margin: 8px 0; }
        .verdict.drift { background: #fdecea; color: var(--bad); } .verdict.ok { background: #e8f5e9; color: var(--ok); }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        table.sortable th { cursor: pointer; user-select: none; background: #f6f6f6; }
        th[data-dir="asc"]::after { content: " \25B2"; } th[data-dir="desc"]::after { content: " \25BC"; }
        tr.drifted td:first-child { border-left: 4px solid var(--bad); }
        .yes { color: var(--bad); font-weight: 600; } .no { color: var(--ok); }
        .column { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
        .column h3 { margin: 4px 0; } .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; }
        svg text { font: 10px system-ui, sans-serif; fill: #555; }
        .pair { display: flex; flex-wrap: wrap; gap: 16px; } figure.curve { margin: 4px; } figcaption { font-weight: 600; font-size: 12px; }
        table.confusion { width: auto; } table.confusion th { background: #f6f6f6; }
        """;

    public const string Script = """
        document.querySelectorAll('table.sortable').forEach(function (table) {
          table.querySelectorAll('th').forEach(function (th, index) {
            th.addEventListener('click', function () {
              var ascending = th.dataset.dir !== 'asc';
              table.querySelectorAll('th').forEach(function (h) { delete h.dataset.dir; });
              th.dataset.dir = ascending ? 'asc' : 'desc';
              var numeric = th.dataset.type === 'num';
              var body = table.tBodies[0];
              var key = function (row) { var cell = row.cells[index]; return cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent; };
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = key(a), y = key(b);
                if (numeric) {
                  x = parseFloat(x); y = parseFloat(y);
                  if (isNaN(x)) x = -Infinity; if (isNaN(y)) y = -Infinity;
                  return ascending ? x - y : y - x;
                }
                return ascending ? x.localeCompare(y) : y.localeCompare(x);
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });
        """;
}
