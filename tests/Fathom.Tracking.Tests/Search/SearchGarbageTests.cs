using Fathom.Core.Errors;
using Fathom.Tracking.Search;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Search;

/// <summary>Throws thousands of random strings built from the grammar's own pieces at both translators.</summary>
public sealed class SearchGarbageTests
{
    private static readonly string[] Pieces =
    [
        "metrics.", "params.", "tags.", "attributes.", "datasets.", "run_id", "start_time", "name", "acc", "`", "\"", "'",
        "(", ")", ",", ".", ";", " ", " AND ", " OR ", " NOT ", " IN ", " LIKE ", " ILIKE ", "=", "!=", "<", ">=", "<>",
        "-", "1", "0.5", "1e9", "e", "%", "_", "*", "?", "[", "\\", "\0", "é", "DESC", "asc", "\n",
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Garbage_filters_and_orders_fail_only_as_invalid_parameters(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2500; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            foreach (var dialect in new[] { SqlDialect.Sqlite, SqlDialect.PostgreSql })
            {
                AcceptsOrRejectsCleanly(() => MlflowSearchTranslator.Instance.TranslateRuns(text, null, dialect));
                AcceptsOrRejectsCleanly(() => MlflowSearchTranslator.Instance.TranslateRuns(null, [text], dialect));
                AcceptsOrRejectsCleanly(() => MlflowSearchTranslator.Instance.TranslateExperiments(text, [text], dialect));
            }
        }
    }

    private static void AcceptsOrRejectsCleanly(Action translate)
    {
        try
        {
            translate();
        }
        catch (FathomException error)
        {
            Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }
}
