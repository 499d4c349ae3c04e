using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Fathom.Models.Onnx;

/// <summary>Copies ONNX Runtime's output values into <see cref="ModelOutput"/> columns and a score matrix.</summary>
internal static class OnnxOutputReader
{
    public static ModelOutput Read(OnnxGraph graph, IReadOnlyList<OnnxOutput> requested, IReadOnlyList<OrtValue> values, int rows)
    {
        var columns = new List<Column>();
        ScoreMatrix? scores = null;
        for (var i = 0; i < requested.Count; i++)
        {
            var output = requested[i];
            var value = values[i];
            switch (output.Role)
            {
                case OutputRole.Label when output.ElementType == TensorElementType.String:
                    columns.Add(StringColumn(output.Name, value, rows));
                    break;
                case OutputRole.Label:
                    columns.Add(new NumericColumn(output.Name, Longs(value, rows), isInteger: true));
                    break;
                case OutputRole.Value:
                    columns.Add(new NumericColumn(output.Name, Doubles(value, rows)));
                    break;
                case OutputRole.ScoreMatrix:
                    scores = Matrix(output.Name, value, rows);
                    break;
                case OutputRole.ZipMap:
                    scores = ZipMap(output.Name, value, rows);
                    break;
            }
        }
        if (graph.Label is null && scores is not null) columns.Insert(0, Argmax(scores));
        return new ModelOutput(rows, columns, scores, graph.Label?.Name);
    }

    private static CategoricalColumn StringColumn(string name, OrtValue value, int rows)
    {
        var codes = new int[rows];
        var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        var categories = new List<string>();
        var chars = new char[64];
        for (var r = 0; r < rows; r++)
        {
            // Decode into one reused buffer: a label seen before costs a lookup, not a string.
            var utf8 = value.GetStringElementAsSpan(r);
            if (chars.Length < utf8.Length) chars = new char[utf8.Length];
            var text = chars.AsSpan(0, System.Text.Encoding.UTF8.GetChars(utf8, chars));
            if (!lookup.TryGetValue(text, out var code))
            {
                code = categories.Count;
                var label = text.ToString();
                dictionary.Add(label, code);
                categories.Add(label);
            }
            codes[r] = code;
        }
        return new CategoricalColumn(name, codes, [.. categories]);
    }

    private static double[] Longs(OrtValue value, int rows)
    {
        var result = new double[rows];
        if (value.GetTensorTypeAndShape().ElementDataType == TensorElementType.Int32)
        {
            var ints = value.GetTensorDataAsSpan<int>();
            for (var r = 0; r < rows; r++) result[r] = ints[r];
        }
        else
        {
            var longs = value.GetTensorDataAsSpan<long>();
            for (var r = 0; r < rows; r++) result[r] = longs[r];
        }
        return result;
    }

    private static double[] Doubles(OrtValue value, int rows)
    {
        var result = new double[rows];
        if (value.GetTensorTypeAndShape().ElementDataType == TensorElementType.Double)
            value.GetTensorDataAsSpan<double>()[..rows].CopyTo(result);
        else
        {
            var floats = value.GetTensorDataAsSpan<float>();
            for (var r = 0; r < rows; r++) result[r] = floats[r];
        }
        return result;
    }

    private static ScoreMatrix Matrix(string name, OrtValue value, int rows)
    {
        var shape = value.GetTensorTypeAndShape().Shape;
        var width = shape.Length == 2 ? (int)shape[1] : 1;
        var data = new float[rows * width];
        if (value.GetTensorTypeAndShape().ElementDataType == TensorElementType.Double)
        {
            var doubles = value.GetTensorDataAsSpan<double>();
            for (var i = 0; i < data.Length; i++) data[i] = (float)doubles[i];
        }
        else value.GetTensorDataAsSpan<float>()[..data.Length].CopyTo(data);
        // A bare probability tensor does not carry its class labels; they are the column indexes.
        var classes = Enumerable.Range(0, width).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new ScoreMatrix(name, classes, data, isProbability: true);
    }

    private static ScoreMatrix ZipMap(string name, OrtValue sequence, int rows)
    {
        var allocator = OrtAllocator.DefaultInstance;
        string[]? classes = null;
        float[] data = [];
        for (var r = 0; r < rows; r++)
        {
            using var map = sequence.GetValue(r, allocator);
            using var keys = map.GetValue(0, allocator);
            using var probabilities = map.GetValue(1, allocator);
            if (classes is null)
            {
                classes = keys.GetTensorTypeAndShape().ElementDataType == TensorElementType.String
                    ? keys.GetStringTensorAsArray()
                    : keys.GetTensorDataAsSpan<long>().ToArray().Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
                data = new float[rows * classes.Length];
            }
            probabilities.GetTensorDataAsSpan<float>().CopyTo(data.AsSpan(r * classes.Length, classes.Length));
        }
        return new ScoreMatrix(name, classes ?? ["0"], data, isProbability: true);
    }

    private static NumericColumn Argmax(ScoreMatrix scores)
    {
        var labels = new double[scores.RowCount];
        for (var r = 0; r < labels.Length; r++)
        {
            var row = scores.Row(r);
            labels[r] = row.IndexOf(TensorPrimitivesMax(row));
        }
        return new NumericColumn(OnnxModel.ArgmaxColumn, labels, isInteger: true);
    }

    private static float TensorPrimitivesMax(ReadOnlySpan<float> row)
    {
        var max = row[0];
        foreach (var v in row) if (v > max) max = v;
        return max;
    }
}
