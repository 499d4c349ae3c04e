namespace Fathom.Client.Tracking;

/// <summary>
/// Collects metrics, params and tags into one log-batch call within MLflow's limits: 1000 metrics, 100 params,
/// 100 tags, 1000 items in total. MLflow rejects a batch that repeats a param key, so a repeated param with the
/// same value is dropped, and one with a new value waits for the next batch (where the server will refuse it
/// as write-once, like a direct call would). A repeated tag overwrites the earlier value, as set-tag would.
/// </summary>
internal sealed class LogBatchBuilder
{
    public const int MaxMetrics = 1000;
    public const int MaxParams = 100;
    public const int MaxTags = 100;
    public const int MaxTotal = 1000;

    private List<Metric> _metrics = [];
    private List<Param> _params = [];
    private List<RunTag> _tags = [];

    public int Count => _metrics.Count + _params.Count + _tags.Count;

    public bool TryAddMetric(Metric metric)
    {
        if (_metrics.Count >= MaxMetrics || Count >= MaxTotal)
            return false;
        _metrics.Add(metric);
        return true;
    }

    public bool TryAddParam(Param param)
    {
        var existing = _params.FindIndex(p => p.Key == param.Key);
        if (existing >= 0)
            return _params[existing].Value == param.Value;
        if (_params.Count >= MaxParams || Count >= MaxTotal)
            return false;
        _params.Add(param);
        return true;
    }

    public bool TryAddTag(RunTag tag)
    {
        var existing = _tags.FindIndex(t => t.Key == tag.Key);
        if (existing >= 0)
        {
            _tags[existing] = tag;
            return true;
        }
        if (_tags.Count >= MaxTags || Count >= MaxTotal)
            return false;
        _tags.Add(tag);
        return true;
    }

    /// <summary>Hands over the collected items and starts an empty batch.</summary>
    public (List<Metric> Metrics, List<Param> Params, List<RunTag> Tags) Take()
    {
        var taken = (_metrics, _params, _tags);
        (_metrics, _params, _tags) = ([], [], []);
        return taken;
    }
}
