using System.Net;
using System.Text.Json;
using Recut.Client.Tests.Support;

namespace Recut.Client.Tests;

/// <summary>The SDK reads upstream's recorded answers (Fixtures/) correctly, and the simulator answers in the same shapes.</summary>
public sealed class RecordedShapeTests(SimulatorFixture fx) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task A_running_task_is_read_as_not_final()
    {
        var (client, handler) = Fixtures.Replaying("get-task-running.json");
        var task = await client.GetTaskAsync("9e2b6ef6-285d-4efa-8651-4dbda7d571fa");
        Assert.Equal("RUNNING", task.Status);
        Assert.False(task.IsFinal);
        Assert.Equal("2024-03-01 17:38:24.817", task.SubmitTime);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://dashscope.aliyuncs.com/api/v1/tasks/9e2b6ef6-285d-4efa-8651-4dbda7d571fa", request.RequestUri!.ToString());
        Assert.Equal("Bearer sk-test", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task A_finished_video_edit_carries_its_url_prompt_and_usage()
    {
        var (client, _) = Fixtures.Replaying("videoedit-succeeded.json");
        var task = await client.GetTaskAsync("05e68c7e-850c-49e4-b866-xxxxxx");
        Assert.Equal("SUCCEEDED", task.Status);
        Assert.True(task.IsFinal);
        Assert.StartsWith("https://dashscope-a717.oss-accelerate.aliyuncs.com/", task.VideoUrl, StringComparison.Ordinal);
        Assert.Equal("Convert the entire scene to a claymation style", task.OrigPrompt);
        Assert.Equal(5.02, task.OutputVideoDuration);
        Assert.Equal("2026-04-03 00:11:57.286", task.EndTime);
    }

    [Fact]
    public async Task An_unknown_task_is_final_and_unknown()
    {
        var (client, _) = Fixtures.Replaying("get-task-unknown.json");
        var task = await client.GetTaskAsync("1111");
        Assert.Equal("UNKNOWN", task.Status);
        Assert.True(task.IsFinal);
        await Assert.ThrowsAsync<RecutApiException>(() => client.WaitAsync("1111"));
    }

    [Fact]
    public async Task The_task_list_is_read_with_epoch_times()
    {
        var (client, handler) = Fixtures.Replaying("list-tasks.json");
        var page = await client.ListAsync(new TaskListFilter { Status = "SUCCEEDED", PageSize = 10 });
        var item = Assert.Single(page.Items);
        Assert.Equal("6075262c-b56d-4968-9abf-2a9784a90f3e", item.TaskId);
        Assert.Equal(1709260684485, item.GmtCreateMs);
        Assert.Equal(1709260685184, item.EndTimeMs);
        Assert.Equal((1, 1, 10, 1), (page.Total, page.PageNo, page.PageSize, page.TotalPages));
        Assert.Contains("status=SUCCEEDED", handler.Requests[0].RequestUri!.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cancel-not-pending.json", HttpStatusCode.BadRequest, "UnsupportedOperation", "4d496c94-1389-9ca9-a92a-3e732f675686")]
    [InlineData("auth-error.json", HttpStatusCode.Unauthorized, "InvalidApiKey", "a1c0561c-1dfe-98a6-a62f-983577b8bc5e")]
    public async Task Error_answers_become_typed_errors_with_code_message_and_request_id(string fixture, HttpStatusCode status, string code, string requestId)
    {
        var (client, handler) = Fixtures.Replaying(fixture, status);
        var e = await Assert.ThrowsAsync<RecutApiException>(() => client.CancelAsync("t-1"));
        Assert.Equal((int)status, e.HttpStatus);
        Assert.Equal(code, e.Code);
        Assert.Equal(requestId, e.RequestId);
        Assert.Equal(Fixtures.Json(fixture).GetProperty("message").GetString(), e.ApiMessage);
        Assert.False(e.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task The_simulator_answers_in_the_recorded_shapes()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", SimulatorFixture.Key);
        await AssertSameKeysAsync(http, "api/v1/tasks/1111", "get-task-unknown.json");
        await AssertSameKeysAsync(http, "api/v1/uploads?action=getPolicy&model=wan2.7-videoedit", "get-policy.json");

        using var bad = new HttpClient();
        bad.DefaultRequestHeaders.Authorization = new("Bearer", "sk-wrong");
        using var denied = await bad.GetAsync(new Uri(fx.Sim.BaseUrl, "api/v1/tasks/1111"));
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        AssertKeys(Fixtures.Json("auth-error.json"), JsonDocument.Parse(await denied.Content.ReadAsStringAsync()).RootElement);

        using var cancel = await http.PostAsync(new Uri(fx.Sim.BaseUrl, "api/v1/tasks/1111/cancel"), null);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        var cancelBody = JsonDocument.Parse(await cancel.Content.ReadAsStringAsync()).RootElement;
        AssertKeys(Fixtures.Json("cancel-not-pending.json"), cancelBody);
        Assert.Equal(Fixtures.Json("cancel-not-pending.json").GetProperty("message").GetString(), cancelBody.GetProperty("message").GetString());
    }

    private async Task AssertSameKeysAsync(HttpClient http, string path, string fixture)
    {
        using var response = await http.GetAsync(new Uri(fx.Sim.BaseUrl, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertKeys(Fixtures.Json(fixture), JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    /// <summary>Every property of the recorded answer (recursively, objects only) exists in the simulator's.</summary>
    private static void AssertKeys(JsonElement recorded, JsonElement actual)
    {
        foreach (var p in recorded.EnumerateObject())
        {
            Assert.True(actual.TryGetProperty(p.Name, out var a), $"missing \"{p.Name}\" in {actual}");
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                AssertKeys(p.Value, a);
            }
        }
    }
}
