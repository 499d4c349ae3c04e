namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>Pelz-Good asymptotic expansion of P(D_n &lt;= x), as in SciPy's _kolmogn_PelzGood.</summary>
internal static class PelzGood
{
    public static double Cdf(long n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }
        if (x >= 1.0)
        {
            return 1.0;
        }
        const double piSquared = Math.PI * Math.PI;
        const double piFour = piSquared * piSquared;
        const double piSix = piFour * piSquared;
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        var z = Math.Sqrt((double)n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var qlog = -piSquared / 8 / z2;
        if (qlog < -708)
        {
            return 0.0;
        }
        var q = Math.Exp(qlog);
        var k1a = -z2;
        var k1b = piSquared / 4;
        var k2a = 6 * z6 + 2 * z4;
        var k2b = (2 * z4 - 5 * z2) * piSquared / 4;
        var k2c = piFour * (1 - 2 * z2) / 16;
        var k3d = piSix * (5 - 30 * z2) / 64;
        var k3c = piFour * (-60 * z2 + 212 * z4) / 16;
        var k3b = piSquared * (135 * z4 - 96 * z6) / 4;
        var k3a = -30 * z6 - 90 * Math.Pow(z, 8);

        Span<double> k = stackalloc double[4];
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var kk = maxk; kk > 0; kk--)
        {
            double m = 2 * kk - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * kk);
            k[0] = k[0] * qpower + 1.0;
            k[1] = k[1] * qpower + (k1a + k1b * m2);
            k[2] = k[2] * qpower + (k2a + k2b * m2 + k2c * m4);
            k[3] = k[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        k[0] *= q * sqrt2Pi / z;
        k[1] *= q * sqrt2Pi / (6 * z4);
        k[2] *= q * sqrt2Pi / (72 * Math.Pow(z, 7));
        k[3] *= q * sqrt2Pi / (6480 * Math.Pow(z, 10));

        var q2 = Math.Exp(-piSquared / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double k2extra = 0, k3extra = 0;
        for (var kk = maxk; kk > 0; kk--)
        {
            double ks2 = (double)kk * kk;
            var qp = Math.Pow(q2, ks2);
            k2extra += ks2 * qp;
            var kspi = Math.PI * kk;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
        }
        k[2] += k2extra * piSquared * sqrt2Pi / (-36 * z3);
        k[3] += k3extra * piSquared * sqrt2Pi / (216 * z6);
        var rootN = Math.Sqrt((double)n);
        return k[0] + k[1] / rootN + k[2] / n + k[3] / (n * rootN);
    }
}
