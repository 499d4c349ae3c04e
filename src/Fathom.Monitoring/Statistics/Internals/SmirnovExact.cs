namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// Exact p-values of the two-sample KS statistic by lattice-path counting, as SciPy's ks_2samp does for samples of up
/// to 10,000 values: the reflection sum for equal sizes, Hodges' "inside method" in its 1 - p form otherwise.
/// </summary>
internal static class SmirnovExact
{
    /// <summary>P(D_{n,n} &gt;= h/n): alternating reflection sum evaluated Horner-style to avoid cancellation.</summary>
    public static double OutsideSquare(long n, long h)
    {
        var p = 0.0;
        var k = n / h;
        while (k >= 0)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /// <summary>Share of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| &lt; h / lcm(m, n).</summary>
    public static double OuterProbabilityInside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }
        var mg = m / g;
        var ng = n / g;
        long minj = 0;
        var maxj = Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min(2 * maxj + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (var j = minj; j < maxj; j++)
        {
            a[j] = 0.0;
        }
        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Max((long)Math.Floor((double)(ng * i - h) / mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling((double)(ng * i + h) / mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }
            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                for (var t = maxj - minj; t < Math.Min(maxj - minj + (lastlen - curlen), lenA); t++)
                {
                    a[t] = 1;
                }
            }
        }
        return a[maxj - minj - 1];
    }
}
