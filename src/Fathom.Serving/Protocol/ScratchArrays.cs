namespace Fathom.Serving.Protocol;

/// <summary>
/// Per-thread spare arrays for columns that grow while a request is parsed. Parsing is synchronous, so an array
/// rented on a thread is returned on it, and no lock is taken: the shared <c>ArrayPool</c> kept only one array per
/// size on each thread, so a 100-row request's ten columns went to its locked partitions, which showed up as ~5% of
/// the server's time on a loaded machine.
/// </summary>
internal static class ScratchArrays<T>
{
    private const int MinShift = 4;
    private const int MaxShift = 16;
    private const int PerSize = 32;

    [ThreadStatic]
    private static Stack<T[]>[]? t_spares;

    /// <summary>An array of at least <paramref name="minimum"/> elements (a power of two, contents undefined).</summary>
    public static T[] Rent(int minimum)
    {
        var shift = Math.Max(MinShift, 32 - int.LeadingZeroCount(minimum - 1));
        if (shift <= MaxShift && t_spares?[shift - MinShift] is { Count: > 0 } spares) return spares.Pop();
        return new T[1 << shift];
    }

    public static void Return(T[] array)
    {
        var shift = int.Log2(array.Length);
        if (shift is < MinShift or > MaxShift || array.Length != 1 << shift) return;
        var spares = (t_spares ??= new Stack<T[]>[MaxShift - MinShift + 1])[shift - MinShift] ??= new Stack<T[]>();
        if (spares.Count < PerSize) spares.Push(array);
    }
}
