using System.Runtime.Intrinsics;
using Fathom.Core.Tables;

namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// Turns the features into standardized numbers the way NannyML's DataReconstructionDriftCalculator prepares them,
/// with every statistic fitted on the reference: numerical missing values become the reference mean
/// (SimpleImputer "mean"), categorical missing values the reference's most frequent category ("most_frequent"),
/// categories become their share of reference rows (category_encoders' CountEncoder, normalize=True; a category the
/// reference never saw becomes 0), and every column is standardized with the reference mean and population standard
/// deviation of the imputed values (StandardScaler; a constant column keeps scale 1, so it standardizes to 0).
/// Values are written block by block, column-major, so no n x d matrix is ever held.
/// </summary>
internal sealed class FeatureEncoder
{
    private readonly FeatureColumn[] _columns;

    private FeatureEncoder(FeatureColumn[] columns) => _columns = columns;

    public int Count => _columns.Length;

    public IReadOnlyList<string> Names => _columns.Select(c => c.Name).ToArray();

    /// <summary>Columns that are constant in the (imputed) reference: they standardize to 0 everywhere.</summary>
    public IReadOnlyList<string> ConstantColumns => _columns.Where(c => c.Constant).Select(c => c.Name).ToArray();

    /// <summary>Fitted on <paramref name="rows"/> of the reference (a sample, in increasing order), or on every row when null.</summary>
    public static FeatureEncoder Fit(DataTable reference, IReadOnlyList<string> features, int[]? rows = null) =>
        new(ParallelColumns.Map(features.Count, i => FeatureColumn.Fit(reference[features[i]], rows)));

    /// <summary>Writes rows [start, start + length) of <paramref name="table"/>, standardized, column j at block[j * length ..].</summary>
    public void Fill(DataTable table, int start, int length, Span<double> block)
    {
        for (var j = 0; j < _columns.Length; j++) _columns[j].Fill(table[_columns[j].Name], start, block.Slice(j * length, length));
    }

    /// <summary>As above for the listed rows (a sample gathered without copying the table).</summary>
    public void Fill(DataTable table, ReadOnlySpan<int> rows, Span<double> block)
    {
        for (var j = 0; j < _columns.Length; j++) _columns[j].Fill(table[_columns[j].Name], rows, block.Slice(j * rows.Length, rows.Length));
    }

    private sealed class FeatureColumn
    {
        public required string Name { get; init; }
        public required double Mean { get; init; }
        public required double Scale { get; init; }
        public required bool Constant { get; init; }

        // Categorical only: the encoded value (reference share) by category text, and the imputed category's share.
        public Dictionary<string, double>? Shares { get; init; }
        public double MissingShare { get; init; }

        public static FeatureColumn Fit(Column column, int[]? rows) => column switch
        {
            NumericColumn numbers => FitNumbers(numbers, rows),
            CategoricalColumn categories => FitCategories(categories, rows),
            _ => throw new ArgumentOutOfRangeException(nameof(column), "datetime columns are not features of multivariate drift"),
        };

        private static FeatureColumn FitNumbers(NumericColumn column, int[]? rows)
        {
            var values = column.Values;
            var n = rows?.Length ?? values.Length;
            double sum = 0;
            var present = 0;
            for (var k = 0; k < n; k++)
            {
                var v = values[rows is null ? k : rows[k]];
                if (!double.IsNaN(v)) { sum += v; present++; }
            }
            var mean = sum / present;
            double squares = 0;
            for (var k = 0; k < n; k++)
            {
                var v = values[rows is null ? k : rows[k]];
                if (!double.IsNaN(v)) squares += (v - mean) * (v - mean);
            }
            // Imputed rows sit at the mean and add nothing to the squares, but count in n.
            var std = Math.Sqrt(squares / n);
            return new FeatureColumn { Name = column.Name, Mean = mean, Scale = IsZeroScale(std) ? 1 : std, Constant = IsZeroScale(std) };
        }

        private static FeatureColumn FitCategories(CategoricalColumn column, int[]? rows)
        {
            var counts = rows is null ? column.CountPerCategory() : new long[column.Categories.Count];
            if (rows is not null)
                foreach (var row in rows) if (column.Codes[row] != CategoricalColumn.MissingCode) counts[column.Codes[row]]++;
            var present = counts.Sum();
            // most_frequent imputation: the most frequent category (ties: the smallest text, as SimpleImputer sorts) takes the missing rows.
            var mode = Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0)
                .OrderByDescending(i => counts[i]).ThenBy(i => column.Categories[i], StringComparer.Ordinal).First();
            var n = (double)(rows?.Length ?? column.Length);
            var shares = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < counts.Length; i++)
                if (counts[i] > 0) shares[column.Categories[i]] = (counts[i] + (i == mode ? n - present : 0)) / n;
            double mean = 0;
            foreach (var share in shares.Values) mean += share * share; // Σ rows·share / n
            double squares = 0;
            foreach (var share in shares.Values) squares += share * n * (share - mean) * (share - mean);
            var std = Math.Sqrt(squares / n);
            return new FeatureColumn
            {
                Name = column.Name,
                Mean = mean,
                Scale = IsZeroScale(std) ? 1 : std,
                Constant = IsZeroScale(std),
                Shares = shares,
                MissingShare = shares[column.Categories[mode]],
            };
        }

        // StandardScaler's rule: a scale below ten machine epsilons is a constant column.
        private static bool IsZeroScale(double std) => !(std >= 10 * 2.220446049250313e-16);

        public void Fill(Column column, int start, Span<double> target)
        {
            if (column is NumericColumn numbers)
            {
                Standardize(numbers.Values.Slice(start, target.Length), target);
                return;
            }
            var categorical = (CategoricalColumn)column;
            // Encode each dictionary entry of this table once; rows then read a small lookup table.
            var lookup = new double[categorical.Categories.Count];
            for (var c = 0; c < lookup.Length; c++) lookup[c] = (Shares!.GetValueOrDefault(categorical.Categories[c]) - Mean) / Scale;
            var missing = (MissingShare - Mean) / Scale;
            var codes = categorical.Codes.Slice(start, target.Length);
            for (var i = 0; i < target.Length; i++) target[i] = codes[i] < 0 ? missing : lookup[codes[i]];
        }

        public void Fill(Column column, ReadOnlySpan<int> rows, Span<double> target)
        {
            if (column is NumericColumn numbers)
            {
                var values = numbers.Values;
                for (var i = 0; i < rows.Length; i++) target[i] = values[rows[i]];
                Standardize(target, target);
                return;
            }
            var categorical = (CategoricalColumn)column;
            var lookup = new double[categorical.Categories.Count];
            for (var c = 0; c < lookup.Length; c++) lookup[c] = (Shares!.GetValueOrDefault(categorical.Categories[c]) - Mean) / Scale;
            var missing = (MissingShare - Mean) / Scale;
            var codes = categorical.Codes;
            for (var i = 0; i < rows.Length; i++) target[i] = codes[rows[i]] < 0 ? missing : lookup[codes[rows[i]]];
        }

        // (v - mean) / scale, missing values (imputed to the mean) to 0: vectorized, with the division as a multiply
        // by the inverse scale (the two differ by at most an ulp).
        private void Standardize(ReadOnlySpan<double> values, Span<double> target)
        {
            var inverse = 1 / Scale;
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> mean = Vector256.Create(Mean), scale = Vector256.Create(inverse);
                for (; i + 4 <= values.Length; i += 4)
                {
                    var v = Vector256.Create(values.Slice(i, 4));
                    Vector256.ConditionalSelect(Vector256.Equals(v, v), (v - mean) * scale, Vector256<double>.Zero).CopyTo(target.Slice(i, 4));
                }
            }
            for (; i < values.Length; i++) target[i] = double.IsNaN(values[i]) ? 0 : (values[i] - Mean) * inverse;
        }
    }
}
