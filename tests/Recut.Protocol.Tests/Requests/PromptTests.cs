using System.Text.Json.Nodes;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;

namespace Recut.Protocol.Tests.Requests;

public class PromptTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Apiyi_requires_a_prompt(string? prompt)
    {
        var body = Bodies.Valid();
        if (prompt is null)
        {
            body.Input().Remove("prompt");
        }
        else
        {
            body.Input()["prompt"] = prompt;
        }
        var error = Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.InvalidParameter);
        Assert.Contains("input.prompt", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void DashScope_accepts_a_missing_or_empty_prompt(string? prompt)
    {
        var body = Bodies.Valid();
        if (prompt is null)
        {
            body.Input().Remove("prompt");
        }
        else
        {
            body.Input()["prompt"] = prompt;
        }
        Assert.Equal("", Bodies.Accepted(body, Dialect.DashScope).Prompt);
    }

    [Theory]
    [InlineData("prompt", Dialect.DashScope)]
    [InlineData("prompt", Dialect.Apiyi)]
    [InlineData("negative_prompt", Dialect.DashScope)]
    public void A_nul_character_in_a_prompt_is_invalid_parameter(string field, Dialect dialect)
    {
        var body = Bodies.Valid();
        body.Input()[field] = "make it \0 snow";
        var error = Bodies.Rejected(body, dialect, ErrorCodes.InvalidParameter);
        Assert.Contains($"input.{field}", error.Message);
        Assert.Contains("NUL", error.Message);
    }

    [Fact]
    public void Null_prompt_reads_as_absent()
    {
        var body = Bodies.Valid();
        body.Input()["prompt"] = null;
        Assert.Equal("", Bodies.Accepted(body, Dialect.DashScope).Prompt);
        Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.InvalidParameter);
    }

    [Theory]
    [InlineData(Dialect.Apiyi)]
    [InlineData(Dialect.DashScope)]
    public void Prompt_of_the_wrong_type_is_invalid_parameter(Dialect dialect)
    {
        var body = Bodies.Valid();
        body.Input()["prompt"] = new JsonArray("make", "it", "snow");
        var error = Bodies.Rejected(body, dialect, ErrorCodes.InvalidParameter);
        Assert.Equal("input.prompt must be a string; got [\"make\",\"it\",\"snow\"]", error.Message);
    }

    [Fact]
    public void Prompt_is_kept_as_given_when_within_the_limit()
    {
        var body = Bodies.Valid();
        body.Input()["prompt"] = "  把背景换成雪山 ";
        Assert.Equal("  把背景换成雪山 ", Bodies.Accepted(body, Dialect.Apiyi).Prompt);
    }

    [Fact]
    public void Cjk_prompt_over_5000_characters_is_truncated_to_5000()
    {
        var body = Bodies.Valid();
        body.Input()["prompt"] = string.Concat(Enumerable.Repeat("雪", 5003));
        var prompt = Bodies.Accepted(body, Dialect.Apiyi).Prompt;
        Assert.Equal(5000, prompt.Length);
        Assert.All(prompt, c => Assert.Equal('雪', c));
    }

    [Fact]
    public void Prompt_of_exactly_5000_characters_is_untouched()
    {
        var body = Bodies.Valid();
        var text = string.Concat(Enumerable.Repeat("ab", 2500));
        body.Input()["prompt"] = text;
        Assert.Equal(text, Bodies.Accepted(body, Dialect.DashScope).Prompt);
    }

    [Fact]
    public void Truncation_counts_a_surrogate_pair_as_one_character_and_never_splits_it()
    {
        var body = Bodies.Valid();
        // 4999 letters then emoji (2 UTF-16 units each): the cut keeps the first emoji whole, drops the rest.
        body.Input()["prompt"] = new string('a', 4999) + "😀😀😀";
        var prompt = Bodies.Accepted(body, Dialect.Apiyi).Prompt;
        Assert.Equal(new string('a', 4999) + "😀", prompt);
        Assert.Equal(5000, TextLimit.Count(prompt));
    }

    [Fact]
    public void Negative_prompt_over_500_characters_is_truncated()
    {
        var body = Bodies.Valid();
        body.Input()["negative_prompt"] = string.Concat(Enumerable.Repeat("模糊", 300));
        var negative = Bodies.Accepted(body, Dialect.DashScope).NegativePrompt;
        Assert.NotNull(negative);
        Assert.Equal(500, TextLimit.Count(negative));
        Assert.StartsWith("模糊模糊", negative);
    }

    [Fact]
    public void Negative_prompt_is_optional_and_empty_means_none()
    {
        Assert.Null(Bodies.Accepted(Bodies.Valid(), Dialect.DashScope).NegativePrompt);
        var body = Bodies.Valid();
        body.Input()["negative_prompt"] = "";
        Assert.Null(Bodies.Accepted(body, Dialect.DashScope).NegativePrompt);
        body.Input()["negative_prompt"] = "blurry";
        Assert.Equal("blurry", Bodies.Accepted(body, Dialect.DashScope).NegativePrompt);
    }

    [Fact]
    public void Negative_prompt_of_the_wrong_type_is_invalid_parameter()
    {
        var body = Bodies.Valid();
        body.Input()["negative_prompt"] = false;
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.Equal("input.negative_prompt must be a string; got false", error.Message);
    }

    [Fact]
    public void Unknown_keys_in_input_and_at_the_top_are_ignored()
    {
        var body = Bodies.Valid();
        body.Input()["extend_prompt"] = true; // the official Python SDK sends this
        body.Input()["something_new"] = new JsonObject { ["x"] = 1 };
        body["metadata"] = "whatever";
        var request = Bodies.Accepted(body, Dialect.Apiyi);
        Assert.Equal("make it snow", request.Prompt);
    }
}
