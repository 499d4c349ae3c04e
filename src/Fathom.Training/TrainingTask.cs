namespace Fathom.Training;

/// <summary>What the model predicts.</summary>
public enum TrainingTask
{
    /// <summary>Two classes (a boolean label, or a <c>--label-expr</c>).</summary>
    Binary,

    /// <summary>Several classes (a text or whole-number label).</summary>
    Multiclass,

    /// <summary>A number.</summary>
    Regression,
}
