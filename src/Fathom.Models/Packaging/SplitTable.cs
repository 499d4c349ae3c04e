using System.Text.Json;

namespace Fathom.Models.Packaging;

/// <summary>Reads pandas split-orient JSON (<c>columns</c> + row-major <c>data</c>) into a table.</summary>
internal static class SplitTable
{
    public static DataTable Read(JsonElement columns, JsonElement data, string source)
    {
        var names = columns.EnumerateArray().Select(c => c.GetString() ?? "").ToArray();
        var rows = data.EnumerateArray().ToArray();
        var built = new Column[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            var values = rows.Select(r => r.ValueKind == JsonValueKind.Array && r.GetArrayLength() > c ? r[c] : default).ToArray();
            var kinds = values.Where(v => v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)).Select(v => v.ValueKind).Distinct().ToArray();
            if (kinds.All(k => k == JsonValueKind.Number))
            {
                var numbers = values.Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN).ToArray();
                var integral = values.All(v => v.ValueKind != JsonValueKind.Number || !v.GetRawText().AsSpan().ContainsAny(".eE"));
                built[c] = new NumericColumn(names[c], numbers, integral);
            }
            else if (kinds.All(k => k is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False))
            {
                var text = values.Select(v => v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                }).ToArray();
                var categories = text.Where(t => t is not null).Distinct().ToArray();
                var index = categories.Select((t, i) => (t, i)).ToDictionary(p => p.t!, p => p.i);
                built[c] = new CategoricalColumn(names[c], text.Select(t => t is null ? CategoricalColumn.MissingCode : index[t]).ToArray(), categories!);
            }
            else throw FathomException.InvalidParameter($"{source}: column '{names[c]}' mixes numbers and text.");
        }
        return new DataTable(built);
    }
}
