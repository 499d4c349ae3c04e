using Fathom.Models.Signatures;
using Microsoft.ML.OnnxRuntime;

namespace Fathom.Models.Onnx;

/// <summary>
/// Turns checked table columns into ONNX input tensors. A graph with one input of shape [-1, k] gets the k columns
/// packed row-major, as MLflow feeds <c>DataFrame.values</c>; otherwise each input is fed from the column of its
/// name. One array per tensor, no per-row objects.
/// </summary>
internal static class OnnxInputFeeder
{
    public static Dictionary<string, OrtValue> Feed(IReadOnlyList<TensorSpec> inputs, DataTable table)
    {
        var feeds = new Dictionary<string, OrtValue>(inputs.Count, StringComparer.Ordinal);
        try
        {
            if (inputs.Count == 1 && !table.Contains(inputs[0].Name ?? ""))
                feeds[inputs[0].Name!] = Tensor(inputs[0], table.Columns, table.RowCount);
            else
                foreach (var input in inputs) feeds[input.Name!] = Tensor(input, [table[input.Name!]], table.RowCount);
            return feeds;
        }
        catch
        {
            foreach (var value in feeds.Values) value.Dispose();
            throw;
        }
    }

    private static OrtValue Tensor(TensorSpec spec, IReadOnlyList<Column> columns, int rows)
    {
        var width = columns.Count;
        long[] shape = spec.Shape.Count == 1 ? [rows] : [rows, width];
        return spec.DType switch
        {
            "float32" => OrtValue.CreateTensorValueFromMemory(Pack(columns, rows, static v => (float)v), shape),
            "float64" => OrtValue.CreateTensorValueFromMemory(Pack(columns, rows, static v => v), shape),
            "int64" => OrtValue.CreateTensorValueFromMemory(Pack(columns, rows, static v => (long)v), shape),
            "int32" => OrtValue.CreateTensorValueFromMemory(Pack(columns, rows, static v => (int)v), shape),
            "bool" => OrtValue.CreateTensorValueFromMemory(PackBool(columns, rows), shape),
            "str" => Strings(columns, rows, shape),
            _ => throw FathomException.InvalidParameter($"ONNX input '{spec.Name}' has dtype {spec.DType}, which Fathom cannot feed from a table."),
        };
    }

    private static T[] Pack<T>(IReadOnlyList<Column> columns, int rows, Func<double, T> convert)
    {
        var width = columns.Count;
        var data = new T[rows * width];
        for (var c = 0; c < width; c++)
        {
            var values = ((NumericColumn)columns[c]).Values;
            for (var r = 0; r < rows; r++) data[r * width + c] = convert(values[r]);
        }
        return data;
    }

    private static bool[] PackBool(IReadOnlyList<Column> columns, int rows)
    {
        var width = columns.Count;
        var data = new bool[rows * width];
        for (var c = 0; c < width; c++)
        {
            var text = (CategoricalColumn)columns[c];
            var truth = text.Categories.Select(bool.Parse).ToArray();
            var codes = text.Codes;
            for (var r = 0; r < rows; r++) data[r * width + c] = codes[r] >= 0 && truth[codes[r]];
        }
        return data;
    }

    private static OrtValue Strings(IReadOnlyList<Column> columns, int rows, long[] shape)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        var width = columns.Count;
        for (var c = 0; c < width; c++)
        {
            var text = (CategoricalColumn)columns[c];
            var codes = text.Codes;
            for (var r = 0; r < rows; r++)
                value.StringTensorSetElementAt(codes[r] < 0 ? ReadOnlySpan<char>.Empty : text.Categories[codes[r]].AsSpan(), r * width + c);
        }
        return value;
    }
}
