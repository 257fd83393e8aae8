using Npgsql;

namespace Recut.Tasks.Postgres;

/// <summary>
/// Turns what an operator puts in <c>RECUT_DB</c> into an Npgsql connection string: the key=value form
/// (<c>Host=…;Database=…;Username=…;Password=…</c>) as it is, or a libpq URI
/// (<c>postgresql://user:password@host:5432/db?sslmode=require</c>), which Npgsql itself does not read.
/// </summary>
public static class PostgresConnectionString
{
    public static string Normalize(string db)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        var builder = IsUri(db) ? FromUri(db) : new NpgsqlConnectionStringBuilder(db);
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string names no Host.", nameof(db));
        }
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            // Shows up in pg_stat_activity, so an operator can tell Recut's connections apart.
            builder.ApplicationName = "recut";
        }
        // Defaults measured in bench/load (docs/BENCHMARKS.md, "Load"): the store runs a handful of statements
        // over and over, so preparing them saves the server a parse and plan each time; and it sets no session
        // state (locks are transaction-scoped), so the DISCARD ALL sent with each reused pooled connection is
        // pure cost (it would also drop the prepared statements). An operator's explicit setting wins.
        if (!IsSet(builder, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 32;
        }
        if (!IsSet(builder, "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// Whether the operator set the keyword. Npgsql's own builder lists every keyword it knows, set or not; a
    /// plain builder on its output holds only those given a value (under Npgsql's canonical names).
    /// </summary>
    private static bool IsSet(NpgsqlConnectionStringBuilder builder, string canonicalKeyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString }.ContainsKey(canonicalKeyword);

    /// <summary>libpq's URI parameter names where Npgsql's differ; otherwise underscores become spaces (search_path → Search Path).</summary>
    private static string NpgsqlKeyword(string libpqKey) => libpqKey.ToLowerInvariant() switch
    {
        "sslmode" => "SSL Mode",
        "connect_timeout" => "Timeout",
        "user" => "Username",
        "dbname" => "Database",
        "target_session_attrs" => "Target Session Attributes",
        _ => libpqKey.Replace('_', ' '),
    };

    private static bool IsUri(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromUri(string db)
    {
        if (!Uri.TryCreate(db, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException("The PostgreSQL URI is malformed.", nameof(db));
        }
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try
            {
                builder[NpgsqlKeyword(key)] = value;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The PostgreSQL URI parameter '{key}' is not understood: {e.Message}", nameof(db), e);
            }
        }
        return builder;
    }
}
