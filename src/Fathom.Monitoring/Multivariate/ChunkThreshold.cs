namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// NannyML's alert thresholds for a per-row score: split the reference (in time order when it has a timestamp) into
/// chunks of n / 10 rows (NannyML's DefaultChunker; a remainder of n mod 10 rows is kept as one more, smaller
/// chunk, as its SizeBasedChunker does), average the score per chunk, and alert outside
/// mean ± 3 standard deviations (n - 1) of those chunk means.
/// </summary>
internal static class ChunkThreshold
{
    public const int ReferenceChunks = 10;

    public static (double Lower, double Upper) Fit(ReadOnlySpan<double> scores, int[]? order, double multiplier)
    {
        var size = scores.Length / ReferenceChunks;
        var means = new List<double>();
        for (var start = 0; start < scores.Length; start += size)
        {
            var end = Math.Min(scores.Length, start + size);
            double sum = 0;
            for (var i = start; i < end; i++) sum += scores[order is null ? i : order[i]];
            means.Add(sum / (end - start));
        }
        var mean = means.Average();
        var std = Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / (means.Count - 1));
        return (mean - multiplier * std, mean + multiplier * std);
    }

    public static double Mean(ReadOnlySpan<double> scores)
    {
        double sum = 0;
        foreach (var s in scores) sum += s;
        return sum / scores.Length;
    }
}
