using Fathom.Core.Tables;
using Fathom.Models.Signatures;

namespace Fathom.Serving.OpenInference;

/// <summary>The Open Inference Protocol's tensor datatypes for signature types and output columns.</summary>
internal static class V2Types
{
    public static string Of(ColumnType type) => type switch
    {
        ColumnType.Boolean => "BOOL",
        ColumnType.Integer => "INT32",
        ColumnType.Long => "INT64",
        ColumnType.Float => "FP32",
        ColumnType.Double => "FP64",
        _ => "BYTES",
    };

    public static string Of(TensorSpec tensor) => tensor.DType switch
    {
        "float32" => "FP32",
        "float64" => "FP64",
        "float16" => "FP16",
        "int8" => "INT8",
        "int16" => "INT16",
        "int32" => "INT32",
        "int64" => "INT64",
        "uint8" => "UINT8",
        "uint16" => "UINT16",
        "uint32" => "UINT32",
        "uint64" => "UINT64",
        "bool" => "BOOL",
        _ => "BYTES",
    };

    public static string Of(Column column) => column switch
    {
        NumericColumn => "FP64",
        CategoricalColumn c when c.Categories.All(x => x is "true" or "false") && c.Categories.Count > 0 => "BOOL",
        _ => "BYTES",
    };
}
