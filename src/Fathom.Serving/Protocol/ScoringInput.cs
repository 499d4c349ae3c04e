using System.Text.Json;
using Fathom.Core.Tables;

namespace Fathom.Serving.Protocol;

/// <summary>One parsed scoring request: the input table and MLflow's optional inference <c>params</c>.</summary>
public sealed record ScoringInput(DataTable Table, IReadOnlyDictionary<string, JsonElement>? Params, string Format);
