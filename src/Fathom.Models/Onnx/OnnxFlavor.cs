namespace Fathom.Models.Onnx;

/// <summary>MLflow's <c>onnx</c> flavor: its file name and MLmodel keys, as <c>mlflow.onnx.save_model</c> writes them.</summary>
internal static class OnnxFlavor
{
    public const string Name = "onnx";
    public const string ModelFileName = "model.onnx";
    public const string PyfuncLoaderModule = "mlflow.onnx";

    /// <summary>The onnx package version MLflow records; Fathom records the ONNX Runtime it was checked with.</summary>
    public const string OnnxVersion = "1.16.1";

    public static IDictionary<string, object?> Config() => new SortedDictionary<string, object?>(StringComparer.Ordinal)
    {
        ["code"] = null,
        ["data"] = ModelFileName,
        ["onnx_version"] = OnnxVersion,
        ["providers"] = new List<object?> { "CUDAExecutionProvider", "CPUExecutionProvider" },
    };
}
