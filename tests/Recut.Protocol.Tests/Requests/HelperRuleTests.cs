using Recut.Protocol.Requests;

namespace Recut.Protocol.Tests.Requests;

public class HelperRuleTests
{
    [Theory]
    [InlineData("wan2.7-videoedit", "wan27videoedit")]
    [InlineData("Wan-2.7_VideoEdit", "wan27videoedit")]
    [InlineData("  ", "")]
    [InlineData("万相2.7", "27")]
    public void Model_names_are_normalised_to_ascii_letters_and_digits(string model, string normalized) =>
        Assert.Equal(normalized, ModelNameCheck.Normalize(model));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("wan27videoedit", "wan26videoedit", 1)]
    [InlineData("wan27videoedit", "wan27videoedi", 1)]
    public void Levenshtein_distance(string a, string b, int distance)
    {
        Assert.Equal(distance, ModelNameCheck.Levenshtein(a, b));
        Assert.Equal(distance, ModelNameCheck.Levenshtein(b, a));
    }

    [Theory]
    [InlineData("abc", 5, "abc")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("e\u0301e\u0301e\u0301", 2, "e\u0301e\u0301")] // e + combining acute counts as one
    [InlineData("😀😀😀", 2, "😀😀")]
    [InlineData("", 0, "")]
    [InlineData("abc", 0, "")]
    public void Truncate_counts_text_elements(string text, int max, string expected) =>
        Assert.Equal(expected, TextLimit.Truncate(text, max));

    [Theory]
    [InlineData("https://a.example/x.mp4", null)]
    [InlineData("oss://bucket/key/x.mp4", null)]
    [InlineData("OSS://bucket/key", null)]
    [InlineData("s3://bucket/key", "unsupported scheme 's3'")]
    [InlineData("C:\\videos\\in.mp4", "unsupported scheme 'c'")]
    [InlineData("://nothing", "not an absolute url")]
    public void Media_url_rule(string url, string? problem)
    {
        var result = MediaUrlRule.Check(url, "f");
        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.NotNull(result);
            Assert.Contains(problem, result);
            Assert.StartsWith("f ", result);
        }
    }

    [Theory]
    [InlineData("oss://b/k", true)]
    [InlineData("OSS://b/k", true)]
    [InlineData("https://oss.example/k", false)]
    public void Oss_detection(string url, bool oss) => Assert.Equal(oss, MediaUrlRule.IsOss(url));

    [Fact]
    public void Dialect_rules_match_the_contract_table()
    {
        Assert.Equal((1, 5, true, "720P"),
            (DialectRules.Apiyi.MinReferenceImages, DialectRules.Apiyi.MaxReferenceImages, DialectRules.Apiyi.PromptRequired, DialectRules.Apiyi.DefaultResolution));
        Assert.Equal((0, 4, false, "1080P"),
            (DialectRules.DashScope.MinReferenceImages, DialectRules.DashScope.MaxReferenceImages, DialectRules.DashScope.PromptRequired, DialectRules.DashScope.DefaultResolution));
        Assert.Same(DialectRules.Apiyi, DialectRules.For(Dialect.Apiyi));
        Assert.Throws<ArgumentOutOfRangeException>(() => DialectRules.For((Dialect)42));
    }
}
