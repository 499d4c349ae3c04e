using Fathom.Models.Packaging;
using Fathom.Models.Signatures;

namespace Fathom.Models;

/// <summary>
/// A loaded model, whatever its flavor: it takes a table of named, typed columns and returns predictions.
/// <para>
/// <see cref="Predict"/> is thread-safe and meant to be called for every request: implementations keep their
/// per-call state (ML.NET cursors, ONNX buffers) in pools, read the input columns' arrays directly and write the
/// outputs into arrays, so no per-row object is made. Large tables are split across cores.
/// </para>
/// </summary>
public interface IModel : IDisposable
{
    /// <summary>The flavor it was loaded from: <c>mlnet</c> or <c>onnx</c>.</summary>
    string Flavor { get; }

    /// <summary>The package's MLmodel file.</summary>
    MlModelFile Metadata { get; }

    /// <summary>The signature predictions are checked against (stored in MLmodel, or inferred from the model).</summary>
    ModelSignature Signature { get; }

    /// <summary>Scores every row of <paramref name="input"/>.</summary>
    /// <param name="input">Columns named as in <see cref="Signature"/>; see <see cref="SignatureEnforcer"/> for the rules.</param>
    /// <returns>One output row per input row.</returns>
    /// <exception cref="FathomException">INVALID_PARAMETER_VALUE naming the column when the input does not match the signature.</exception>
    ModelOutput Predict(DataTable input);
}
