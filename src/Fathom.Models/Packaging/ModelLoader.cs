using Fathom.Models.MlNet;
using Fathom.Models.Onnx;

namespace Fathom.Models.Packaging;

/// <summary>Loads a model package folder as an <see cref="IModel"/>, choosing the flavor from its MLmodel file.</summary>
public static class ModelLoader
{
    /// <summary>The flavors Fathom can load, in the order it prefers them.</summary>
    public static IReadOnlyList<string> LoadableFlavors { get; } = [MlNetFlavor.Name, OnnxFlavor.Name];

    /// <summary>Loads the package in <paramref name="folder"/>: its <c>mlnet</c> flavor if it has one, else its <c>onnx</c> flavor.</summary>
    /// <param name="folder">A folder holding an MLmodel file and the model files.</param>
    /// <param name="options">Loading options; null for <see cref="ModelLoadOptions.Default"/>.</param>
    /// <returns>The loaded model; dispose it to free native resources.</returns>
    /// <exception cref="FathomException">
    /// RESOURCE_DOES_NOT_EXIST when the folder or a model file is missing; INVALID_PARAMETER_VALUE when the package
    /// has no flavor Fathom can load or its files are corrupt.
    /// </exception>
    public static IModel Load(string folder, ModelLoadOptions? options = null)
    {
        options ??= ModelLoadOptions.Default;
        if (!Directory.Exists(folder)) throw FathomException.NotFound($"Model folder '{folder}' does not exist.");
        var metadata = MlModelFile.Read(folder);
        if (metadata.Flavor(MlNetFlavor.Name) is { } mlnet) return MlNetModel.Load(folder, metadata, mlnet, options);
        if (metadata.Flavor(OnnxFlavor.Name) is { } onnx) return OnnxModel.Load(folder, metadata, onnx, options);
        throw FathomException.InvalidParameter(
            $"The model in '{folder}' has the flavors [{string.Join(", ", metadata.Flavors.Keys)}]; Fathom can load {string.Join(" or ", LoadableFlavors)}.");
    }
}
