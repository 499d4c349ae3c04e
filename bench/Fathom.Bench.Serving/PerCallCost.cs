using System.Diagnostics;
using System.Globalization;
using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Models.Packaging;

/// <summary>
/// CPU per IModel.Predict call of a few rows, the model's share of a serving request: each call gets its own table
/// whose text columns hold only the call's values (as a parsed JSON request does), so per-call work that depends on
/// the call's category dictionary is paid as in serving. In-process and single-threaded, so it measures the model
/// call without JSON, HTTP or the load generator.
/// </summary>
internal static class PerCallCost
{
    public static async Task RunAsync(string folder, string data, int rowsPerCall, int calls, bool direct)
    {
        var table = await TableReader.ReadAsync(data);
        var random = new Random(11);
        var inputs = Enumerable.Range(0, 512).Select(_ => Compact(table.Take([.. Enumerable.Range(0, rowsPerCall).Select(_ => random.Next(table.RowCount))])))
            .ToArray();
        using var model = ModelLoader.Load(folder, new ModelLoadOptions { ScoreTreesDirectly = direct, RejectExtraColumns = false });
        for (var i = 0; i < 2_000; i++) model.Predict(inputs[i % inputs.Length]);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) model.Predict(inputs[i % inputs.Length]);
        watch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(direct ? "direct" : "ML.NET")}, {rowsPerCall} rows a call: {calls:N0} calls, {1e6 * cpuSeconds / calls:0.0} us CPU a call, {calls * rowsPerCall / watch.Elapsed.TotalSeconds:N0} rows/s wall (load average {File.ReadAllText("/proc/loadavg")[..14]})"));
    }

    /// <summary>The table with each text column's dictionary cut to the values its rows use, in order of first use.</summary>
    private static DataTable Compact(DataTable table) => new(table.Columns.Select(column =>
    {
        if (column is not CategoricalColumn text) return column;
        var categories = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = Enumerable.Range(0, text.Length).Select(r =>
        {
            if (text.Format(r) is not { } value) return CategoricalColumn.MissingCode;
            if (!index.TryGetValue(value, out var code)) { code = index[value] = categories.Count; categories.Add(value); }
            return code;
        }).ToArray();
        return new CategoricalColumn(text.Name, codes, [.. categories]);
    }));
}
