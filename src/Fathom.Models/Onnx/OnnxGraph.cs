using Fathom.Models.Signatures;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Fathom.Models.Onnx;

/// <summary>
/// What Fathom reads from an ONNX graph's inputs and outputs: the tensor-based input signature MLflow would write,
/// and how each output becomes part of a <see cref="ModelOutput"/> (label, numeric column, or per-class scores,
/// including sklearn-onnx's ZipMap <c>seq(map(int64|string, float))</c> probabilities).
/// </summary>
internal sealed class OnnxGraph
{
    public OnnxGraph(InferenceSession session)
    {
        Inputs = session.InputNames.Select(n => ToTensorSpec(n, session.InputMetadata[n])).ToArray();
        Outputs = session.OutputNames.Select(n => Classify(n, session.OutputMetadata[n])).ToArray();
        Label = Outputs.FirstOrDefault(o => o.Role == OutputRole.Label);
        ScoreOutput = Outputs.FirstOrDefault(o => o.Role is OutputRole.ScoreMatrix or OutputRole.ZipMap);
    }

    public IReadOnlyList<TensorSpec> Inputs { get; }

    public IReadOnlyList<OnnxOutput> Outputs { get; }

    public OnnxOutput? Label { get; }

    public OnnxOutput? ScoreOutput { get; }

    public ModelSchema InputSchema => ModelSchema.OfTensors(Inputs);

    /// <summary>The columns Fathom returns: scalar outputs, an argmax label when the graph has scores but no label, and the scores as an array.</summary>
    public ModelSchema OutputSchema
    {
        get
        {
            var columns = new List<ColumnSpec>();
            if (Label is null && ScoreOutput is not null) columns.Add(new ColumnSpec(OnnxModel.ArgmaxColumn, ColumnType.Long));
            foreach (var o in Outputs)
            {
                if (o.Role is OutputRole.Label or OutputRole.Value) columns.Add(new ColumnSpec(o.Name, o.ColumnType));
                else if (ReferenceEquals(o, ScoreOutput)) columns.Add(new ColumnSpec(o.Name, ColumnType.Float, IsArray: true));
            }
            return ModelSchema.OfColumns(columns);
        }
    }

    internal static TensorSpec ToTensorSpec(string name, NodeMetadata meta)
    {
        if (!meta.IsTensor)
            throw FathomException.InvalidParameter($"ONNX input '{name}' is a {meta.OnnxValueType}; only tensor inputs can be fed from a table.");
        return new TensorSpec(name, NumpyName(meta.ElementDataType), meta.Dimensions.Select(d => d < 0 ? -1L : d).ToArray());
    }

    private static OnnxOutput Classify(string name, NodeMetadata meta)
    {
        if (meta.OnnxValueType == OnnxValueType.ONNX_TYPE_SEQUENCE) return new OnnxOutput(name, OutputRole.ZipMap, TensorElementType.Float, ColumnType.Float);
        if (!meta.IsTensor) return new OnnxOutput(name, OutputRole.Ignored, TensorElementType.Float, ColumnType.Float);
        var type = meta.ElementDataType;
        var wide = meta.Dimensions.Length == 2 && meta.Dimensions[1] != 1;
        return type switch
        {
            TensorElementType.String => new OnnxOutput(name, OutputRole.Label, type, ColumnType.String),
            TensorElementType.Int64 or TensorElementType.Int32 when !wide => new OnnxOutput(name, OutputRole.Label, type, ColumnType.Long),
            TensorElementType.Float or TensorElementType.Double when wide => new OnnxOutput(name, OutputRole.ScoreMatrix, type, ColumnType.Float),
            TensorElementType.Float => new OnnxOutput(name, OutputRole.Value, type, ColumnType.Float),
            TensorElementType.Double => new OnnxOutput(name, OutputRole.Value, type, ColumnType.Double),
            _ => new OnnxOutput(name, OutputRole.Ignored, type, ColumnType.Double),
        };
    }

    internal static string NumpyName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Double => "float64",
        TensorElementType.Float16 => "float16",
        TensorElementType.Int8 => "int8",
        TensorElementType.Int16 => "int16",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int64 => "int64",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Bool => "bool",
        TensorElementType.String => "str",
        _ => type.ToString().ToLowerInvariant(),
    };
}

internal enum OutputRole
{
    Label,
    Value,
    ScoreMatrix,
    ZipMap,
    Ignored,
}

internal sealed record OnnxOutput(string Name, OutputRole Role, TensorElementType ElementType, ColumnType ColumnType);
