using Fathom.Tracking.Sql;

namespace Fathom.Tracking.Tests.Stores;

/// <summary>Expected samples computed with MLflow's Python (_get_sampled_steps_from_steps and the min/max union).</summary>
public sealed class BulkIntervalTests
{
    [Fact]
    public void Few_steps_are_all_returned()
    {
        Assert.Equal([0L, 5, 9], BulkInterval.SampleSteps([0, 5, 9], [(0, 9)], null, null, 10));
    }

    [Fact]
    public void Many_steps_are_sampled_at_even_intervals_plus_the_last()
    {
        var steps = Enumerable.Range(0, 100).Select(i => (long)i).ToList();

        var sample = BulkInterval.SampleSteps(steps, [(0, 99)], null, null, 10);

        Assert.Equal([0L, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99], sample);
    }

    [Fact]
    public void A_window_keeps_MLflows_absolute_index_check_and_each_runs_ends_inside_it()
    {
        var steps = Enumerable.Range(0, 100).Select(i => (long)i).ToList();

        // start_idx=40, count=20, interval=4: idx = 40,44,...,76 are all >= count, so only the last step and the run ends remain.
        var sample = BulkInterval.SampleSteps(steps, [(0, 99), (45, 50)], 40, 59, 5);

        Assert.Equal([45L, 50, 59], sample);
    }
}
