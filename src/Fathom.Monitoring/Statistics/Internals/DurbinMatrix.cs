namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// P(D_n &lt;= d) by Durbin's matrix method as Marsaglia, Tsang and Wang compute it (SciPy's _kolmogn_DMTW):
/// the k-th diagonal entry of H^n scaled by n!/n^n, with exponents tracked separately to avoid overflow.
/// Cost O(m³ log n) with m = 2·ceil(n·d) - 1; SciPy's region choice keeps m small.
/// </summary>
internal static class DurbinMatrix
{
    private const int ScaleExponent = 128;
    private static readonly double Big = Math.ScaleB(1.0, ScaleExponent);
    private static readonly double Small = Math.ScaleB(1.0, -ScaleExponent);

    public static double Cdf(long n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }
        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }
        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = 2 * k - 1;
        var matrix = new double[m * m];
        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        var tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        for (var i = 1; i < m; i++)
        {
            for (var row = i - 1; row < m; row++)
            {
                matrix[row * m + i] = w[row - (i - 1)];
            }
        }
        for (var row = 0; row < m; row++)
        {
            matrix[row * m] = v[row];
        }
        for (var col = 0; col < m; col++)
        {
            matrix[(m - 1) * m + col] = v[m - 1 - col];
        }

        var power = Identity(m);
        var scratch = new double[m * m];
        var nn = n;
        var exponent = 0;
        var matrixExponent = 0;
        while (nn > 0)
        {
            if (nn % 2 == 1)
            {
                Multiply(power, matrix, scratch, m);
                (power, scratch) = (scratch, power);
                exponent += matrixExponent;
            }
            Multiply(matrix, matrix, scratch, m);
            (matrix, scratch) = (scratch, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[(k - 1) * m + (k - 1)]) > Big)
            {
                for (var i = 0; i < matrix.Length; i++)
                {
                    matrix[i] /= Big;
                }
                matrixExponent += ScaleExponent;
            }
            nn /= 2;
        }
        var p = power[(k - 1) * m + (k - 1)];
        for (long i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < Small)
            {
                p *= Big;
                exponent -= ScaleExponent;
            }
        }
        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }
        return KolmogorovDistribution.Clip(p);
    }

    private static double[] Identity(int m)
    {
        var identity = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            identity[i * m + i] = 1.0;
        }
        return identity;
    }

    private static void Multiply(double[] a, double[] b, double[] result, int m)
    {
        Array.Clear(result);
        for (var i = 0; i < m; i++)
        {
            for (var t = 0; t < m; t++)
            {
                var ait = a[i * m + t];
                if (ait == 0)
                {
                    continue;
                }
                for (var j = 0; j < m; j++)
                {
                    result[i * m + j] += ait * b[t * m + j];
                }
            }
        }
    }
}
