using System.Text.Json;
using Fathom.Models.Packaging;

namespace Fathom.Models.Tests.Onnx;

/// <summary>The ONNX models and expected predictions written by tools/oracle/generate_onnx_fixtures.py.</summary>
internal static class OnnxFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx");

    public static string File(string model) => Path.Combine(Folder, model + ".onnx");

    public static JsonElement Expected(string model)
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(Folder, "expected.json")));
        return doc.RootElement.GetProperty(model).Clone();
    }

    public static DataTable Inputs(string model)
    {
        var inputs = Expected(model).GetProperty("inputs");
        return SplitTable.Read(inputs.GetProperty("columns"), inputs.GetProperty("data"), model);
    }

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
