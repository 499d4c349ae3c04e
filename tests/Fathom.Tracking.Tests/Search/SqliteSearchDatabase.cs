using Fathom.Tracking.Search;
using Fathom.Tracking.Stores;
using Microsoft.Data.Sqlite;

namespace Fathom.Tracking.Tests.Search;

/// <summary>
/// A throwaway SQLite file with MLflow's search tables, for checking what the translated SQL means to SQLite itself
/// (GLOB versus LIKE, NULL and NaN placement), independent of any store.
/// </summary>
internal sealed class SqliteSearchDatabase : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"fathom-search-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection connection;

    public SqliteSearchDatabase()
    {
        connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute("""
            CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, lifecycle_stage TEXT,
                creation_time INTEGER, last_update_time INTEGER);
            CREATE TABLE experiment_tags (key TEXT, value TEXT, experiment_id INTEGER, PRIMARY KEY (key, experiment_id));
            CREATE TABLE runs (run_uuid TEXT PRIMARY KEY, name TEXT, status TEXT, start_time INTEGER, end_time INTEGER,
                user_id TEXT, artifact_uri TEXT, lifecycle_stage TEXT, experiment_id INTEGER);
            CREATE TABLE tags (key TEXT, value TEXT, run_uuid TEXT, PRIMARY KEY (key, run_uuid));
            CREATE TABLE params (key TEXT, value TEXT, run_uuid TEXT, PRIMARY KEY (key, run_uuid));
            CREATE TABLE latest_metrics (key TEXT, value REAL, timestamp INTEGER, step INTEGER, is_nan BOOLEAN, run_uuid TEXT,
                PRIMARY KEY (key, run_uuid));
            CREATE TABLE datasets (dataset_uuid TEXT PRIMARY KEY, experiment_id INTEGER, name TEXT, digest TEXT);
            CREATE TABLE inputs (input_uuid TEXT PRIMARY KEY, source_type TEXT, source_id TEXT, destination_type TEXT, destination_id TEXT);
            CREATE TABLE input_tags (input_uuid TEXT, name TEXT, value TEXT, PRIMARY KEY (input_uuid, name));
            """);
    }

    public void Run(string id, long startTime, long? endTime = null, string? name = null) =>
        Execute("INSERT INTO runs VALUES ($id, $name, 'FINISHED', $start, $end, 'me', 'file:///a', 'active', 1)",
            ("$id", id), ("$name", name), ("$start", startTime), ("$end", endTime));

    public void Metric(string run, string key, double value) =>
        Execute("INSERT INTO latest_metrics VALUES ($key, $value, 0, 0, $nan, $run)",
            ("$key", key), ("$value", double.IsNaN(value) ? 0.0 : value), ("$nan", double.IsNaN(value)), ("$run", run));

    public void Param(string run, string key, string value) =>
        Execute("INSERT INTO params VALUES ($key, $value, $run)", ("$key", key), ("$value", value), ("$run", run));

    public void Tag(string run, string key, string value) =>
        Execute("INSERT INTO tags VALUES ($key, $value, $run)", ("$key", key), ("$value", value), ("$run", run));

    public void Dataset(string run, string name, string digest, string context)
    {
        var input = Guid.NewGuid().ToString("N");
        Execute("""
            INSERT INTO datasets VALUES ($dataset, 1, $name, $digest);
            INSERT INTO inputs VALUES ($input, 'DATASET', $dataset, 'RUN', $run);
            INSERT INTO input_tags VALUES ($input, 'mlflow.data.context', $context);
            """,
            ("$dataset", Guid.NewGuid().ToString("N")), ("$name", name), ("$digest", digest), ("$input", input), ("$run", run),
            ("$context", context));
    }

    public void Experiment(long id, string name, long creationTime, params (string Key, string Value)[] tags)
    {
        Execute("INSERT INTO experiments VALUES ($id, $name, 'active', $time, $time)", ("$id", id), ("$name", name), ("$time", creationTime));
        foreach (var (key, value) in tags)
        {
            Execute("INSERT INTO experiment_tags VALUES ($key, $value, $id)", ("$key", key), ("$value", value), ("$id", id));
        }
    }

    public List<string> SearchRuns(string? filter, params string[] orderBy) =>
        Query("runs.run_uuid", "runs", MlflowSearchTranslator.Instance.TranslateRuns(filter, orderBy, SqlDialect.Sqlite));

    public List<string> SearchExperiments(string? filter, params string[] orderBy) =>
        Query("experiments.name", "experiments", MlflowSearchTranslator.Instance.TranslateExperiments(filter, orderBy, SqlDialect.Sqlite));

    private List<string> Query(string column, string table, SearchSql sql)
    {
        using var command = connection.CreateCommand();
        var where = sql.Where.Length > 0 ? sql.Where : "1 = 1";
        command.CommandText = $"SELECT {column} FROM {table} {sql.Joins} WHERE {where} ORDER BY {sql.OrderBy}";
        foreach (var (name, value) in sql.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var found = new List<string>();
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        connection.Dispose();
        File.Delete(path);
    }
}
