namespace Fathom.Models.MlNet;

/// <summary>
/// Fathom's <c>mlnet</c> flavor: <c>model.zip</c> as <c>MLContext.Model.Save</c> writes it (the transformer chain
/// and the input schema it was trained on).
/// </summary>
internal static class MlNetFlavor
{
    public const string Name = "mlnet";
    public const string ModelFileName = "model.zip";

    /// <summary>
    /// The python_function loader module named for MLflow: no such Python module exists, so MLflow tooling reads
    /// and lists the model but <c>mlflow.pyfunc.load_model</c> fails with ModuleNotFoundError (docs/model-format.md).
    /// </summary>
    public const string PyfuncLoaderModule = "fathom.mlnet";

    public static string MlNetVersion =>
        typeof(Microsoft.ML.MLContext).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public static IDictionary<string, object?> Config(string labelColumn) => new SortedDictionary<string, object?>(StringComparer.Ordinal)
    {
        ["code"] = null,
        ["data"] = ModelFileName,
        ["label_column"] = labelColumn,
        ["mlnet_version"] = MlNetVersion,
    };
}
