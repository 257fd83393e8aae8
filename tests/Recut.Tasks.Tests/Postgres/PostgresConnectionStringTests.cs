using Npgsql;
using Recut.Tasks.Postgres;

namespace Recut.Tasks.Tests.Postgres;

/// <summary>What an operator may put in RECUT_DB for PostgreSQL, and what the store makes of it. No server needed.</summary>
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Key_value_pairs_keep_their_settings_and_gain_the_store_defaults()
    {
        var b = Parse("Host=db.internal;Port=6432;Database=recut;Username=app;Password=s3cret;Search Path=tenant1");

        Assert.Equal(("db.internal", 6432, "recut", "app", "s3cret", "tenant1"), (b.Host, b.Port, b.Database, b.Username, b.Password, b.SearchPath));
        Assert.Equal("recut", b.ApplicationName);
        Assert.Equal(32, b.MaxAutoPrepare);
        Assert.True(b.NoResetOnClose);
    }

    [Fact]
    public void An_operators_explicit_settings_win_over_the_defaults()
    {
        var b = Parse("Host=h;Database=d;Application Name=mine;Max Auto Prepare=0;No Reset On Close=false");

        Assert.Equal("mine", b.ApplicationName);
        Assert.Equal(0, b.MaxAutoPrepare);
        Assert.False(b.NoResetOnClose);
    }

    [Fact]
    public void A_libpq_uri_is_translated_with_escapes_and_parameters()
    {
        var b = Parse("postgresql://app%40corp:p%3Ass%2Fw@db.internal:6432/recut%20prod?sslmode=require&application_name=api-1&search_path=s1&connect_timeout=7");

        Assert.Equal(("db.internal", 6432, "recut prod"), (b.Host, b.Port, b.Database));
        Assert.Equal(("app@corp", "p:ss/w"), (b.Username, b.Password));
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal("api-1", b.ApplicationName);
        Assert.Equal("s1", b.SearchPath);
        Assert.Equal(7, b.Timeout);
    }

    [Fact]
    public void A_short_postgres_uri_takes_the_default_port()
    {
        var b = Parse("postgres://u@localhost/recut");

        Assert.Equal(("localhost", 5432, "recut", "u"), (b.Host, b.Port, b.Database, b.Username));
        Assert.Null(b.Password);
    }

    [Theory]
    [InlineData("postgresql://u@h/db?no_such_setting=1", "no_such_setting")]
    [InlineData("Database=d;Username=u", "Host")]
    [InlineData("postgresql:///db", "Host")]
    public void Nonsense_is_refused_with_the_offending_part_named(string db, string named)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => PostgresConnectionString.Normalize(db));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=x", true)]
    [InlineData("postgresql://u@h/db", true)]
    [InlineData("postgres://u@h/db", true)]
    [InlineData("./data/tasks.db", false)]
    [InlineData("Data Source=/var/lib/recut/tasks.db", false)]
    public void The_factory_tells_the_stores_apart(string db, bool postgres)
    {
        Assert.Equal(postgres, TaskStoreFactory.IsPostgres(db));
    }

    private static NpgsqlConnectionStringBuilder Parse(string db) => new(PostgresConnectionString.Normalize(db));
}
