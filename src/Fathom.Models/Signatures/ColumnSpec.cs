namespace Fathom.Models.Signatures;

/// <summary>
/// One column of a column-based signature (MLflow's <c>ColSpec</c>). <see cref="IsArray"/> marks MLflow's
/// <c>{"type": "array", "items": {"type": ...}}</c>, used for per-class score vectors in outputs.
/// </summary>
/// <param name="Name">The column name; null only in MLflow's unnamed schemas.</param>
/// <param name="Type">The scalar type (the item type when <paramref name="IsArray"/>).</param>
/// <param name="Required">False lets the column be absent from the input.</param>
/// <param name="IsArray">True when each value is an array of <paramref name="Type"/>.</param>
public sealed record ColumnSpec(string? Name, ColumnType Type, bool Required = true, bool IsArray = false)
{
    /// <summary>How messages and docs show the type, e.g. <c>double</c> or <c>array&lt;float&gt;</c>.</summary>
    public string TypeName => IsArray ? $"array<{Type.Name()}>" : Type.Name();
}

/// <summary>
/// One input or output tensor of a tensor-based signature (MLflow's <c>TensorSpec</c>), as MLflow infers it for
/// ONNX models: a numpy dtype name (<c>float32</c>, <c>int64</c>, <c>str</c>...) and a shape where -1 is a
/// variable dimension.
/// </summary>
/// <param name="Name">The tensor name (the ONNX graph input or output name).</param>
/// <param name="DType">numpy's dtype name.</param>
/// <param name="Shape">The shape; -1 marks a variable dimension.</param>
public sealed record TensorSpec(string? Name, string DType, IReadOnlyList<long> Shape)
{
    /// <summary>The scalar column type that holds one element, or null for dtypes tables cannot hold.</summary>
    public ColumnType? ElementType => DType switch
    {
        "float32" or "float16" => ColumnType.Float,
        "float64" => ColumnType.Double,
        "int8" or "int16" or "int32" or "uint8" or "uint16" => ColumnType.Integer,
        "int64" or "uint32" or "uint64" => ColumnType.Long,
        "bool" => ColumnType.Boolean,
        "str" or "object" => ColumnType.String,
        _ => null,
    };

    /// <summary>How messages show the tensor, e.g. <c>float32 [-1, 4]</c>.</summary>
    public string Describe() => $"{DType} [{string.Join(", ", Shape)}]";
}
