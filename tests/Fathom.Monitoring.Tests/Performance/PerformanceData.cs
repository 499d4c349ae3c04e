using Fathom.Core.Tables;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Performance;

/// <summary>Deterministic classification and regression tables for behaviour tests.</summary>
internal static class PerformanceData
{
    /// <summary>A 0/1 target, a feature, and P(1) that is right with probability <paramref name="skill"/>.</summary>
    public static DataTable Binary(int rows, int seed, double skill = 0.8)
    {
        var random = new Random(seed);
        var target = new int[rows];
        var probability = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            target[i] = random.Next(2);
            var right = random.NextDouble() < skill;
            var confidence = 0.5 + random.NextDouble() / 2;
            probability[i] = (target[i] == 1) == right ? confidence : 1 - confidence;
        }
        return Of(Num("x", Normal(rows, 0, 1, seed + 1)), Int("target", target), Num("prediction", probability));
    }

    /// <summary>A text target over three classes and one probability column per class.</summary>
    public static DataTable Multiclass(int rows, int seed, string[] labels)
    {
        var random = new Random(seed);
        var target = new string[rows];
        var columns = labels.Select(_ => new double[rows]).ToArray();
        for (var i = 0; i < rows; i++)
        {
            var k = random.Next(labels.Length);
            target[i] = labels[k];
            var scores = labels.Select((_, j) => random.NextDouble() + (j == k ? 0.6 : 0)).ToArray();
            var sum = scores.Sum();
            for (var j = 0; j < labels.Length; j++) columns[j][i] = scores[j] / sum;
        }
        return Of([Cat("target", target), .. labels.Select((l, j) => (Column)Num(l, columns[j]))]);
    }

    /// <summary>A regression target near 3x and a prediction with the given bias.</summary>
    public static DataTable Regression(int rows, int seed, double bias)
    {
        var x = Normal(rows, 5, 2, seed);
        var noise = Normal(rows, 0, 1, seed + 1);
        var target = x.Select((v, i) => 3 * v + noise[i]).ToArray();
        var prediction = x.Select(v => 3 * v + bias).ToArray();
        return Of(Num("x", x), Cat("c", Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? "a" : "b").ToArray()), Num("target", target), Num("prediction", prediction));
    }
}
