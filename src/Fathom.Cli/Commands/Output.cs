using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Fathom.Cli.Commands;

/// <summary>Rendering shared by the commands: JSON for scripts, tables and times for people.</summary>
internal static class Output
{
    // The same shapes as MLflow's REST API, so scripts can share parsing code with MLflow tooling.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    /// <summary>Writes raw JSON, bypassing markup and line wrapping.</summary>
    public static void Json(IAnsiConsole console, object value)
    {
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, value.GetType(), JsonOptions));
        console.Profile.Out.Writer.Flush();
    }

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        return table;
    }

    public static void Row(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c ?? "")).ToArray());

    public static string Time(long? unixMs) => unixMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "";

    public static string Duration(long? startMs, long? endMs)
    {
        if (startMs is not { } start || endMs is not { } end)
            return "";
        var span = TimeSpan.FromMilliseconds(end - start);
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m"
            : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s"
            : $"{span.TotalSeconds:0.0}s";
    }

    /// <summary>MLflow's spelling (FINISHED, not Finished), so tables match the UI and the API.</summary>
    public static string Status(Fathom.Client.RunStatus status) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(status.ToString());

    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB",
    };
}
