using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>MLflow's experiment search vocabulary (<c>SearchExperimentsUtils</c>): attributes and tags only.</summary>
internal static class ExperimentSearchGrammar
{
    public static readonly IReadOnlySet<string> SearchableAttributes = new HashSet<string> { "name", "creation_time", "last_update_time" };
    public static readonly IReadOnlySet<string> OrderableAttributes =
        new HashSet<string> { "name", "experiment_id", "creation_time", "last_update_time" };

    public static readonly IReadOnlySet<string> NumericAttributes = new HashSet<string> { "creation_time", "last_update_time" };
    public static readonly IReadOnlySet<string> StringComparators = new HashSet<string> { "=", "!=", "LIKE", "ILIKE" };
    public static readonly IReadOnlySet<string> NumericComparators = RunSearchGrammar.MetricComparators;

    private static readonly string[] EntityTypes = ["attribute", "tag", "tags"];

    public static (SearchEntity Entity, string Key) ResolveIdentifier(string identifier, IReadOnlySet<string> validAttributes)
    {
        var dot = identifier.IndexOf('.');
        var entity = SearchEntity.Attribute;
        var key = identifier;
        if (dot >= 0)
        {
            var prefix = identifier[..dot];
            if (!EntityTypes.Contains(prefix))
            {
                throw FathomException.InvalidParameter(
                    $"Invalid entity type '{prefix}'. Valid entity types are {SearchText.PythonSequence(EntityTypes, '(', ')')}");
            }

            entity = prefix == "attribute" ? SearchEntity.Attribute : SearchEntity.Tag;
            key = identifier[(dot + 1)..];
        }

        key = SearchText.TrimBackticks(SearchText.StripQuotes(key));
        if (entity == SearchEntity.Attribute && !validAttributes.Contains(key))
        {
            throw FathomException.InvalidParameter(
                $"Invalid attribute key '{key}' specified. Valid keys are '{SearchText.PythonSet(validAttributes)}'");
        }

        return (entity, key);
    }
}
