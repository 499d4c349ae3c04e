namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// SQLite schema, MLflow's tables and columns. Differences: metrics' primary key lists the same columns as
/// MLflow's in history order (run_uuid, key, step, timestamp, ...) in a WITHOUT ROWID table, so history reads
/// and inserts touch one b-tree. Version 3's indexes serve search: (key, value, run_uuid) covers a filter clause
/// without touching the table, (key, is_nan, value) lets an order_by on a metric walk values in order and stop at
/// the page's end, and runs (experiment_id, lifecycle_stage, start_time DESC, run_uuid) is the default order itself.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "MLflow tracking tables", """
            CREATE TABLE experiments (
                experiment_id INTEGER PRIMARY KEY AUTOINCREMENT,
                name VARCHAR(256) NOT NULL UNIQUE,
                artifact_location VARCHAR(256),
                lifecycle_stage VARCHAR(32) NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
                creation_time BIGINT,
                last_update_time BIGINT
            );
            CREATE TABLE experiment_tags (
                key VARCHAR(250) NOT NULL,
                value VARCHAR(5000),
                experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
                PRIMARY KEY (key, experiment_id)
            );
            CREATE TABLE runs (
                run_uuid VARCHAR(32) NOT NULL PRIMARY KEY,
                name VARCHAR(250),
                source_type VARCHAR(20),
                source_name VARCHAR(500),
                entry_point_name VARCHAR(50),
                user_id VARCHAR(256),
                status VARCHAR(9) CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING', 'KILLED')),
                start_time BIGINT,
                end_time BIGINT,
                deleted_time BIGINT,
                source_version VARCHAR(50),
                lifecycle_stage VARCHAR(20) CHECK (lifecycle_stage IN ('active', 'deleted')),
                artifact_uri VARCHAR(200),
                experiment_id INTEGER REFERENCES experiments (experiment_id)
            );
            CREATE TABLE tags (
                key VARCHAR(250) NOT NULL,
                value VARCHAR(5000),
                run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid),
                PRIMARY KEY (key, run_uuid)
            );
            CREATE INDEX index_tags_run_uuid ON tags (run_uuid);
            CREATE TABLE params (
                key VARCHAR(250) NOT NULL,
                value VARCHAR(8000) NOT NULL,
                run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid),
                PRIMARY KEY (key, run_uuid)
            );
            CREATE INDEX index_params_run_uuid ON params (run_uuid);
            CREATE TABLE metrics (
                key VARCHAR(250) NOT NULL,
                value FLOAT NOT NULL,
                timestamp BIGINT NOT NULL,
                run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid),
                step BIGINT NOT NULL DEFAULT 0,
                is_nan BOOLEAN NOT NULL DEFAULT 0,
                PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan)
            ) WITHOUT ROWID;
            CREATE TABLE latest_metrics (
                key VARCHAR(250) NOT NULL,
                value FLOAT NOT NULL,
                timestamp BIGINT,
                step BIGINT NOT NULL,
                is_nan BOOLEAN NOT NULL,
                run_uuid VARCHAR(32) NOT NULL REFERENCES runs (run_uuid),
                PRIMARY KEY (key, run_uuid)
            );
            CREATE INDEX index_latest_metrics_run_uuid ON latest_metrics (run_uuid);
            CREATE TABLE datasets (
                dataset_uuid VARCHAR(36) NOT NULL,
                experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
                name VARCHAR(500) NOT NULL,
                digest VARCHAR(36) NOT NULL,
                dataset_source_type VARCHAR(36) NOT NULL,
                dataset_source TEXT NOT NULL,
                dataset_schema TEXT,
                dataset_profile TEXT,
                PRIMARY KEY (experiment_id, name, digest)
            );
            CREATE INDEX index_datasets_dataset_uuid ON datasets (dataset_uuid);
            CREATE TABLE inputs (
                input_uuid VARCHAR(36) NOT NULL,
                source_type VARCHAR(36) NOT NULL,
                source_id VARCHAR(36) NOT NULL,
                destination_type VARCHAR(36) NOT NULL,
                destination_id VARCHAR(36) NOT NULL,
                PRIMARY KEY (source_type, source_id, destination_type, destination_id)
            );
            CREATE INDEX index_inputs_input_uuid ON inputs (input_uuid);
            CREATE INDEX index_inputs_destination_type_destination_id_source_type ON inputs (destination_type, destination_id, source_type);
            CREATE TABLE input_tags (
                input_uuid VARCHAR(36) NOT NULL,
                name VARCHAR(255) NOT NULL,
                value VARCHAR(500) NOT NULL,
                PRIMARY KEY (input_uuid, name)
            );
            """),
        new(2, "Search indexes", """
            CREATE INDEX index_latest_metrics_key_value ON latest_metrics (key, value);
            CREATE INDEX index_params_key_value ON params (key, value);
            CREATE INDEX index_tags_key_value ON tags (key, value);
            CREATE INDEX index_runs_experiment_lifecycle_start ON runs (experiment_id, lifecycle_stage, start_time);
            CREATE INDEX index_experiment_tags_experiment_id ON experiment_tags (experiment_id);
            """),
        new(3, "MLflow model registry tables", """
            CREATE TABLE registered_models (
                name VARCHAR(256) NOT NULL,
                creation_time BIGINT,
                last_updated_time BIGINT,
                description VARCHAR(5000),
                CONSTRAINT registered_model_pk PRIMARY KEY (name)
            );
            CREATE TABLE registered_model_tags (
                key VARCHAR(250) NOT NULL,
                value VARCHAR(5000),
                name VARCHAR(256) NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE,
                CONSTRAINT registered_model_tag_pk PRIMARY KEY (key, name)
            );
            CREATE TABLE model_versions (
                name VARCHAR(256) NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE,
                version INTEGER NOT NULL,
                creation_time BIGINT,
                last_updated_time BIGINT,
                description VARCHAR(5000),
                user_id VARCHAR(256),
                current_stage VARCHAR(20),
                source VARCHAR(500),
                run_id VARCHAR(32),
                run_link VARCHAR(500),
                status VARCHAR(20),
                status_message VARCHAR(500),
                storage_location VARCHAR(500),
                CONSTRAINT model_version_pk PRIMARY KEY (name, version)
            );
            CREATE INDEX index_model_versions_run_id ON model_versions (run_id);
            CREATE TABLE model_version_tags (
                key VARCHAR(250) NOT NULL,
                value VARCHAR(5000),
                name VARCHAR(256) NOT NULL,
                version INTEGER NOT NULL,
                CONSTRAINT model_version_tag_pk PRIMARY KEY (key, name, version),
                FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON UPDATE CASCADE
            );
            CREATE TABLE registered_model_aliases (
                alias VARCHAR(256) NOT NULL,
                version INTEGER NOT NULL,
                name VARCHAR(256) NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
                CONSTRAINT registered_model_alias_pk PRIMARY KEY (name, alias)
            );
            """),
        new(4, "Covering search indexes", """
            DROP INDEX index_latest_metrics_key_value;
            CREATE INDEX index_latest_metrics_key_value_run ON latest_metrics (key, value, run_uuid, is_nan);
            CREATE INDEX index_latest_metrics_key_nan_value ON latest_metrics (key, is_nan, value, run_uuid);
            DROP INDEX index_params_key_value;
            CREATE INDEX index_params_key_value_run ON params (key, value, run_uuid);
            DROP INDEX index_tags_key_value;
            CREATE INDEX index_tags_key_value_run ON tags (key, value, run_uuid);
            DROP INDEX index_runs_experiment_lifecycle_start;
            CREATE INDEX index_runs_experiment_lifecycle_order ON runs (experiment_id, lifecycle_stage, start_time DESC, run_uuid);
            """),
        new(5, "Governance: audit trail, users, API tokens, permissions", """
            CREATE TABLE audit_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                timestamp BIGINT NOT NULL,
                username VARCHAR(256),
                action VARCHAR(256) NOT NULL,
                resource_type VARCHAR(256) NOT NULL,
                resource_id VARCHAR(512) NOT NULL,
                before_json TEXT,
                after_json TEXT
            );
            CREATE INDEX index_audit_events_resource ON audit_events (resource_type, resource_id, id);
            CREATE INDEX index_audit_events_username ON audit_events (username, id);
            CREATE INDEX index_audit_events_timestamp ON audit_events (timestamp);
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                username VARCHAR(256) NOT NULL UNIQUE,
                password_hash VARCHAR(256) NOT NULL,
                is_admin BOOLEAN NOT NULL DEFAULT 0
            );
            CREATE TABLE user_tokens (
                token_id VARCHAR(256) NOT NULL PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users (id),
                name VARCHAR(256),
                secret_hash VARCHAR(256) NOT NULL,
                creation_time BIGINT NOT NULL,
                revoked_time BIGINT
            );
            CREATE INDEX index_user_tokens_user_id ON user_tokens (user_id);
            CREATE TABLE experiment_permissions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                experiment_id VARCHAR(256) NOT NULL,
                user_id INTEGER NOT NULL REFERENCES users (id),
                permission VARCHAR(256) NOT NULL,
                UNIQUE (experiment_id, user_id)
            );
            CREATE TABLE registered_model_permissions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name VARCHAR(512) NOT NULL,
                user_id INTEGER NOT NULL REFERENCES users (id),
                permission VARCHAR(256) NOT NULL,
                UNIQUE (name, user_id)
            );
            """),
        // MLflow's tag tables are keyed by tag first, so loading a model's or version's tags scanned the whole table.
        new(6, "Registry tag lookups by model and version", """
            CREATE INDEX index_model_version_tags_name_version ON model_version_tags (name, version);
            CREATE INDEX index_registered_model_tags_name ON registered_model_tags (name);
            """),
        // Metric history keyed by small integers (docs/tracking-stores.md, "Metric history"): a run's points of one key
        // are one contiguous range of short rows that a training loop appends to. No foreign keys on metric_history:
        // its ids come from the two intern tables in the same transaction, and a per-row parent lookup would double the
        // cost of an insert. The `metrics` view keeps MLflow's relation readable for ad-hoc SQL and exports.
        new(7, "Metric history keyed by integer run and key ids", """
            CREATE TABLE metric_runs (
                id INTEGER PRIMARY KEY,
                run_uuid VARCHAR(32) NOT NULL UNIQUE REFERENCES runs (run_uuid)
            );
            CREATE TABLE metric_keys (
                id INTEGER PRIMARY KEY,
                key VARCHAR(250) NOT NULL UNIQUE
            );
            CREATE TABLE metric_history (
                run_id INTEGER NOT NULL,
                key_id INTEGER NOT NULL,
                step BIGINT NOT NULL,
                timestamp BIGINT NOT NULL,
                value FLOAT NOT NULL,
                is_nan BOOLEAN NOT NULL,
                PRIMARY KEY (run_id, key_id, step, timestamp, value, is_nan)
            ) WITHOUT ROWID;
            INSERT INTO metric_runs (run_uuid) SELECT DISTINCT run_uuid FROM metrics ORDER BY run_uuid;
            INSERT INTO metric_keys (key) SELECT DISTINCT key FROM metrics ORDER BY key;
            INSERT INTO metric_history (run_id, key_id, step, timestamp, value, is_nan)
                SELECT r.id, k.id, m.step, m.timestamp, m.value, m.is_nan
                FROM metrics m JOIN metric_runs r ON r.run_uuid = m.run_uuid JOIN metric_keys k ON k.key = m.key
                ORDER BY r.id, k.id, m.step, m.timestamp, m.value, m.is_nan;
            DROP TABLE metrics;
            CREATE VIEW metrics AS
                SELECT k.key, h.value, h.timestamp, r.run_uuid, h.step, h.is_nan
                FROM metric_history h JOIN metric_runs r ON r.id = h.run_id JOIN metric_keys k ON k.id = h.key_id;
            """),
        // Metric history as blocks of points per (run, key) (docs/tracking-stores.md, "Metric history"): a log-batch
        // writes one row per key instead of one per point. A rowid table, since a block of a few hundred points is too
        // long for a WITHOUT ROWID row; the index finds a key's blocks in step order. Points cannot be read by SQL, so
        // the `metrics` view goes with metric_history, whose rows MetricBlockMigration carries into blocks.
        new(8, "Metric history as blocks of points", """
            CREATE TABLE metric_blocks (
                id INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL,
                key_id INTEGER NOT NULL,
                min_step BIGINT NOT NULL,
                max_step BIGINT NOT NULL,
                point_count INTEGER NOT NULL,
                points BLOB NOT NULL
            );
            CREATE INDEX index_metric_blocks_run_key_step ON metric_blocks (run_id, key_id, min_step, max_step);
            """, MetricBlockMigration.RunAsync),
    ];
}
