using Prometheus;

namespace Fathom.Serving.Observability;

/// <summary>
/// The model server's Prometheus metrics, in a registry of its own so that two servers in one process (tests) never
/// share counters. Label children are cached: a request touches no dictionary.
/// </summary>
internal sealed class ServingMetrics
{
    private static readonly double[] LatencyBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] RowBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000, 100000];

    private readonly Counter _requests;
    private readonly Counter _errors;
    private readonly Histogram _latency;
    private readonly Gauge _modelInfo;
    private readonly Lock _modelLock = new();
    private string[]? _modelLabels;

    public ServingMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        // Exemplars (trace ids attached to observations) read the clock and the current Activity on every observation;
        // nothing here traces requests, so they would cost time per request and publish nothing.
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        _requests = factory.CreateCounter("fathom_serving_requests_total", "Scoring requests answered, by endpoint and HTTP status.",
            ["endpoint", "status"]);
        _errors = factory.CreateCounter("fathom_serving_request_errors_total", "Scoring requests that failed, by endpoint and error code.",
            ["endpoint", "error_code"]);
        _latency = factory.CreateHistogram("fathom_serving_request_duration_seconds", "Time from request start to response, by endpoint.",
            new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = LatencyBuckets });
        BatchRows = factory.CreateHistogram("fathom_serving_batch_rows", "Rows per model call.",
            new HistogramConfiguration { Buckets = RowBuckets });
        RowsScored = factory.CreateCounter("fathom_serving_rows_scored_total", "Rows scored by the model.");
        _modelInfo = factory.CreateGauge("fathom_serving_model_info", "The model version answering requests (value 1).",
            ["name", "version", "alias", "flavor"]);
        ModelSwaps = factory.CreateCounter("fathom_serving_model_swaps_total", "Times a new model version replaced the served one.");
        ModelRefusals = factory.CreateCounter("fathom_serving_model_refused_total", "New model versions refused because they failed to load or validate.");
        PredictionLogWritten = factory.CreateCounter("fathom_serving_prediction_log_rows_written_total", "Prediction log rows written to the sink.");
        PredictionLogDropped = factory.CreateCounter("fathom_serving_prediction_log_rows_dropped_total",
            "Prediction log rows dropped because the sink was slower than the traffic (the queue was full) or failed.");
    }

    public CollectorRegistry Registry { get; }

    public Histogram BatchRows { get; }

    public Counter RowsScored { get; }

    public Counter ModelSwaps { get; }

    public Counter ModelRefusals { get; }

    public Counter PredictionLogWritten { get; }

    public Counter PredictionLogDropped { get; }

    public EndpointMetrics ForEndpoint(string endpoint) => new(this, endpoint);

    /// <summary>Marks the version now answering; the previous version's series drops to 0 so dashboards show the switch.</summary>
    public void SetModel(string name, string version, string alias, string flavor)
    {
        lock (_modelLock)
        {
            if (_modelLabels is not null) _modelInfo.WithLabels(_modelLabels).Set(0);
            _modelLabels = [name, version, alias, flavor];
            _modelInfo.WithLabels(_modelLabels).Set(1);
        }
    }

    internal sealed class EndpointMetrics
    {
        private readonly ServingMetrics _owner;
        private readonly string _endpoint;
        private readonly Counter.Child _ok;
        private readonly Histogram.Child _latency;

        public EndpointMetrics(ServingMetrics owner, string endpoint)
        {
            _owner = owner;
            _endpoint = endpoint;
            _ok = owner._requests.WithLabels(endpoint, "200");
            _latency = owner._latency.WithLabels(endpoint);
        }

        public void Succeeded(double seconds)
        {
            _ok.Inc();
            _latency.Observe(seconds);
        }

        public void Failed(int status, string errorCode, double seconds)
        {
            _owner._requests.WithLabels(_endpoint, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            _owner._errors.WithLabels(_endpoint, errorCode).Inc();
            _latency.Observe(seconds);
        }
    }
}
