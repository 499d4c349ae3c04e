using Fathom.Models.Packaging;
using Fathom.Models.Signatures;
using Microsoft.ML.OnnxRuntime;

namespace Fathom.Models.Onnx;

/// <summary>An ONNX model run by ONNX Runtime. <see cref="InferenceSession"/>.Run is thread-safe, so one session serves every caller.</summary>
internal sealed class OnnxModel : IModel
{
    /// <summary>The output added when a graph has scores but no label: the index of the highest score.</summary>
    public const string ArgmaxColumn = "prediction";

    private readonly InferenceSession _session;
    private readonly OnnxGraph _graph;
    private readonly OnnxOutput[] _requested;
    private readonly string[] _requestedNames;
    private readonly bool _rejectExtraColumns;

    private OnnxModel(InferenceSession session, MlModelFile metadata, bool rejectExtraColumns)
    {
        _session = session;
        _graph = new OnnxGraph(session);
        _requested = _graph.Outputs.Where(o => o.Role != OutputRole.Ignored).ToArray();
        _requestedNames = _requested.Select(o => o.Name).ToArray();
        _rejectExtraColumns = rejectExtraColumns;
        Metadata = metadata;
        Signature = metadata.Signature ?? new ModelSignature(_graph.InputSchema, _graph.OutputSchema);
    }

    public string Flavor => OnnxFlavor.Name;

    public MlModelFile Metadata { get; }

    public ModelSignature Signature { get; }

    public static OnnxModel Load(string folder, MlModelFile metadata, IDictionary<string, object?> flavor, ModelLoadOptions options)
    {
        var file = Path.Combine(folder, flavor.Get("data") as string ?? OnnxFlavor.ModelFileName);
        if (!File.Exists(file)) throw FathomException.NotFound($"The onnx flavor's model file '{file}' does not exist.");
        var sessionOptions = new SessionOptions();
        if (options.IntraOpThreads is { } threads) sessionOptions.IntraOpNumThreads = threads;
        try
        {
            return new OnnxModel(new InferenceSession(file, sessionOptions), metadata, options.RejectExtraColumns);
        }
        catch (OnnxRuntimeException e)
        {
            throw FathomException.InvalidParameter($"ONNX Runtime cannot load '{file}': {e.Message}");
        }
    }

    /// <summary>The signature ONNX Runtime reports for a graph, without loading a package.</summary>
    public static ModelSignature InferSignature(string onnxFile)
    {
        using var session = new InferenceSession(onnxFile);
        var graph = new OnnxGraph(session);
        return new ModelSignature(graph.InputSchema, graph.OutputSchema);
    }

    public ModelOutput Predict(DataTable input)
    {
        var checkedInput = SignatureEnforcer.Enforce(Signature.Inputs, input, _rejectExtraColumns);
        var feeds = OnnxInputFeeder.Feed(_graph.Inputs, checkedInput);
        try
        {
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, feeds, _requestedNames);
            return OnnxOutputReader.Read(_graph, _requested, results, input.RowCount);
        }
        catch (OnnxRuntimeException e)
        {
            throw FathomException.InvalidParameter($"ONNX Runtime could not score the input: {e.Message}");
        }
        finally
        {
            foreach (var value in feeds.Values) value.Dispose();
        }
    }

    public void Dispose() => _session.Dispose();
}
