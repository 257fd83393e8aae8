using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>Chinese phrases the local engine recognises, grouped by family; within a family, earlier rules win.</summary>
internal static class ChineseRules
{
    public static IReadOnlyList<IntentRule> All { get; } = Build();

    private static IntentRule R(IntentFamily family, string template, Func<RuleHit, Intent> build) =>
        new(family, RegexText.Compile(template, ChineseVocabulary.Fragments), build);

    private static List<IntentRule> Build()
    {
        const IntentFamily P = IntentFamily.Person, U = IntentFamily.Unsupported, C = IntentFamily.Colour,
            O = IntentFamily.Overlay, G = IntentFamily.Global;
        const string Less = "(?:降低|减少|减小|减弱|调低|降)";
        const string More = "(?:提高|增加|加大|增强|调高|提升|加强|加)";
        const string ABit = "一?(?:点|些)";
        const string Some = "(?:一点|一些|一下|点|些)?";
        return
        [
            // 人物保留彩色，背景黑白
            R(P, "«PERSON»(?:的)?(?:保留|保持|维持|是|为|留)(?:原来的|原本的|原有的)?(?:彩色|原色|颜色|色彩)|«PERSON»(?:的)?(?:彩色|原色)", Intents.BackgroundGrayscale),
            R(P, "(?:保留|保持|维持|只留|仅保留|只保留)住?«PERSON»(?:的)?(?:彩色|原色|颜色|色彩)", Intents.BackgroundGrayscale),
            R(P, "(?:其他|其余|其它|剩下的?|周围的?)(?:部分|地方|区域|画面)?«G»{0,6}?(?:黑白|灰度|去色)", Intents.BackgroundGrayscale),
            R(P, "背景«G»{0,6}?(?:黑白|灰度|去色|灰色调)|(?:黑白|灰度)(?:的)?背景|色彩分离|局部(?:彩色|上色)", Intents.BackgroundGrayscale),
            // 把背景换成图片里的场景
            R(P, "背景«G»{0,4}?(?:换成|换为|换到|替换成|替换为|改成|改为|变成|变为|设为|设置为|切换成|切换为|用)«G»{0,10}?«REF»", Intents.BackgroundReplace),
            R(P, "(?:用|拿|把|将)«REF»«G»{0,10}?(?:替换|换掉|代替|作为|当作|当成|做|来做|换)«G»{0,4}?背景", Intents.BackgroundReplace),
            R(P, "«REF»«G»{0,6}?(?:作为|当作|当成|做|设为|当)(?:新的?)?背景", Intents.BackgroundReplace),
            R(P, "«PERSON»«G»{0,4}?(?:放|移|搬|置|合成|抠)(?:到|进|在|入)«G»{0,8}?«REF»", Intents.BackgroundReplace),
            // 背景虚化 / 模糊背景
            R(P, "背景«G»{0,6}?(?:虚化|模糊|朦胧|虚掉|糊)|(?:虚化|模糊)(?:掉)?(?:的)?背景|景深|人像模式|大光圈|焦外", Intents.BackgroundBlur),
            // 绿幕 / 去掉背景 / 白色背景
            R(P, "绿幕|绿屏|蓝幕|蓝屏|抠像|抠图|抠出«PERSON»", Intents.BackgroundSolid),
            R(P, "(?:去掉|去除|删除|删掉|移除|抹掉|扣掉|抠掉|擦除|清除|不要)(?:视频的?)?背景(?:«G»{0,8}?(?:换成|换为|改成|变成|用|设为|填充|替换为|替换成)(?:纯)?«COLOUR»色?)?|背景(?:去掉|去除|删除|删掉|移除|抹掉)", Intents.BackgroundSolid),
            R(P, "背景(?:换成|换为|替换成|替换为|改成|改为|变成|变为|设为|设置为|调成|弄成|用|是|为)(?:纯)?«COLOUR»色?|背景(?:纯)?«COLOUR»色|(?:纯)?«COLOUR»色?(?:的)?背景", Intents.BackgroundSolid),
            // 把衣服换成黑色 / 黑色的衣服 (before the reference-image outfit rules)
            R(P, "«GARMENT»«G»{0,4}?(?:换成|换为|改成|改为|变成|变为|染成|涂成|调成|换)" + GarmentColours.Chinese, GarmentColours.Outfit),
            R(P, GarmentColours.Chinese + "的?«GARMENT»", GarmentColours.Outfit),
            // 把衣服换成图片里的衣服
            R(P, "«GARMENT»«G»{0,4}?(?:换成|换为|替换成|替换为|改成|改为|变成|变为|换)«G»{0,14}?«REF»", Intents.Outfit),
            R(P, "(?:穿上|换上|穿着|穿|换成|替换成)«G»{0,10}?«REF»«G»{0,8}?«GARMENT»", Intents.Outfit),
            R(P, "«REF»«G»{0,6}?(?:的|里的|中的|上的)«GARMENT»", Intents.Outfit),

            // 去掉水印 / 上下翻转: look like supported edits but are not.
            R(U, "(?:去掉|去除|删除|删掉|移除|抹掉|擦除|消除|隐藏|去)«G»{0,8}?(?:«STRONG»|文字|字幕|路人|人|车|物体|东西)", Intents.Unsupported),
            R(U, "上下翻转|垂直翻转|倒过来|上下颠倒|倒置", Intents.Unsupported),

            // 参考图的色调
            R(C, "«REF»«G»{0,3}?(?:的|里的|中的|那样的|一样的|那种)?«LOOK»", Intents.ColourLook),
            R(C, "«LOOK»«G»{0,8}?(?:和|跟|与|像|同|如|按照|参考|参照|匹配)«G»{0,3}?«REF»(?:«G»{0,4}?(?:一样|相同|一致|类似|相似|同样|统一|接近))?", Intents.ColourLook),
            R(C, "(?:和|跟|与|像|同)«G»{0,3}?«REF»«G»{0,4}?(?:一样|相同|一致|类似|相似|同样)(?:的)?«LOOK»", Intents.ColourLook),
            R(C, "(?:匹配|套用|借用|迁移|模仿)«G»{0,6}?«REF»", Intents.ColourLook),

            // 把logo放在右上角
            R(O, "«OVERLAYVERB»«G»{0,8}?(?:«STRONG»|«REF»)", Intents.Overlay),
            R(O, "(?:把|将)(?:«STRONG»|«REF»)«G»{0,8}?«OVERLAYVERB»", Intents.Overlay),
            R(O, "«STRONG»«G»{0,6}?(?:在|于|到|放在|位于)«G»{0,3}?«ANCHOR»", Intents.Overlay),
            R(O, "«ANCHOR»«G»{0,6}?«STRONG»", Intents.Overlay),

            R(G, "黑白|灰度|去色|单色调?|无色彩|去掉(?:颜色|色彩)|去除(?:颜色|色彩)", Intents.Look(GlobalLook.Grayscale, 1)),
            R(G, "复古|怀旧|老照片|老电影|泛黄|棕褐色?|褐色调|做旧|年代感|旧照片|胶片感|老式", Intents.Look(GlobalLook.Sepia, 1)),
            R(G, $"{Less}{Some}饱和度?|饱和度(?:调低|降低|减少|减小|低{ABit}|小{ABit})|低饱和|(?:颜色|色彩)更?(?:淡|浅|素)(?:{ABit})?|淡{ABit}|淡雅|素雅|褪色|不要(?:那么|太)鲜艳", Intents.Look(GlobalLook.Saturation, -1)),
            R(G, $"{More}{Some}饱和度?|饱和度(?:调高|提高|增加|加大|增强|高{ABit}|大{ABit})|高饱和|(?:更加|更|很)?鲜艳|鲜亮|浓郁|色彩更?(?:丰富|浓)", Intents.Look(GlobalLook.Saturation, 1)),
            R(G, $"{Less}{Some}对比度?|对比度(?:调低|降低|减少|减小|低{ABit}|小{ABit}|弱{ABit})|低对比", Intents.Look(GlobalLook.Contrast, -1)),
            R(G, $"{More}{Some}对比度?|对比度(?:调高|提高|增加|加大|增强|高{ABit}|大{ABit}|强{ABit})|高对比|对比更?(?:强烈|鲜明)", Intents.Look(GlobalLook.Contrast, 1)),
            R(G, $"调暗|变暗|压暗|暗{ABit}|暗些|更暗|暗下来|(?:降低|减少|减小|调低){Some}亮度|亮度(?:调低|降低|减少|减小|低{ABit}|暗{ABit}|小{ABit})|不要(?:那么|太)亮|昏暗|暗淡|暗调|暗沉", Intents.Look(GlobalLook.Brightness, -1)),
            R(G, $"提亮|调亮|变亮|亮{ABit}|亮些|更亮|明亮|(?:提高|增加|加大|调高|提升){Some}亮度|亮度(?:调高|提高|增加|加大|高{ABit}|大{ABit})|亮堂|增亮|加亮", Intents.Look(GlobalLook.Brightness, 1)),
            R(G, $"冷色调?|偏冷|冷{ABit}|更冷|冷调|清冷|冷色系|蓝调|偏蓝|色温(?:调低|降低|偏冷|低{ABit})|冷峻|不要(?:那么|太)暖", Intents.Look(GlobalLook.Warmth, -1)),
            R(G, $"暖色调?|偏暖|暖{ABit}|更暖|暖调|温暖|暖色系|暖黄|偏黄|金色调|色温(?:调高|提高|偏暖|高{ABit})|暖洋洋", Intents.Look(GlobalLook.Warmth, 1)),
            R(G, "模糊|虚化|朦胧|柔焦", Intents.Blur),
            R(G, "镜像|水平翻转|左右翻转|水平镜像|左右镜像|左右颠倒|左右对调", Intents.Mirror),
        ];
    }
}
