using JiebaNet.Segmenter;

namespace Recut.Engines.Local.Planning.Text;

/// <summary>
/// jieba.NET word segmentation, so that 和 inside 饱和度 or 柔和 is never read as "and". The lexicon's own phrases are
/// added as user words first, so an edit word always comes out as one token. jieba's dictionary loads once (~1 s);
/// segmentation itself is not documented as thread-safe, so calls are serialised (instructions are short).
/// </summary>
internal static class ChineseSegmenter
{
    private static readonly Lazy<JiebaSegmenter> Segmenter = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();

    /// <summary>Words of <paramref name="text"/> (a run of Chinese characters) with their offsets inside it.</summary>
    public static IReadOnlyList<(string Word, int Start)> Segment(string text)
    {
        var segmenter = Segmenter.Value;
        lock (Gate)
        {
            return segmenter.Tokenize(text, TokenizerMode.Default, hmm: true).Select(t => (t.Word, t.StartIndex)).ToList();
        }
    }

    private static JiebaSegmenter Create()
    {
        // jieba looks for Resources/ beside the application (the build copies it there, see Recut.Engines.csproj).
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources");
        var segmenter = new JiebaSegmenter();
        foreach (var word in Lexicon.ConceptLexicon.ChineseWords)
        {
            segmenter.AddWord(word, freq: 2000);
        }
        return segmenter;
    }
}
