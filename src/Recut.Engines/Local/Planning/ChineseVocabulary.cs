using System.Text.RegularExpressions;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>Chinese words the planner knows: phrase fragments for the rules, and word lists for clause checks.</summary>
internal static class ChineseVocabulary
{
    // "图" alone is a reference image, but not inside 构图/地图/截图… nor 图案/图形/图标.
    private const string Picture = "(?:图片|图像|照片|相片|(?<![构地意截试企])图(?![案形标层表]))";
    private const string Numeral = "(?:[1-5]|[一二三四五](?![样些点下起致]))";

    public static readonly IReadOnlyDictionary<string, string> Fragments = new Dictionary<string, string>
    {
        ["REF"] = $"(?:(?:参考|参照)?{Picture}\\s*{Numeral}?|第\\s*[1-5一二三四五]\\s*(?:张|幅|个|副)(?:参考)?{Picture}?|参考图?|(?:这|那)张(?:图片?|照片))",
        ["LOOK"] = "(?:色调|色彩|风格|调色|颜色|配色|滤镜|色系|氛围|质感|影调|色感|色温|感觉|画风)",
        ["OVERLAYVERB"] = "(?:放(?!大)|加(?![强大深亮快速重])|贴|叠加|添加|放置|摆|插入|显示|覆盖|嵌入|盖)",
        ["STRONG"] = "(?:logo|标志|商标|图标|水印|徽标|台标|标识|贴纸|角标)",
        ["ANCHOR"] = "(?:右上|左上|右下|左下|正中|中间|中央|居中|中心|顶部|上方|顶端|底部|下方|底端|左侧|左边|右侧|右边)(?:角|方|部|侧|边)?",
        ["PERSON"] = "(?:人物|人像|主体|主角|人|女孩|男孩|女生|男生|女人|男人|小孩|孩子|女士|男士|他|她|模特)",
        ["GARMENT"] = "(?:衣服|服装|衣着|穿着|着装|裙子|连衣裙|上衣|外套|服饰|衬衫|T恤|t恤|套装|衣裳|裤子|西装|制服)",
        ["COLOUR"] = "(?:绿|蓝|白|黑|红|灰|黄|粉|紫|橙|橘)",
    };

    public static readonly Regex Small = RegexText.Words("一点|一些|一点点|稍微|略微|轻微|微微|稍稍|有点|些许|淡淡|轻轻|少许|稍");
    public static readonly Regex Large = RegexText.Words("非常|很|特别|大幅|强烈|明显|十分|极其|完全|超级|极度|大大|彻底|浓重");
    public static readonly Regex SmallSize = RegexText.Words("小一?(?:点|些)|缩小|小号|小的|小小的|小尺寸");
    public static readonly Regex LargeSize = RegexText.Words("大一?(?:点|些)|放大|大号|大的|大尺寸");

    public static readonly Regex Negation = RegexText.Words("不要|别|不用|无需|不必|勿|不想|禁止|不需要");
    public static readonly Regex Constraint = RegexText.Words(@"^\s*(?:但是?|请|并且|而且)?\s*(?:保持|保留|不要|别|不用|无需|维持|其他|其余|其它|不|只)");
    public static readonly Regex Separators = RegexText.Words("然后|并且|并|同时|再|还要|还有|另外|以及|而且|且|和|但是|但|之后|接着");

    public static readonly Regex EditVerbs = RegexText.Words("把|将|让|使|加|添|去掉|去除|删|移除|抹|擦除|消除|换|替|变|改|调|转|弄|做成|生成|制作|跳|旋转|裁|放大|缩小|加速|减速|慢放|快放|倒放|翻转|美颜|瘦|磨皮|上色|修复|增强|配乐|配音|合成");
    public static readonly Regex HardNouns = RegexText.Words("脸|面部|五官|眼睛|头发|发型|化妆|妆容|笑|表情|动漫|卡通|漫画|二次元|宫崎骏|皮克斯|迪士尼|手绘|油画|水彩|素描|像素风|3D|跳舞|舞蹈|狗|猫|车|鸟|动物|天空|云|太阳|月亮|星星|下雨|雨|雪|火|烟|爆炸|文字|字幕|标题|慢动作|延时|倒放|上下|垂直|倒过来|旋转|裁剪|物体|东西|树|建筑|大海");
    public static readonly Regex PersonWords = RegexText.Words("人|女孩|男孩|女生|男生|女人|男人|小孩|孩子|(?<![其吉])他|她|身体|手臂|腿|脚|鞋|帽子|眼镜|嘴|牙|皮肤|纹身|主体|主角|背景|前景|衣服|服装");

    public static readonly IReadOnlyList<(Regex Pattern, Anchor Anchor)> Anchors =
    [
        (RegexText.Words("右上"), Anchor.TopRight),
        (RegexText.Words("左上"), Anchor.TopLeft),
        (RegexText.Words("右下"), Anchor.BottomRight),
        (RegexText.Words("左下"), Anchor.BottomLeft),
        (RegexText.Words("(?:顶部|上方|顶端|上面|上边)(?:中间|正中|中央|居中)|正上方"), Anchor.TopCenter),
        (RegexText.Words("(?:底部|下方|底端|下面|下边)(?:中间|正中|中央|居中)|正下方"), Anchor.BottomCenter),
        (RegexText.Words("左侧|左边|左面|左方"), Anchor.MiddleLeft),
        (RegexText.Words("右侧|右边|右面|右方"), Anchor.MiddleRight),
        (RegexText.Words("正中|中间|中央|居中|中心"), Anchor.Center),
        (RegexText.Words("顶部|上方|顶端|上面|顶上|上边"), Anchor.TopCenter),
        (RegexText.Words("底部|下方|底端|下面|下边"), Anchor.BottomCenter),
    ];

    public static readonly IReadOnlyList<(Regex Pattern, Func<Match, int?> Read)> ReferenceMentions =
    [
        (RegexText.Words($"{Picture}\\s*({Numeral})"), m => Modifiers.OrdinalToIndex(m.Groups[1].Value)),
        (RegexText.Words("第\\s*([1-5一二三四五])\\s*(?:张|幅|个|副)"), m => Modifiers.OrdinalToIndex(m.Groups[1].Value)),
        (RegexText.Words("(最后)一?(?:张|幅|个|副)"), m => Modifiers.OrdinalToIndex(m.Groups[1].Value)),
    ];

    public static readonly IReadOnlyList<(Regex Pattern, NamedColour Colour)> Colours =
    [
        (RegexText.Words("绿"), NamedColour.Green),
        (RegexText.Words("蓝"), NamedColour.Blue),
        (RegexText.Words("白"), NamedColour.White),
        (RegexText.Words("黑"), NamedColour.Black),
        (RegexText.Words("红"), NamedColour.Red),
        (RegexText.Words("灰"), NamedColour.Grey),
        (RegexText.Words("黄"), NamedColour.Yellow),
        (RegexText.Words("粉"), NamedColour.Pink),
        (RegexText.Words("紫"), NamedColour.Purple),
        (RegexText.Words("橙|橘"), NamedColour.Orange),
    ];
}
