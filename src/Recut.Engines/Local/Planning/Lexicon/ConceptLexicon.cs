namespace Recut.Engines.Local.Planning.Lexicon;

/// <summary>Both languages' entries, indexed for phrase look-up; the first entry of a phrase wins.</summary>
internal static class ConceptLexicon
{
    private static readonly Dictionary<string, Sense> English = Index(EnglishLexicon.Entries());
    private static readonly Dictionary<string, Sense> Chinese = Index(ChineseLexicon.Entries());

    /// <summary>The longest English phrase, in words.</summary>
    public static int MaxEnglishWords { get; } = English.Keys.Max(k => k.Split(' ').Length);

    /// <summary>Multi-character Chinese entries, given to jieba as user words.</summary>
    public static IReadOnlyList<string> ChineseWords { get; } = Chinese.Keys.Where(k => k.Length >= 2).ToList();

    /// <summary>Every word that appears in an English entry, alone or inside a phrase.</summary>
    public static IReadOnlySet<string> EnglishWords { get; } = English.Keys.SelectMany(k => k.Split(' ')).ToHashSet(StringComparer.Ordinal);

    /// <summary>Known English words of at least five letters: the words a misspelling may be read as.</summary>
    public static IReadOnlyCollection<string> SpellingTargets { get; } =
        EnglishWords.Where(k => k.Length >= 5 && k.All(char.IsAsciiLetterLower)).ToHashSet();

    public static Sense? EnglishPhrase(string phrase) => English.GetValueOrDefault(phrase);

    public static Sense? ChinesePhrase(string phrase) => Chinese.GetValueOrDefault(phrase);

    public static IEnumerable<KeyValuePair<string, Sense>> ChineseEntries => Chinese;

    private static Dictionary<string, Sense> Index(IEnumerable<(string Phrase, Sense Sense)> entries)
    {
        var result = new Dictionary<string, Sense>(StringComparer.Ordinal);
        foreach (var (phrase, sense) in entries)
        {
            result.TryAdd(phrase, sense);
        }
        return result;
    }
}
