namespace Fathom.Monitoring.Tests;

public sealed class RadixSortTests
{
    [Fact]
    public void Radix_sort_orders_like_array_sort_including_negatives_and_infinities()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 50_000).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 8))).ToList();
        values.AddRange([double.PositiveInfinity, double.NegativeInfinity, 0.0, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 3, 3, 3]);
        var expected = values.ToArray();
        Array.Sort(expected);

        var sorted = RadixSort.SortedCopy(values.ToArray());

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void Radix_sort_keeps_negative_zero_before_positive_zero()
    {
        var values = Enumerable.Repeat(0.0, 5000).Concat(Enumerable.Repeat(-0.0, 5000)).ToArray();

        var sorted = RadixSort.SortedCopy(values);

        Assert.True(double.IsNegative(sorted[0]));
        Assert.False(double.IsNegative(sorted[^1]));
    }
}
