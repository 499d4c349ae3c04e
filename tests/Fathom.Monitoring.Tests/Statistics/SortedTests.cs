using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Tests.Statistics;

public class SortedTests
{
    [Fact]
    public void Radix_sorted_copies_order_large_samples_like_a_comparison_sort()
    {
        var random = new Random(7);
        var sample = new double[50_000];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = i % 10 == 0 ? Math.Round(random.NextDouble() * 4 - 2) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300));
        }
        sample[0] = -0.0;
        sample[1] = double.NegativeInfinity;
        sample[2] = double.PositiveInfinity;
        sample[3] = double.Epsilon;
        var expected = sample.ToArray();
        Array.Sort(expected);
        var sorted = Sorted.Copy(sample);
        Assert.Equal(expected.Length, sorted.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == sorted[i], $"index {i}: {expected[i]} vs {sorted[i]}");
        }
    }
}
