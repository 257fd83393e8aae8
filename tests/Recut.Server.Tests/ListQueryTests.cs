using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Recut.Server.Endpoints;
using Recut.Tasks;

namespace Recut.Server.Tests;

public sealed class ListQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 3, 12, 0, 0, TimeSpan.Zero);

    private static (TaskQuery? Query, Protocol.Errors.ApiError? Error) Parse(params (string Key, string Value)[] q) =>
        ListTasksEndpoint.Parse(new QueryCollection(q.ToDictionary(p => p.Key, p => new StringValues(p.Value))), "t1", Now, TimeZoneInfo.Utc);

    [Fact]
    public void Defaults_to_the_last_24_hours_first_page_of_ten()
    {
        var (query, error) = Parse();
        Assert.Null(error);
        Assert.Equal(Now, query!.To);
        Assert.Equal(Now.AddHours(-24), query.From);
        Assert.Equal(1, query.PageNo);
        Assert.Equal(10, query.PageSize);
        Assert.Equal("t1", query.TenantId);
    }

    [Fact]
    public void Reads_compact_times_status_model_and_paging()
    {
        var id = Guid.NewGuid();
        var (query, error) = Parse(("start_time", "20260403000000"), ("end_time", "20260403100000"), ("status", "succeeded"),
            ("model_name", "wan2.7-videoedit"), ("page_no", "2"), ("page_size", "50"), ("task_id", id.ToString()));
        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero), query!.From);
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 10, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal(EditTaskStatus.Succeeded, query.Status);
        Assert.Equal("wan2.7-videoedit", query.ModelName);
        Assert.Equal((2, 50), (query.PageNo, query.PageSize));
        Assert.Equal(id, query.TaskId);
    }

    [Theory]
    [InlineData("start_time", "2026-04-03")]
    [InlineData("end_time", "20261340000000")]
    [InlineData("status", "DONE")]
    [InlineData("page_no", "0")]
    [InlineData("page_no", "x")]
    [InlineData("page_size", "101")]
    public void Refuses_malformed_filters_with_invalid_parameter(string key, string value)
    {
        var (query, error) = Parse((key, value));
        Assert.Null(query);
        Assert.Equal("InvalidParameter", error!.Code);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_window_longer_than_24_hours_or_reversed()
    {
        Assert.Equal("InvalidParameter", Parse(("start_time", "20260401000000"), ("end_time", "20260403000000")).Error!.Code);
        Assert.Equal("InvalidParameter", Parse(("start_time", "20260403100000"), ("end_time", "20260403000000")).Error!.Code);
    }

    [Fact]
    public void A_task_id_that_is_not_a_uuid_matches_nothing_rather_than_erroring()
    {
        var (query, error) = Parse(("task_id", "abc"));
        Assert.Null(error);
        Assert.Equal(Guid.Empty, query!.TaskId);
    }
}

public sealed class ContentTypeTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("multipart/form-data; boundary=x", false)]
    public void Create_accepts_only_json_bodies(string? contentType, bool accepted) =>
        Assert.Equal(accepted, Recut.Server.Endpoints.CreateTaskEndpoint.IsJsonContentType(contentType));
}
