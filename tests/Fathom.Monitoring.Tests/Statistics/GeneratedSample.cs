using System.Text.Json;

namespace Fathom.Monitoring.Tests.Statistics;

/// <summary>
/// The oracle's sample generator (tools/oracle/generate_stat_references.py, generate()), reproduced exactly:
/// SplitMix64 uniforms, Box-Muller normals (cosine branch), optional round-half-up to a number of decimals.
/// </summary>
internal static class GeneratedSample
{
    public static double[] Generate(JsonElement spec)
    {
        var n = spec.GetProperty("n").GetInt32();
        var state = spec.GetProperty("seed").GetUInt64();
        var kind = spec.GetProperty("gen").GetString();
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            double v;
            switch (kind)
            {
                case "normal":
                    var u1 = Uniform(ref state);
                    var u2 = Uniform(ref state);
                    v = spec.GetProperty("loc").GetDouble() + spec.GetProperty("scale").GetDouble()
                        * (Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(2.0 * Math.PI * u2));
                    break;
                case "uniform_int":
                    var low = spec.GetProperty("low").GetInt32();
                    var high = spec.GetProperty("high").GetInt32();
                    v = low + Math.Floor(Uniform(ref state) * (high - low));
                    break;
                case "categorical":
                    var u = Uniform(ref state);
                    var weights = spec.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();
                    var cumulative = 0.0;
                    v = weights.Length - 1;
                    for (var k = 0; k < weights.Length; k++)
                    {
                        cumulative += weights[k];
                        if (u < cumulative)
                        {
                            v = k;
                            break;
                        }
                    }
                    break;
                default:
                    throw new InvalidOperationException($"Unknown generator {kind}");
            }
            if (spec.TryGetProperty("decimals", out var decimals))
            {
                var scale = Math.Pow(10.0, decimals.GetInt32());
                v = Math.Floor(v * scale + 0.5) / scale;
            }
            values[i] = v;
        }
        return values;
    }

    private static double Uniform(ref ulong state) => (Next(ref state) >> 11) * (1.0 / (1UL << 53));

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
