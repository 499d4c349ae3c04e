using Fathom.Core.Errors;

namespace Fathom.Serving.Models;

/// <summary>
/// The one reference to the version answering requests. Requests read it once (a volatile read, no lock), so a swap
/// never makes a request wait or fail: requests that started on the old version finish on it, and the old version is
/// disposed only after the longest a request may take.
/// </summary>
internal sealed class ModelSlot(ServingOptions options, TimeProvider time)
{
    private volatile ServedModel? _current;

    public ServedModel? Current => _current;

    public bool IsReady => _current is not null;

    /// <summary>The served version, or TEMPORARILY_UNAVAILABLE (503) while the first version is still loading.</summary>
    public ServedModel Require() => _current ?? throw new FathomException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The model is still loading; retry shortly.");

    public void Swap(ServedModel next)
    {
        var previous = Interlocked.Exchange(ref _current, next);
        if (previous is null) return;
        _ = DisposeLaterAsync(previous);
    }

    private async Task DisposeLaterAsync(ServedModel previous)
    {
        await Task.Delay(options.RequestTimeout + TimeSpan.FromSeconds(1), time);
        previous.Dispose();
    }
}
