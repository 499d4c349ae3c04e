using System.Runtime.InteropServices;

namespace Fathom.Serving.PredictionLog;

/// <summary>
/// Lowers the calling thread's CPU priority so request threads win when the cores are busy. <c>Thread.Priority</c>
/// does nothing on Linux (the default scheduler ignores it, dotnet/runtime#91165); a thread's nice value does work
/// and may be raised without privileges. Best effort: elsewhere, or if the call fails, the thread keeps its priority.
/// </summary>
internal static class BackgroundPriority
{
    private const int PrioProcess = 0;
    private const int Nice = 10;

    public static void LowerCurrentThread()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            // On Linux PRIO_PROCESS with a thread id sets that one thread's nice value.
            _ = SetPriority(PrioProcess, GetThreadId(), Nice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without gettid: keep the normal priority.
        }
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the project: both signatures are
    // plain ints, so there is nothing to marshal.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
