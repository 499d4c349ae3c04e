using System.Globalization;
using System.Text.RegularExpressions;
using Fathom.Core.Errors;
using Fathom.Core.Tables;

namespace Fathom.Training.Data;

/// <summary>
/// A binary label computed from one column: <c>column op number</c> (op one of &gt; &gt;= &lt; &lt;= == !=), or
/// <c>column == "text"</c> / <c>!=</c> for a text column. Deliberately tiny: nothing is evaluated but one comparison.
/// </summary>
internal sealed partial record LabelExpression(string Column, string Operator, double? Number, string? Text)
{
    [GeneratedRegex("""^\s*(?:`(?<col>[^`]+)`|(?<col>[A-Za-z_][\w.]*))\s*(?<op>>=|<=|==|!=|>|<)\s*(?:(?<num>[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)|"(?<text>[^"]*)"|'(?<text>[^']*)')\s*$""")]
    private static partial Regex Grammar();

    public static LabelExpression Parse(string expression)
    {
        var match = Grammar().Match(expression);
        if (!match.Success)
            throw FathomException.InvalidParameter(
                $"--label-expr '{expression}' is not of the form 'column op number' (op: > >= < <= == !=), e.g. \"delay > 15\", or column == \"text\".");
        var op = match.Groups["op"].Value;
        if (match.Groups["text"].Success)
        {
            if (op is not ("==" or "!="))
                throw FathomException.InvalidParameter($"--label-expr '{expression}': text can only be compared with == or !=.");
            return new LabelExpression(match.Groups["col"].Value, op, null, match.Groups["text"].Value);
        }
        return new LabelExpression(match.Groups["col"].Value, op, double.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture), null);
    }

    /// <summary>The label of every row; null where the source value is missing.</summary>
    public bool?[] Evaluate(Column column, string path)
    {
        var labels = new bool?[column.Length];
        switch (column)
        {
            case NumericColumn numbers when Number is { } threshold:
                var values = numbers.Values;
                for (var i = 0; i < labels.Length; i++)
                    labels[i] = double.IsNaN(values[i]) ? null : Compare(values[i].CompareTo(threshold));
                break;
            case CategoricalColumn categories when Text is not null:
                var codes = categories.Codes;
                var target = categories.Categories.ToList().IndexOf(Text);
                for (var i = 0; i < labels.Length; i++)
                    labels[i] = codes[i] < 0 ? null : Compare(codes[i] == target ? 0 : 1);
                break;
            default:
                throw FathomException.InvalidParameter(
                    $"{path}: --label-expr compares column '{Column}' with {(Number is null ? "text" : "a number")}, but the column holds {FeatureColumns.Describe(column)}.");
        }
        return labels;
    }

    private bool Compare(int sign) => Operator switch
    {
        ">" => sign > 0,
        ">=" => sign >= 0,
        "<" => sign < 0,
        "<=" => sign <= 0,
        "==" => sign == 0,
        _ => sign != 0,
    };
}
