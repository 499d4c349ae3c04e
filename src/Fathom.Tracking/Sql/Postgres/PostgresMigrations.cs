namespace Fathom.Tracking.Sql.Postgres;

/// <summary>
/// PostgreSQL schema, MLflow's tables and columns. Strings are TEXT (length rules live in validation, so an
/// unexpected long value is never a database error); metrics' primary key is in history order as on SQLite.
/// Params and tags get no (key, value) index here: a b-tree entry cannot hold a 5,000-character value, and their
/// primary keys already lead with key. Version 3 mirrors SQLite's search indexes where a b-tree can hold them.
/// </summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "MLflow tracking tables", """
            CREATE TABLE experiments (
                experiment_id SERIAL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                artifact_location TEXT,
                lifecycle_stage TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
                creation_time BIGINT,
                last_update_time BIGINT
            );
            CREATE TABLE experiment_tags (
                key TEXT NOT NULL,
                value TEXT,
                experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
                PRIMARY KEY (key, experiment_id)
            );
            CREATE TABLE runs (
                run_uuid TEXT NOT NULL PRIMARY KEY,
                name TEXT,
                source_type TEXT,
                source_name TEXT,
                entry_point_name TEXT,
                user_id TEXT,
                status TEXT CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING', 'KILLED')),
                start_time BIGINT,
                end_time BIGINT,
                deleted_time BIGINT,
                source_version TEXT,
                lifecycle_stage TEXT CHECK (lifecycle_stage IN ('active', 'deleted')),
                artifact_uri TEXT,
                experiment_id INTEGER REFERENCES experiments (experiment_id)
            );
            CREATE TABLE tags (
                key TEXT NOT NULL,
                value TEXT,
                run_uuid TEXT NOT NULL REFERENCES runs (run_uuid),
                PRIMARY KEY (key, run_uuid)
            );
            CREATE INDEX index_tags_run_uuid ON tags (run_uuid);
            CREATE TABLE params (
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                run_uuid TEXT NOT NULL REFERENCES runs (run_uuid),
                PRIMARY KEY (key, run_uuid)
            );
            CREATE INDEX index_params_run_uuid ON params (run_uuid);
            CREATE TABLE metrics (
                key TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                timestamp BIGINT NOT NULL,
                run_uuid TEXT NOT NULL REFERENCES runs (run_uuid),
                step BIGINT NOT NULL DEFAULT 0,
                is_nan BOOLEAN NOT NULL DEFAULT FALSE,
                PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan)
            );
            CREATE TABLE latest_metrics (
                key TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                timestamp BIGINT,
                step BIGINT NOT NULL,
                is_nan BOOLEAN NOT NULL,
                run_uuid TEXT NOT NULL REFERENCES runs (run_uuid),
                PRIMARY KEY (key, run_uuid)
            );
            CREATE INDEX index_latest_metrics_run_uuid ON latest_metrics (run_uuid);
            CREATE TABLE datasets (
                dataset_uuid TEXT NOT NULL,
                experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
                name TEXT NOT NULL,
                digest TEXT NOT NULL,
                dataset_source_type TEXT NOT NULL,
                dataset_source TEXT NOT NULL,
                dataset_schema TEXT,
                dataset_profile TEXT,
                PRIMARY KEY (experiment_id, name, digest)
            );
            CREATE INDEX index_datasets_dataset_uuid ON datasets (dataset_uuid);
            CREATE TABLE inputs (
                input_uuid TEXT NOT NULL,
                source_type TEXT NOT NULL,
                source_id TEXT NOT NULL,
                destination_type TEXT NOT NULL,
                destination_id TEXT NOT NULL,
                PRIMARY KEY (source_type, source_id, destination_type, destination_id)
            );
            CREATE INDEX index_inputs_input_uuid ON inputs (input_uuid);
            CREATE INDEX index_inputs_destination_type_destination_id_source_type ON inputs (destination_type, destination_id, source_type);
            CREATE TABLE input_tags (
                input_uuid TEXT NOT NULL,
                name TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (input_uuid, name)
            );
            """),
        new(2, "Search indexes", """
            CREATE INDEX index_latest_metrics_key_value ON latest_metrics (key, value);
            CREATE INDEX index_runs_experiment_lifecycle_start ON runs (experiment_id, lifecycle_stage, start_time);
            CREATE INDEX index_experiment_tags_experiment_id ON experiment_tags (experiment_id);
            """),
        new(3, "MLflow model registry tables", """
            CREATE TABLE registered_models (
                name TEXT NOT NULL,
                creation_time BIGINT,
                last_updated_time BIGINT,
                description TEXT,
                CONSTRAINT registered_model_pk PRIMARY KEY (name)
            );
            CREATE TABLE registered_model_tags (
                key TEXT NOT NULL,
                value TEXT,
                name TEXT NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE,
                CONSTRAINT registered_model_tag_pk PRIMARY KEY (key, name)
            );
            CREATE TABLE model_versions (
                name TEXT NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE,
                version INTEGER NOT NULL,
                creation_time BIGINT,
                last_updated_time BIGINT,
                description TEXT,
                user_id TEXT,
                current_stage TEXT,
                source TEXT,
                run_id TEXT,
                run_link TEXT,
                status TEXT,
                status_message TEXT,
                storage_location TEXT,
                CONSTRAINT model_version_pk PRIMARY KEY (name, version)
            );
            CREATE INDEX index_model_versions_run_id ON model_versions (run_id);
            CREATE TABLE model_version_tags (
                key TEXT NOT NULL,
                value TEXT,
                name TEXT NOT NULL,
                version INTEGER NOT NULL,
                CONSTRAINT model_version_tag_pk PRIMARY KEY (key, name, version),
                FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON UPDATE CASCADE
            );
            CREATE TABLE registered_model_aliases (
                alias TEXT NOT NULL,
                version INTEGER NOT NULL,
                name TEXT NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
                CONSTRAINT registered_model_alias_pk PRIMARY KEY (name, alias)
            );
            """),
        new(4, "Covering search indexes", """
            DROP INDEX index_latest_metrics_key_value;
            CREATE INDEX index_latest_metrics_key_value_run ON latest_metrics (key, value) INCLUDE (run_uuid, is_nan);
            CREATE INDEX index_latest_metrics_key_nan_value ON latest_metrics (key, is_nan, value) INCLUDE (run_uuid);
            DROP INDEX index_runs_experiment_lifecycle_start;
            CREATE INDEX index_runs_experiment_lifecycle_order ON runs (experiment_id, lifecycle_stage, start_time DESC, run_uuid);
            """),
        new(5, "Governance: audit trail, users, API tokens, permissions", """
            CREATE TABLE audit_events (
                id BIGSERIAL PRIMARY KEY,
                timestamp BIGINT NOT NULL,
                username TEXT,
                action TEXT NOT NULL,
                resource_type TEXT NOT NULL,
                resource_id TEXT NOT NULL,
                before_json TEXT,
                after_json TEXT
            );
            CREATE INDEX index_audit_events_resource ON audit_events (resource_type, resource_id, id);
            CREATE INDEX index_audit_events_username ON audit_events (username, id);
            CREATE INDEX index_audit_events_timestamp ON audit_events (timestamp);
            CREATE TABLE users (
                id BIGSERIAL PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                is_admin BOOLEAN NOT NULL DEFAULT FALSE
            );
            CREATE TABLE user_tokens (
                token_id TEXT NOT NULL PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users (id),
                name TEXT,
                secret_hash TEXT NOT NULL,
                creation_time BIGINT NOT NULL,
                revoked_time BIGINT
            );
            CREATE INDEX index_user_tokens_user_id ON user_tokens (user_id);
            CREATE TABLE experiment_permissions (
                id BIGSERIAL PRIMARY KEY,
                experiment_id TEXT NOT NULL,
                user_id BIGINT NOT NULL REFERENCES users (id),
                permission TEXT NOT NULL,
                UNIQUE (experiment_id, user_id)
            );
            CREATE TABLE registered_model_permissions (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL,
                user_id BIGINT NOT NULL REFERENCES users (id),
                permission TEXT NOT NULL,
                UNIQUE (name, user_id)
            );
            """),
        // MLflow's tag tables are keyed by tag first, so loading a model's or version's tags scanned the whole table.
        new(6, "Registry tag lookups by model and version", """
            CREATE INDEX index_model_version_tags_name_version ON model_version_tags (name, version);
            CREATE INDEX index_registered_model_tags_name ON registered_model_tags (name);
            """),
        // As on SQLite: metric history keyed by small integers (one short index entry per point instead of two strings),
        // no per-row foreign key checks, and a `metrics` view with MLflow's columns.
        new(7, "Metric history keyed by integer run and key ids", """
            CREATE TABLE metric_runs (
                id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                run_uuid TEXT NOT NULL UNIQUE REFERENCES runs (run_uuid)
            );
            CREATE TABLE metric_keys (
                id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                key TEXT NOT NULL UNIQUE
            );
            CREATE TABLE metric_history (
                run_id INTEGER NOT NULL,
                key_id INTEGER NOT NULL,
                step BIGINT NOT NULL,
                timestamp BIGINT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                is_nan BOOLEAN NOT NULL,
                PRIMARY KEY (run_id, key_id, step, timestamp, value, is_nan)
            );
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
        // SQLite's version 8 stores metric history as blocks; PostgreSQL keeps rows (one unnest() insert per batch
        // already), so its step 8 only keeps the version numbers of both dialects in line.
        new(8, "Metric history as blocks of points (SQLite only)", "SELECT 1"),
    ];
}
