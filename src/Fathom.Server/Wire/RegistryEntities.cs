using System.Text.Json.Serialization;
using Fathom.Tracking.Entities.Registry;

namespace Fathom.Server.Wire;

// MLflow's model registry entities (model_registry.proto) in their JSON shape, properties in proto field order.
// Versions are strings on the wire; null means "not set" and is omitted, as MLflow's message_to_json does.

public sealed class RegisteredModelDto
{
    public string? Name { get; set; }
    public long? CreationTimestamp { get; set; }
    public long? LastUpdatedTimestamp { get; set; }
    public string? UserId { get; set; }
    public string? Description { get; set; }
    public List<ModelVersionDto>? LatestVersions { get; set; }
    public List<KeyValueDto>? Tags { get; set; }
    public List<RegisteredModelAliasDto>? Aliases { get; set; }
}

public sealed class ModelVersionDto
{
    public string? Name { get; set; }
    public string? Version { get; set; }
    public long? CreationTimestamp { get; set; }
    public long? LastUpdatedTimestamp { get; set; }
    public string? UserId { get; set; }
    public string? CurrentStage { get; set; }
    public string? Description { get; set; }
    public string? Source { get; set; }
    public string? RunId { get; set; }
    public ModelVersionStatus? Status { get; set; }
    public string? StatusMessage { get; set; }
    public List<KeyValueDto>? Tags { get; set; }
    public string? RunLink { get; set; }
    public List<string>? Aliases { get; set; }
}

public sealed class RegisteredModelAliasDto
{
    public string? Alias { get; set; }

    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Version { get; set; }
}
