using Fathom.Serving.Observability;

namespace Fathom.Serving.Models;

/// <summary>
/// Loads the model in the background (so the server answers <c>/health</c> with 503 until it is ready), then, for a
/// moving URI, polls where it points and swaps in each new version once it has loaded and passed
/// <see cref="ModelValidator"/>. A version that fails is refused, logged and counted, and the served one stays.
/// </summary>
internal sealed partial class ModelHost(
    IModelSource source,
    ModelSlot slot,
    ServingMetrics metrics,
    ServingOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ModelHost> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private string? _refusedVersion;

    /// <summary>Why the last load was refused, for the command to report when the server stops before serving.</summary>
    public string? LastRefusal { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-download or mid-load: nothing to keep.
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!await TryLoadAsync(ct))
        {
            if (!source.CanMove)
            {
                // A folder that does not load will not load later: stop (once started, so Kestrel's start is not
                // cut short), and let the caller report why.
                lifetime.ApplicationStarted.Register(lifetime.StopApplication);
                return;
            }
            // A registry alias may not exist yet (a fresh deployment): keep asking, /health says 503 meanwhile.
            await Task.Delay(options.RegistryPollInterval, time, ct);
        }
        if (!source.CanMove) return;
        using var timer = new PeriodicTimer(options.RegistryPollInterval, time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                var version = await source.CurrentVersionAsync(ct);
                if (version != slot.Current?.Version && version != _refusedVersion) await TryLoadAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e, source.Uri);
            }
        }
    }

    /// <summary>Loads what the URI points to now and swaps it in; false when it was refused.</summary>
    internal async Task<bool> TryLoadAsync(CancellationToken ct)
    {
        ResolvedModel? resolved = null;
        ServedModel? candidate = null;
        try
        {
            resolved = await source.ResolveAsync(ct);
            candidate = ServedModel.Load(resolved);
            ModelValidator.Check(candidate, slot.Current);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            candidate?.Dispose();
            _refusedVersion = resolved?.Version;
            metrics.ModelRefusals.Inc();
            // Reflection (ML.NET loading, custom mappings) wraps the real reason: say that one, log the whole chain.
            var reason = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            LastRefusal = reason.Message;
            LogRefused(logger, e, source.Uri, resolved?.Version ?? "?", slot.Current?.Version ?? "none", reason.Message);
            return false;
        }
        var previous = slot.Current?.Version;
        slot.Swap(candidate);
        _refusedVersion = null;
        metrics.SetModel(candidate.Name, candidate.Version, resolved.Alias ?? "", candidate.Flavor);
        if (previous is not null) metrics.ModelSwaps.Inc();
        LogServing(logger, candidate.Name, candidate.Version, candidate.Flavor, previous ?? "none");
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {Name} version {Version} ({Flavor}); previous version: {Previous}")]
    private static partial void LogServing(ILogger logger, string name, string version, string flavor, string previous);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused {Uri} version {Version}; still serving version {Current}. Reason: {Reason}")]
    private static partial void LogRefused(ILogger logger, Exception exception, string uri, string version, string current, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask where {Uri} points; will retry")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string uri);
}
