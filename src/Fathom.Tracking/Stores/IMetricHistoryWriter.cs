namespace Fathom.Tracking.Stores;

/// <summary>Receives one page of a metric's history in order, one point at a time, while the store reads it.</summary>
public interface IMetricHistoryWriter
{
    /// <summary>One point; <paramref name="value"/> may be NaN or an infinity.</summary>
    void Write(double value, long timestamp, long step);
}
