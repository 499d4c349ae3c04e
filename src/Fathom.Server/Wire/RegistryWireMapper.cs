using Fathom.Tracking.Entities.Registry;

namespace Fathom.Server.Wire;

/// <summary>
/// Registry entities to their wire shapes with MLflow's presence rules (<c>to_proto</c>): a registered model's
/// description only when non-empty, a version's optional strings whenever the store holds one (even empty),
/// empty lists omitted.
/// </summary>
internal static class RegistryWireMapper
{
    public static RegisteredModelDto ToWire(this RegisteredModel model) => new()
    {
        Name = model.Name,
        CreationTimestamp = model.CreationTimestamp,
        LastUpdatedTimestamp = model.LastUpdatedTimestamp == 0 ? null : model.LastUpdatedTimestamp,
        Description = string.IsNullOrEmpty(model.Description) ? null : model.Description,
        LatestVersions = WireMapper.NullIfEmpty(model.LatestVersions, v => v.ToWire()),
        Tags = WireMapper.ToWire(model.Tags),
        Aliases = WireMapper.NullIfEmpty(model.Aliases, a => new RegisteredModelAliasDto { Alias = a.Alias, Version = Text(a.Version) }),
    };

    public static ModelVersionDto ToWire(this ModelVersion version) => new()
    {
        Name = version.Name,
        Version = Text(version.Version),
        CreationTimestamp = version.CreationTimestamp,
        LastUpdatedTimestamp = version.LastUpdatedTimestamp,
        UserId = version.UserId,
        CurrentStage = version.CurrentStage,
        Description = version.Description,
        Source = version.Source,
        RunId = version.RunId,
        Status = version.Status,
        StatusMessage = string.IsNullOrEmpty(version.StatusMessage) ? null : version.StatusMessage,
        Tags = WireMapper.ToWire(version.Tags),
        RunLink = version.RunLink,
        Aliases = WireMapper.NullIfEmpty(version.Aliases, a => a),
    };

    public static List<ModelVersionDto>? ToWire(IReadOnlyList<ModelVersion> versions) => WireMapper.NullIfEmpty(versions, v => v.ToWire());

    private static string Text(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
