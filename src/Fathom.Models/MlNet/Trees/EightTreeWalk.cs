using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fathom.Models.MlNet.Trees;

/// <summary>How a walk takes one step from a node: <see cref="BlockWalk"/>'s direction table or <see cref="RowWalk"/>'s compare.</summary>
internal interface ITreeStep
{
    /// <summary>The node after <paramref name="at"/> for the row at <paramref name="row"/>; a leaf steps to itself.</summary>
    static abstract nuint Next(ref ulong nodes, ref int row, ref byte table, nuint at);
}

/// <summary>
/// One row through every tree, eight trees at a time so their walks' dependent loads overlap; the leaf values are
/// still added in tree order. Generic over the step (a struct), so each walk gets its own inlined copy.
/// </summary>
internal static class EightTreeWalk
{
    /// <summary>Adds every tree's leaf value for one row to its output's entry from <paramref name="sum"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sum<TStep>(ulong[] nodeArray, double[] valueArray, ref byte table, int[] roots, int[] depths, int[] outputArray, ref int row, ref double sum)
        where TStep : struct, ITreeStep
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(nodeArray);
        ref var values = ref MemoryMarshal.GetArrayDataReference(valueArray);
        ref var outputs = ref MemoryMarshal.GetArrayDataReference(outputArray);
        var t = 0;
        for (; t + 8 <= roots.Length; t += 8)
        {
            nuint a0 = (uint)roots[t], a1 = (uint)roots[t + 1], a2 = (uint)roots[t + 2], a3 = (uint)roots[t + 3];
            nuint a4 = (uint)roots[t + 4], a5 = (uint)roots[t + 5], a6 = (uint)roots[t + 6], a7 = (uint)roots[t + 7];
            while (true)
            {
                var n0 = TStep.Next(ref nodes, ref row, ref table, a0);
                var n1 = TStep.Next(ref nodes, ref row, ref table, a1);
                var n2 = TStep.Next(ref nodes, ref row, ref table, a2);
                var n3 = TStep.Next(ref nodes, ref row, ref table, a3);
                var n4 = TStep.Next(ref nodes, ref row, ref table, a4);
                var n5 = TStep.Next(ref nodes, ref row, ref table, a5);
                var n6 = TStep.Next(ref nodes, ref row, ref table, a6);
                var n7 = TStep.Next(ref nodes, ref row, ref table, a7);
                // Leaves step to themselves: done once no tree's walk moved.
                var moved = (n0 ^ a0) | (n1 ^ a1) | (n2 ^ a2) | (n3 ^ a3) | (n4 ^ a4) | (n5 ^ a5) | (n6 ^ a6) | (n7 ^ a7);
                (a0, a1, a2, a3, a4, a5, a6, a7) = (n0, n1, n2, n3, n4, n5, n6, n7);
                if (moved == 0) break;
            }
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t)) += Unsafe.Add(ref values, a0);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 1)) += Unsafe.Add(ref values, a1);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 2)) += Unsafe.Add(ref values, a2);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 3)) += Unsafe.Add(ref values, a3);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 4)) += Unsafe.Add(ref values, a4);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 5)) += Unsafe.Add(ref values, a5);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 6)) += Unsafe.Add(ref values, a6);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t + 7)) += Unsafe.Add(ref values, a7);
        }
        for (; t < roots.Length; t++)
        {
            var a = (nuint)(uint)roots[t];
            for (var d = 0; d < depths[t]; d++) a = TStep.Next(ref nodes, ref row, ref table, a);
            Unsafe.Add(ref sum, Unsafe.Add(ref outputs, t)) += Unsafe.Add(ref values, a);
        }
    }
}
