using System.Collections.Concurrent;
using Fathom.Models.MlNet.Trees;
using Fathom.Models.Packaging;
using Fathom.Models.Signatures;
using Microsoft.ML;

namespace Fathom.Models.MlNet;

/// <summary>
/// An ML.NET model scored through <see cref="TableDataView"/>s: each pooled session holds a view and the model
/// compiled against it once (a row mapper, as ML.NET's PredictionEngine does, or a transformed view for pipelines
/// that cannot map rows), so a call binds the table and copies the prediction columns into arrays.
/// Tables past <see cref="ParallelThreshold"/> rows are split into ranges scored on several cores at once.
/// </summary>
internal sealed class MlNetModel : IModel
{
    internal const int ParallelThreshold = 16_384;

    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly MlNetOutputPlan _plan;
    private readonly ConcurrentBag<Session> _sessions = [];
    private readonly bool _rejectExtraColumns;
    private readonly TreeScorer? _trees;
    private readonly int _maxRanges;

    private MlNetModel(ITransformer transformer, DataViewSchema inputSchema, MlModelFile metadata, string labelColumn, ModelLoadOptions options)
    {
        _transformer = transformer;
        _inputSchema = inputSchema;
        _rejectExtraColumns = options.RejectExtraColumns;
        _maxRanges = Math.Max(1, options.IntraOpThreads ?? Environment.ProcessorCount);
        Metadata = metadata;
        var output = transformer.GetOutputSchema(inputSchema);
        _plan = new MlNetOutputPlan(output);
        Signature = metadata.Signature ?? InferSignature(transformer, inputSchema, [labelColumn]);
        if (options.ScoreTreesDirectly) _trees = TreeScorerCheck.Create(transformer, inputSchema, this, options.WalkTreesByLeafMasks);
    }

    /// <summary>Whether predictions walk the trees directly instead of ML.NET's transform chain.</summary>
    internal bool ScoresTreesDirectly => _trees is not null;

    /// <summary>Whether the direct scorer takes blocks of rows through its trees (see <see cref="BlockTrees"/>).</summary>
    internal bool ScoresTreesInBlocks => _trees?.ScoresInBlocks == true;

    /// <summary>How many times the direct scorer has built its block walk (once, unless new text values outgrow it).</summary>
    internal int TreeWalksBuilt => _trees?.WalksBuilt ?? 0;

    /// <summary>Whether the direct scorer's block walk goes by leaf masks (<see cref="LeafMaskWalk"/>).</summary>
    internal bool WalksTreesByLeafMasks => _trees?.WalksByLeafMasks == true;

    public string Flavor => MlNetFlavor.Name;

    internal DataViewSchema InputSchema => _inputSchema;

    internal MlNetOutputPlan Plan => _plan;

    public MlModelFile Metadata { get; }

    public ModelSignature Signature { get; }

    public static MlNetModel Load(string folder, MlModelFile metadata, IDictionary<string, object?> flavor, ModelLoadOptions options)
    {
        var file = Path.Combine(folder, flavor.Get("data") as string ?? MlNetFlavor.ModelFileName);
        if (!File.Exists(file)) throw FathomException.NotFound($"The mlnet flavor's model file '{file}' does not exist.");
        ITransformer transformer;
        DataViewSchema? schema;
        try
        {
            transformer = TimestampFeatures.Register(new MLContext()).Model.Load(file, out schema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or ArgumentException)
        {
            throw FathomException.InvalidParameter($"ML.NET cannot load '{file}': {e.Message}");
        }
        if (schema is null)
            throw FathomException.InvalidParameter($"'{file}' was saved without its input schema; save it with MLContext.Model.Save(model, inputSchema, ...).");
        var label = flavor.Get("label_column") as string ?? MlNetSchemas.DefaultLabelColumn;
        return new MlNetModel(transformer, schema, metadata, label, options);
    }

    public static ModelSignature InferSignature(ITransformer transformer, DataViewSchema inputSchema, IReadOnlyCollection<string> excluded) =>
        new(MlNetSchemas.InferInputs(transformer, inputSchema, excluded), MlNetSchemas.InferOutputs(transformer.GetOutputSchema(inputSchema)));

    public ModelOutput Predict(DataTable input)
    {
        var table = SignatureEnforcer.Enforce(Signature.Inputs, input, _rejectExtraColumns);
        var sources = new Column?[_inputSchema.Count];
        for (var i = 0; i < sources.Length; i++)
            sources[i] = table.TryGetColumn(_inputSchema[i].Name, out var column) ? column : null;
        var rows = table.RowCount;
        var buffers = _plan.Allocate(rows);
        var chunks = rows < ParallelThreshold ? 1 : Math.Min(_maxRanges, (rows + ParallelThreshold - 1) / ParallelThreshold);
        if (chunks == 1) Score(sources, 0, rows, buffers);
        else
        {
            var size = (rows + chunks - 1) / chunks;
            Parallel.For(0, chunks, c => Score(sources, c * size, Math.Min(size, rows - c * size), buffers));
        }
        return ToOutput(rows, buffers);
    }

    private void Score(Column?[] sources, int offset, int count, MlNetOutputPlan.Buffers buffers)
    {
        if (_trees is not null) _trees.Score(sources, offset, count, buffers);
        else ScoreWithMlNet(sources, offset, count, buffers);
    }

    /// <summary>ML.NET's own path, used by the load-time check of the direct scorer too.</summary>
    internal void ScoreWithMlNet(Column?[] sources, int offset, int count, MlNetOutputPlan.Buffers buffers)
    {
        if (!_sessions.TryTake(out var session)) session = new Session(_transformer, _inputSchema, _plan);
        try
        {
            session.View.Bind(sources, offset, count);
            if (session.Input is { } input)
            {
                var next = 0;
                _plan.Fill(session.Output!, () =>
                {
                    if (next >= count) return false;
                    input.MoveTo(next++);
                    return true;
                }, buffers, offset);
            }
            else
            {
                var transformed = session.Transformed!;
                using var cursor = transformed.GetRowCursor(_plan.Needed.Select(c => transformed.Schema[c.Name]));
                _plan.Fill(cursor, cursor.MoveNext, buffers, offset);
            }
        }
        finally
        {
            _sessions.Add(session);
        }
    }

    private ModelOutput ToOutput(int rows, MlNetOutputPlan.Buffers b)
    {
        var columns = new List<Column>(3);
        if (b.LabelCodes is not null)
            columns.Add(new CategoricalColumn("PredictedLabel", b.LabelCodes, b.LabelIndex?.Labels ?? _plan.LabelCategories!));
        else if (b.LabelNumbers is not null)
            columns.Add(new NumericColumn("PredictedLabel", b.LabelNumbers));
        if (b.Score is not null) columns.Add(new NumericColumn("Score", b.Score));
        if (b.Probability is not null) columns.Add(new NumericColumn("Probability", b.Probability));
        var scores = _plan.ClassNames is { } classes
            ? new ScoreMatrix("Score", classes, b.ScoreMatrix, isProbability: false)
            : null;
        return new ModelOutput(rows, columns, scores);
    }

    public void Dispose()
    {
        while (_sessions.TryTake(out var session)) session.Output?.Dispose();
        (_transformer as IDisposable)?.Dispose();
    }

    /// <summary>A view and the model compiled against it, reused by one caller at a time.</summary>
    private sealed class Session
    {
        public Session(ITransformer transformer, DataViewSchema schema, MlNetOutputPlan plan)
        {
            View = new TableDataView(schema);
            if (transformer.IsRowToRowMapper)
            {
                var mapper = transformer.GetRowToRowMapper(schema);
                Input = View.CreateRow();
                Output = mapper.GetRow(Input, plan.Needed.Select(c => mapper.OutputSchema[c.Name]));
            }
            else Transformed = transformer.Transform(View);
        }

        public TableDataView View { get; }

        /// <summary>The row mapper's input and output rows, when the pipeline maps row to row.</summary>
        public TableDataView.TableRow? Input { get; }

        public DataViewRow? Output { get; }

        /// <summary>The pipeline applied to the view, for pipelines that cannot map single rows.</summary>
        public IDataView? Transformed { get; }
    }
}
