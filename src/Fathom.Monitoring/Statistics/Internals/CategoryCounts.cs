using Fathom.Core.Errors;

namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>Counting category codes: the one pass every categorical test starts from.</summary>
internal static class CategoryCounts
{
    public static void Validate(ReadOnlySpan<int> codes, int categoryCount)
    {
        if (categoryCount <= 0)
        {
            throw FathomException.InvalidParameter("categoryCount must be positive.");
        }
        foreach (var code in codes)
        {
            if ((uint)code >= (uint)categoryCount)
            {
                throw FathomException.InvalidParameter(
                    $"Category code {code} is outside [0, {categoryCount}); remove missing values before testing.");
            }
        }
    }

    public static long[] Count(ReadOnlySpan<int> codes, int categoryCount)
    {
        var counts = new long[categoryCount];
        foreach (var code in codes)
        {
            counts[code]++;
        }
        return counts;
    }

    /// <summary>
    /// Counts of the categories seen in either sample (Evidently's "keys": the union of values present), in code order.
    /// Categories absent from both samples are dropped so they add no degrees of freedom.
    /// </summary>
    public static (long[] Reference, long[] Current) CountPresent(ReadOnlySpan<int> reference, ReadOnlySpan<int> current,
        int categoryCount)
    {
        var r = Count(reference, categoryCount);
        var c = Count(current, categoryCount);
        var present = 0;
        for (var i = 0; i < categoryCount; i++)
        {
            if (r[i] + c[i] > 0)
            {
                present++;
            }
        }
        if (present == categoryCount)
        {
            return (r, c);
        }
        var rp = new long[present];
        var cp = new long[present];
        for (int i = 0, k = 0; i < categoryCount; i++)
        {
            if (r[i] + c[i] > 0)
            {
                rp[k] = r[i];
                cp[k++] = c[i];
            }
        }
        return (rp, cp);
    }
}
