using Fathom.Core.Errors;

namespace Fathom.Serving.Models;

/// <summary>
/// Decides whether a newly loaded version may replace the served one: it must score its own input example, and it
/// must accept the served version's input example too, because that is what clients send today.
/// </summary>
internal static class ModelValidator
{
    /// <summary>Throws <see cref="FathomException"/> with the reason when <paramref name="candidate"/> is not fit to serve.</summary>
    public static void Check(ServedModel candidate, ServedModel? current)
    {
        if (candidate.InputExample is { } own) Score(candidate, own, "its own input example");
        if (current?.InputExample is { } clients) Score(candidate, clients, $"the input example of the served version {current.Version}");
    }

    private static void Score(ServedModel candidate, Fathom.Core.Tables.DataTable example, string what)
    {
        try
        {
            var output = candidate.Model.Predict(example);
            if (output.RowCount != example.RowCount)
                throw FathomException.InvalidParameter($"it returned {output.RowCount} rows for the {example.RowCount} rows of {what}");
        }
        catch (FathomException e)
        {
            throw FathomException.InvalidParameter($"Version {candidate.Version} cannot score {what}: {e.Message}");
        }
        catch (Exception e)
        {
            throw FathomException.InvalidParameter($"Version {candidate.Version} failed on {what}: {e.GetType().Name}: {e.Message}");
        }
    }
}
