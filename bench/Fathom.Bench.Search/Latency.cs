using System.Diagnostics;
using Fathom.Tracking.Entities;

namespace Fathom.Bench.Search;

internal sealed record LatencyResult(double P50, double P95, double Max, int Count, double CpuMs);

internal static class Latency
{
    /// <summary>Times <paramref name="iterations"/> calls after a few warm-up calls (JIT, page cache, prepared statements).</summary>
    public static async Task<LatencyResult> MeasureAsync(Func<Task<Page<Run>>> search, int iterations)
    {
        var count = 0;
        for (var i = 0; i < 10; i++)
        {
            count = (await search()).Items.Count;
        }

        var samples = new double[iterations];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await search();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
        Array.Sort(samples);
        return new LatencyResult(Percentile(samples, 0.50), Percentile(samples, 0.95), samples[^1], count, cpu);
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
}
