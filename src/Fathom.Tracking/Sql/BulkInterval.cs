using Fathom.Core.Errors;

namespace Fathom.Tracking.Sql;

/// <summary>The step sampling of MLflow's <c>get_metric_history_bulk_interval_handler</c>, kept bit-for-bit.</summary>
internal static class BulkInterval
{
    public static void Validate(IReadOnlyList<string> runIds, long? startStep, long? endStep, int maxResults, int maxRuns, int maxPerRun)
    {
        if (runIds.Count == 0)
        {
            throw FathomException.InvalidParameter("GetMetricHistoryBulkInterval request must specify at least one run_id.");
        }

        if (runIds.Count > maxRuns)
        {
            throw FathomException.InvalidParameter(
                $"GetMetricHistoryBulkInterval request must specify at most {maxRuns} run_ids. Received {runIds.Count} run_ids.");
        }

        if (maxResults < 1 || maxResults > maxPerRun)
        {
            throw FathomException.InvalidParameter($"max_results must be between 1 and {maxPerRun}.");
        }

        if (startStep is not null && endStep is not null && startStep > endStep)
        {
            throw FathomException.InvalidParameter(
                $"end_step must be greater than start_step. Found start_step={startStep} and end_step={endStep}.");
        }

        if ((startStep is null) != (endStep is null))
        {
            throw FathomException.InvalidParameter("If either start step or end step are specified, both must be specified.");
        }
    }

    /// <param name="allSteps">Every distinct step any of the runs logged, ascending.</param>
    /// <param name="minsAndMaxes">Each run's first and last step.</param>
    public static long[] SampleSteps(IReadOnlyList<long> allSteps, IEnumerable<(long Min, long Max)> minsAndMaxes, long? startStep, long? endStep, int maxResults)
    {
        var start = startStep ?? 0;
        var end = endStep ?? (allSteps.Count > 0 ? allSteps[^1] : 0);
        var result = new SortedSet<long>(minsAndMaxes.SelectMany(m => new[] { m.Min, m.Max }).Where(s => start <= s && s <= end));

        var startIndex = LowerBound(allSteps, start);
        var endIndex = UpperBound(allSteps, end);
        if (endIndex - startIndex <= maxResults)
        {
            for (var i = startIndex; i < endIndex; i++)
            {
                result.Add(allSteps[i]);
            }

            return [.. result];
        }

        var count = endIndex - startIndex;
        var interval = (double)count / maxResults;
        for (var i = 0; i < maxResults; i++)
        {
            var index = startIndex + (int)(i * interval);
            // MLflow compares the absolute index with the count of steps in range; kept as is for identical samples.
            if (index < count)
            {
                result.Add(allSteps[index]);
            }
        }

        result.Add(allSteps[endIndex - 1]);
        return [.. result];
    }

    private static int LowerBound(IReadOnlyList<long> sorted, long value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid] < value) { low = mid + 1; } else { high = mid; }
        }

        return low;
    }

    private static int UpperBound(IReadOnlyList<long> sorted, long value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid] <= value) { low = mid + 1; } else { high = mid; }
        }

        return low;
    }
}
