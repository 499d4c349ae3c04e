using Fathom.Core.Errors;

namespace Fathom.Serving.Protocol;

/// <summary>
/// The errors of the scoring protocol, worded as MLflow's scoring server words them: a payload that cannot be read is
/// BAD_REQUEST with MLflow's "Invalid input." prefix; data that does not fit the model is INVALID_PARAMETER_VALUE.
/// </summary>
internal static class ScoringErrors
{
    public const string RequiredFormat =
        "The input must be a JSON dictionary with exactly one of the input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}";

    public static FathomException Invalid(string message) => FathomException.BadRequest($"Invalid input. {message}");

    public static FathomException Cell(string column, int row, string problem) =>
        Invalid($"Column '{column}', row {row}: {problem}.");
}
