using Fathom.Models.MlNet;
using Fathom.Models.Onnx;
using Fathom.Models.Signatures;
using Microsoft.ML;

namespace Fathom.Models.Packaging;

/// <summary>
/// Writes model packages: a folder with the model files, an <c>MLmodel</c> file listing the flavor and a
/// <c>python_function</c> entry, the signature (given, or inferred from the model) and the input example.
/// </summary>
public static class ModelPackage
{
    /// <summary>Saves an ML.NET model as an <c>mlnet</c> package.</summary>
    /// <param name="model">The trained transformer chain.</param>
    /// <param name="inputSchema">The schema of the data it was trained on (e.g. <c>trainData.Schema</c>).</param>
    /// <param name="folder">An empty or missing folder.</param>
    /// <param name="signature">The signature; null infers it from the schemas (every input column but the label).</param>
    /// <param name="inputExample">A few input rows, saved as input_example.json.</param>
    /// <param name="labelColumn">The training label column, left out of the inferred inputs and filled with a default when scoring.</param>
    /// <returns>The MLmodel file written.</returns>
    public static MlModelFile SaveMlNet(ITransformer model, DataViewSchema inputSchema, string folder,
        ModelSignature? signature = null, DataTable? inputExample = null, string labelColumn = MlNetSchemas.DefaultLabelColumn)
    {
        Prepare(folder);
        new MLContext().Model.Save(model, inputSchema, Path.Combine(folder, MlNetFlavor.ModelFileName));
        var file = new MlModelFile { Signature = signature ?? MlNetModel.InferSignature(model, inputSchema, [labelColumn]) };
        file.Flavors[MlNetFlavor.Name] = MlNetFlavor.Config(labelColumn);
        file.Flavors["python_function"] = Pyfunc(MlNetFlavor.PyfuncLoaderModule, MlNetFlavor.ModelFileName);
        return Finish(folder, file, inputExample);
    }

    /// <summary>Saves an ONNX model file as MLflow's <c>onnx</c> flavor (loadable by <c>mlflow.onnx</c>).</summary>
    /// <param name="onnxFile">The .onnx file (from sklearn-onnx, PyTorch, ML.NET's converter...).</param>
    /// <param name="folder">An empty or missing folder.</param>
    /// <param name="signature">The signature; null infers a tensor-based one from the graph.</param>
    /// <param name="inputExample">A few input rows, saved as input_example.json.</param>
    /// <returns>The MLmodel file written.</returns>
    public static MlModelFile SaveOnnx(string onnxFile, string folder, ModelSignature? signature = null, DataTable? inputExample = null)
    {
        if (!File.Exists(onnxFile)) throw FathomException.NotFound($"ONNX file '{onnxFile}' does not exist.");
        Prepare(folder);
        File.Copy(onnxFile, Path.Combine(folder, OnnxFlavor.ModelFileName));
        var file = new MlModelFile { Signature = signature ?? OnnxModel.InferSignature(onnxFile) };
        file.Flavors[OnnxFlavor.Name] = OnnxFlavor.Config();
        var pyfunc = Pyfunc(OnnxFlavor.PyfuncLoaderModule, OnnxFlavor.ModelFileName);
        pyfunc["env"] = new SortedDictionary<string, object?> { ["conda"] = PythonEnvironment.CondaFile, ["virtualenv"] = PythonEnvironment.VirtualenvFile };
        file.Flavors["python_function"] = pyfunc;
        Finish(folder, file, inputExample);
        PythonEnvironment.Write(folder, ["onnx", "onnxruntime"]);
        return file;
    }

    private static void Prepare(string folder)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw FathomException.AlreadyExists($"Model folder '{folder}' is not empty.");
        Directory.CreateDirectory(folder);
    }

    private static SortedDictionary<string, object?> Pyfunc(string loaderModule, string data) => new(StringComparer.Ordinal)
    {
        ["code"] = null,
        ["data"] = data,
        ["loader_module"] = loaderModule,
        ["python_version"] = PythonEnvironment.PythonVersion,
    };

    private static MlModelFile Finish(string folder, MlModelFile file, DataTable? inputExample)
    {
        if (inputExample is not null) file.SavedInputExampleInfo = InputExample.Save(inputExample, folder);
        // As MLflow: the size of the model and example files, counted before MLmodel and the environment files exist.
        file.ModelSizeBytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        file.Write(folder);
        return file;
    }
}
