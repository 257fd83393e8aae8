using System.Text.Json;
using Recut.Protocol.Errors;
using Recut.Protocol.Json;
using Recut.Protocol.Responses;

namespace Recut.Protocol.Tests.Responses;

public class ResponseJsonTests
{
    [Fact]
    public void Create_response_has_the_upstream_shape()
    {
        var json = ProtocolJson.Serialize(CreateTaskResponse.For("t-1", WireTaskStatus.Pending, "r-1"));
        Assert.Equal("{\"output\":{\"task_id\":\"t-1\",\"task_status\":\"PENDING\"},\"request_id\":\"r-1\"}", json);
    }

    [Fact]
    public void Error_body_has_code_message_request_id()
    {
        var body = ErrorBody.From(new ApiError(ErrorCodes.InvalidApiKey, ErrorMessages.NoApiKey), "r-2");
        Assert.Equal("{\"code\":\"InvalidApiKey\",\"message\":\"No API-key provided.\",\"request_id\":\"r-2\"}",
            ProtocolJson.Serialize(body));
    }

    [Fact]
    public void Cancel_response_is_only_the_request_id() =>
        Assert.Equal("{\"request_id\":\"r-3\"}", ProtocolJson.Serialize(new CancelResponse("r-3")));

    [Fact]
    public void Succeeded_dashscope_answer_writes_every_field_and_SR_in_capitals()
    {
        var response = new DashScopeTaskResponse
        {
            RequestId = "r-4",
            Output = new DashScopeTaskOutput
            {
                TaskId = "t-4",
                TaskStatus = WireTaskStatus.Succeeded,
                SubmitTime = "2026-04-03 00:08:03.576",
                ScheduledTime = "2026-04-03 00:08:04.001",
                EndTime = "2026-04-03 00:09:10.250",
                OrigPrompt = "加水印",
                ActualPrompt = "在右下角加上“AI生成”",
                VideoUrl = "https://recut.example/results/t-4.mp4?sig=x&exp=1",
            },
            Usage = new DashScopeUsage(10.04, 5.02, 5.02, 1, 720),
        };
        const string expected =
            "{\"request_id\":\"r-4\",\"output\":{\"task_id\":\"t-4\",\"task_status\":\"SUCCEEDED\"," +
            "\"submit_time\":\"2026-04-03 00:08:03.576\",\"scheduled_time\":\"2026-04-03 00:08:04.001\"," +
            "\"end_time\":\"2026-04-03 00:09:10.250\",\"orig_prompt\":\"加水印\",\"actual_prompt\":\"在右下角加上“AI生成”\"," +
            "\"video_url\":\"https://recut.example/results/t-4.mp4?sig=x&exp=1\"}," +
            "\"usage\":{\"duration\":10.04,\"input_video_duration\":5.02,\"output_video_duration\":5.02,\"video_count\":1,\"SR\":720}}";
        Assert.Equal(expected, ProtocolJson.Serialize(response));
    }

    [Fact]
    public void Failed_dashscope_answer_has_code_and_message_and_no_usage()
    {
        var response = new DashScopeTaskResponse
        {
            RequestId = "r-5",
            Output = new DashScopeTaskOutput
            {
                TaskId = "t-5",
                TaskStatus = WireTaskStatus.Failed,
                SubmitTime = "2026-04-03 00:08:03.576",
                EndTime = "2026-04-03 00:08:05.000",
                Code = ErrorCodes.FileDuration,
                Message = "video is 12.5 s long; allowed 2-10 s",
            },
        };
        using var doc = JsonDocument.Parse(ProtocolJson.Serialize(response));
        var output = doc.RootElement.GetProperty("output");
        Assert.Equal("InvalidFile.Duration", output.GetProperty("code").GetString());
        Assert.Equal("video is 12.5 s long; allowed 2-10 s", output.GetProperty("message").GetString());
        Assert.False(doc.RootElement.TryGetProperty("usage", out _));
        Assert.False(output.TryGetProperty("video_url", out _));
        Assert.False(output.TryGetProperty("scheduled_time", out _));
    }

    [Fact]
    public void Unknown_answer_matches_upstream_byte_for_byte()
    {
        // Recorded from DashScope for an id that does not exist.
        Assert.Equal("{\"request_id\":\"r-6\",\"output\":{\"task_id\":\"1111\",\"task_status\":\"UNKNOWN\"}}",
            ProtocolJson.Serialize(DashScopeTaskResponse.Unknown("1111", "r-6")));
    }

    [Fact]
    public void Dashscope_answer_reads_back_including_a_string_SR()
    {
        const string upstream =
            "{\"request_id\":\"r\",\"output\":{\"task_id\":\"t\",\"task_status\":\"SUCCEEDED\",\"submit_time\":\"2026-03-27 22:46:01.536\"," +
            "\"video_url\":\"https://x/y.mp4\",\"task_metrics\":{\"TOTAL\":1}},\"usage\":{\"duration\":4,\"input_video_duration\":2," +
            "\"output_video_duration\":2,\"video_count\":1,\"SR\":\"1080\"}}";
        var response = ProtocolJson.Deserialize<DashScopeTaskResponse>(upstream);
        Assert.NotNull(response);
        Assert.Equal("https://x/y.mp4", response.Output.VideoUrl);
        Assert.Equal(1080, response.Usage!.SR);
        Assert.Equal(4, response.Usage.Duration);
    }

    [Fact]
    public void Apiyi_completed_answer_shape()
    {
        var response = new ApiyiTaskResponse
        {
            TaskId = "t-7",
            Status = ApiyiStatus.FromWire(WireTaskStatus.Succeeded),
            Progress = 100,
            ResultUrl = "https://recut.example/results/t-7.mp4",
        };
        Assert.Equal("{\"task_id\":\"t-7\",\"status\":\"completed\",\"progress\":100,\"result_url\":\"https://recut.example/results/t-7.mp4\"}",
            ProtocolJson.Serialize(response));
    }

    [Fact]
    public void Apiyi_answer_always_writes_progress_even_when_zero()
    {
        var response = new ApiyiTaskResponse { TaskId = "t", Status = ApiyiStatus.Submitted };
        Assert.Equal("{\"task_id\":\"t\",\"status\":\"submitted\",\"progress\":0}", ProtocolJson.Serialize(response));
    }

    [Fact]
    public void Apiyi_failed_answer_carries_error_and_fail_reason()
    {
        var response = ApiyiTaskResponse.Failed("t-8", 30, ErrorCodes.UnsupportedEdit, "this engine cannot do that");
        Assert.Equal(
            "{\"task_id\":\"t-8\",\"status\":\"failed\",\"progress\":30,\"error\":{\"code\":\"UnsupportedEdit\"," +
            "\"message\":\"this engine cannot do that\"},\"fail_reason\":\"[UnsupportedEdit] this engine cannot do that\"}",
            ProtocolJson.Serialize(response));
    }

    [Theory]
    [InlineData("PENDING", "submitted")]
    [InlineData("RUNNING", "in_progress")]
    [InlineData("SUCCEEDED", "completed")]
    [InlineData("FAILED", "failed")]
    [InlineData("CANCELED", "failed")]
    public void Apiyi_status_mapping(string wire, string apiyi) => Assert.Equal(apiyi, ApiyiStatus.FromWire(wire));

    [Theory]
    [InlineData("UNKNOWN")]
    [InlineData("pending")]
    [InlineData("")]
    public void Apiyi_status_mapping_refuses_statuses_it_has_no_word_for(string wire) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiyiStatus.FromWire(wire));

    [Fact]
    public void Task_list_shape_follows_upstream()
    {
        var response = new TaskListResponse
        {
            RequestId = "r-9",
            Total = 11,
            TotalPage = TaskListResponse.CountPages(11, 10),
            PageNo = 1,
            PageSize = 10,
            Data =
            [
                new TaskListItem
                {
                    TaskId = "t-a", Status = WireTaskStatus.Succeeded, ModelName = "wan2.7-videoedit",
                    GmtCreate = 1709260684485, StartTime = 1709260684527, EndTime = 1709260685184, RequestId = "r-a",
                },
                new TaskListItem
                {
                    TaskId = "t-b", Status = WireTaskStatus.Pending, ModelName = "wan2.7-videoedit",
                    GmtCreate = 1709260690000, RequestId = "r-b",
                },
            ],
        };
        const string expected =
            "{\"request_id\":\"r-9\",\"total\":11,\"total_page\":2,\"page_no\":1,\"page_size\":10,\"data\":[" +
            "{\"task_id\":\"t-a\",\"status\":\"SUCCEEDED\",\"model_name\":\"wan2.7-videoedit\",\"gmt_create\":1709260684485," +
            "\"start_time\":1709260684527,\"end_time\":1709260685184,\"request_id\":\"r-a\"}," +
            "{\"task_id\":\"t-b\",\"status\":\"PENDING\",\"model_name\":\"wan2.7-videoedit\",\"gmt_create\":1709260690000,\"request_id\":\"r-b\"}]}";
        Assert.Equal(expected, ProtocolJson.Serialize(response));
    }

    [Fact]
    public void Recorded_upstream_task_list_reads_into_the_records()
    {
        // A DashScope list answer as recorded by a public SDK's test data (ids shortened).
        const string upstream =
            "{\"total\":1,\"data\":[{\"api_key_id\":\"42677\",\"caller_parent_id\":\"1\",\"caller_uid\":\"1\",\"end_time\":1709260685184," +
            "\"gmt_create\":1709260684485,\"model_name\":\"text-embedding-async-v2\",\"region\":\"cn-beijing\",\"request_id\":\"db5c\"," +
            "\"start_time\":1709260684527,\"status\":\"SUCCEEDED\",\"task_id\":\"6075\",\"user_api_unique_key\":\"k\"}]," +
            "\"total_page\":1,\"page_no\":1,\"request_id\":\"fcb2\",\"page_size\":10}";
        var list = ProtocolJson.Deserialize<TaskListResponse>(upstream);
        Assert.NotNull(list);
        Assert.Equal((1, 1, 1, 10, "fcb2"), (list.Total, list.TotalPage, list.PageNo, list.PageSize, list.RequestId));
        var item = Assert.Single(list.Data);
        Assert.Equal(("6075", "SUCCEEDED", 1709260684485L, 1709260684527L, 1709260685184L, "42677", "cn-beijing"),
            (item.TaskId, item.Status, item.GmtCreate, item.StartTime, item.EndTime, item.ApiKeyId, item.Region));
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(1, 10, 1)]
    [InlineData(10, 10, 1)]
    [InlineData(11, 10, 2)]
    [InlineData(int.MaxValue, 1, int.MaxValue)]
    public void Page_count(int total, int pageSize, int pages) =>
        Assert.Equal(pages, TaskListResponse.CountPages(total, pageSize));

    [Fact]
    public void Relaxed_escaping_keeps_cjk_readable_but_still_escapes_quotes_and_controls()
    {
        var json = ProtocolJson.Serialize(new ErrorBody("X", "水印 \"AI生成\"\n<b>", "r"));
        Assert.Contains("水印 \\\"AI生成\\\"\\n<b>", json);
    }

    [Fact]
    public void Options_are_read_only_and_serialize_foreign_types_too()
    {
        Assert.True(ProtocolJson.Options.IsReadOnly);
        Assert.Equal("{\"some_value\":1}", ProtocolJson.Serialize(new { SomeValue = 1, Missing = (string?)null }));
    }
}
