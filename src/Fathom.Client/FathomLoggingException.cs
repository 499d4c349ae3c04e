using Fathom.Core.Errors;

namespace Fathom.Client;

/// <summary>
/// Some buffered metrics, params or tags could not be sent: the server refused a batch (e.g. a param logged twice with
/// different values) or stayed unreachable through every retry. Thrown by <see cref="FathomRun.FlushAsync"/> and
/// <see cref="FathomRun.EndAsync"/>; the items of the failed batches are lost, everything else was sent.
/// </summary>
public sealed class FathomLoggingException : FathomException
{
    internal FathomLoggingException(IReadOnlyList<Exception> failures, int lostItems)
        : base(failures[0] is FathomException first ? first.Code : ErrorCode.INTERNAL_ERROR,
            $"{lostItems} buffered metric/param/tag values could not be logged in {failures.Count} batch(es). "
            + $"First failure: {failures[0].Message}", failures[0])
    {
        Failures = failures;
        LostItems = lostItems;
    }

    /// <summary>Every failed batch's exception, oldest first.</summary>
    public IReadOnlyList<Exception> Failures { get; }

    /// <summary>How many metrics, params and tags were not stored.</summary>
    public int LostItems { get; }
}
