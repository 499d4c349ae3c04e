namespace Fathom.Models.Signatures;

/// <summary>
/// What a model takes and returns (MLflow's <c>ModelSignature</c>): input and optional output schemas, plus
/// MLflow's inference params schema kept verbatim as JSON. Stored in MLmodel as JSON strings inside the YAML.
/// </summary>
/// <param name="Inputs">The input schema.</param>
/// <param name="Outputs">The output schema, when known.</param>
/// <param name="ParamsJson">MLflow's params schema JSON, kept as is (Fathom does not use params).</param>
public sealed record ModelSignature(ModelSchema Inputs, ModelSchema? Outputs = null, string? ParamsJson = null);
