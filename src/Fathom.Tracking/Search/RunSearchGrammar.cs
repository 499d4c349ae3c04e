using Fathom.Core.Errors;

namespace Fathom.Tracking.Search;

/// <summary>
/// The vocabulary of MLflow's run search (<c>SearchUtils</c> in MLflow 2.17): identifier prefixes and their aliases,
/// searchable and orderable attributes, and the comparators each kind of key accepts.
/// </summary>
internal static class RunSearchGrammar
{
    public static readonly IReadOnlySet<string> MetricComparators = new HashSet<string> { ">", ">=", "!=", "=", "<", "<=" };
    public static readonly IReadOnlySet<string> ParamComparators = new HashSet<string> { "!=", "=", "LIKE", "ILIKE" };
    public static readonly IReadOnlySet<string> TagComparators = ParamComparators;
    public static readonly IReadOnlySet<string> StringAttributeComparators = new HashSet<string> { "!=", "=", "LIKE", "ILIKE", "IN", "NOT IN" };
    public static readonly IReadOnlySet<string> NumericAttributeComparators = MetricComparators;
    public static readonly IReadOnlySet<string> DatasetComparators = StringAttributeComparators;

    /// <summary>Before alias translation: "created" is MLflow's alias of start_time.</summary>
    public static readonly IReadOnlySet<string> NumericAttributes = new HashSet<string> { "start_time", "end_time", "created", "Created" };

    private static readonly string[] RunInfoAttributes = ["artifact_uri", "end_time", "run_id", "run_name", "start_time", "status", "user_id"];

    public static readonly IReadOnlySet<string> SearchableAttributes =
        new HashSet<string>([.. RunInfoAttributes, "created", "Created", "run name", "Run name", "Run Name"]);

    public static readonly IReadOnlySet<string> OrderableAttributes = new HashSet<string>([.. RunInfoAttributes, "created", "Created"]);

    public static readonly IReadOnlySet<string> DatasetKeys = new HashSet<string> { "name", "digest", "context" };

    /// <summary>MLflow's canonical identifier names, in the order its error message lists them.</summary>
    private static readonly string[] CanonicalIdentifiers = ["metric", "parameter", "tag", "attribute", "dataset"];

    private static readonly Dictionary<string, SearchEntity> Identifiers = new()
    {
        ["metric"] = SearchEntity.Metric,
        ["metrics"] = SearchEntity.Metric,
        ["parameter"] = SearchEntity.Param,
        ["parameters"] = SearchEntity.Param,
        ["param"] = SearchEntity.Param,
        ["params"] = SearchEntity.Param,
        ["tag"] = SearchEntity.Tag,
        ["tags"] = SearchEntity.Tag,
        ["attribute"] = SearchEntity.Attribute,
        ["attributes"] = SearchEntity.Attribute,
        ["attr"] = SearchEntity.Attribute,
        ["run"] = SearchEntity.Attribute,
        ["dataset"] = SearchEntity.Dataset,
        ["datasets"] = SearchEntity.Dataset,
    };

    /// <summary>MLflow's name for an identifier type in messages ("parameter", "tag", ...).</summary>
    public static string NameOf(SearchEntity entity) => CanonicalIdentifiers[entity switch
    {
        SearchEntity.Metric => 0,
        SearchEntity.Param => 1,
        SearchEntity.Tag => 2,
        SearchEntity.Attribute => 3,
        _ => 4,
    }];

    public static string TranslateAlias(string key) => key switch
    {
        "created" or "Created" => "start_time",
        "run name" or "Run name" or "Run Name" => "run_name",
        _ => key,
    };

    /// <summary>MLflow's <c>_get_identifier</c>: "prefix.key", or a bare attribute name.</summary>
    public static (SearchEntity Entity, string Key) ResolveIdentifier(string identifier, IReadOnlySet<string> validAttributes)
    {
        var dot = identifier.IndexOf('.');
        var entity = SearchEntity.Attribute;
        var key = identifier;
        if (dot >= 0)
        {
            var prefix = SearchText.TrimBackticks(identifier[..dot]);
            if (!Identifiers.TryGetValue(prefix, out entity))
            {
                throw FathomException.InvalidParameter(
                    $"Invalid entity type '{prefix}'. Valid values are {SearchText.PythonSequence(CanonicalIdentifiers)}");
            }

            key = identifier[(dot + 1)..];
        }

        key = SearchText.TrimBackticks(SearchText.StripQuotes(key));
        if (entity == SearchEntity.Attribute && !validAttributes.Contains(key))
        {
            throw FathomException.InvalidParameter(
                $"Invalid attribute key '{key}' specified. Valid keys are '{SearchText.PythonSet(validAttributes)}'");
        }

        if (entity == SearchEntity.Dataset && !DatasetKeys.Contains(key))
        {
            throw FathomException.InvalidParameter(
                $"Invalid dataset key '{key}' specified. Valid keys are '{SearchText.PythonSet(DatasetKeys)}'");
        }

        return (entity, key);
    }
}
