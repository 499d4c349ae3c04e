using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Models.Packaging;

namespace Fathom.Serving.Models;

/// <summary>
/// One loaded model version and what the server says about it. Immutable: a new version is a new instance, swapped
/// in whole by <see cref="ModelSlot"/>, so a request sees one consistent version from parse to log.
/// </summary>
internal sealed class ServedModel : IDisposable
{
    public ServedModel(IModel model, ResolvedModel source, DataTable? inputExample)
    {
        Model = model;
        Source = source;
        InputExample = inputExample;
        var inputs = model.Signature.Inputs;
        InputNames = inputs.IsTensorBased
            ? inputs.Tensors.Select((t, i) => t.Name ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : inputs.Columns.Select((c, i) => c.Name ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        VersionHeader = source.Version;
    }

    public IModel Model { get; }

    public ResolvedModel Source { get; }

    public string Name => Source.Name;

    public string Version => Source.Version;

    /// <summary>The signature's inputs in order: names positional data (rows as arrays, v2 [N, k] tensors).</summary>
    public IReadOnlyList<string> InputNames { get; }

    public DataTable? InputExample { get; }

    public string VersionHeader { get; }

    public string Flavor => Model.Flavor;

    public static ServedModel Load(ResolvedModel source)
    {
        var model = ModelLoader.Load(source.Folder);
        try
        {
            return new ServedModel(model, source, Fathom.Models.Packaging.InputExample.Load(source.Folder, model.Metadata));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose() => Model.Dispose();
}
