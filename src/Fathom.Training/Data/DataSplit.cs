namespace Fathom.Training.Data;

/// <summary>A seeded, deterministic split of row indices into training and validation rows.</summary>
internal static class DataSplit
{
    public static (int[] Train, int[] Validation) Split(int[] rows, double validationFraction, int seed)
    {
        var validationCount = (int)Math.Round(rows.Length * validationFraction);
        if (validationCount == 0 || validationCount == rows.Length)
            throw Fathom.Core.Errors.FathomException.InvalidParameter(
                $"--validation-split {validationFraction} of {rows.Length} rows leaves {(validationCount == 0 ? "no validation" : "no training")} rows.");
        var shuffled = (int[])rows.Clone();
        new Random(seed).Shuffle(shuffled);
        var validation = shuffled[..validationCount];
        var train = shuffled[validationCount..];
        // File order within each part, so a trainer sees the same sequence whatever the shuffle implementation.
        Array.Sort(validation);
        Array.Sort(train);
        return (train, validation);
    }
}
