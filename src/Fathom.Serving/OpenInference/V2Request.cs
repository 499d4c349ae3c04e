using Fathom.Core.Tables;

namespace Fathom.Serving.OpenInference;

/// <summary>An Open Inference Protocol v2 request turned into a table, with its optional id.</summary>
internal sealed record V2Request(string? Id, DataTable Table);
