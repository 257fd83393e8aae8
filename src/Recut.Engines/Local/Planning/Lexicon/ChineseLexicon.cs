using Recut.Engines.Local.Plan;
using static Recut.Engines.Local.Planning.Lexicon.Cat;

namespace Recut.Engines.Local.Planning.Lexicon;

/// <summary>
/// Chinese words and the concepts they stand for. Each is also given to jieba as a user word, so it segments as one
/// token. Single characters marked <c>InsideWords</c> may be found inside a word jieba does not know (暖 in 暖些).
/// </summary>
internal static class ChineseLexicon
{
    private const GlobalLook B = GlobalLook.Brightness, C = GlobalLook.Contrast, S = GlobalLook.Saturation, W = GlobalLook.Warmth;

    public static IEnumerable<(string Phrase, Sense Sense)> Entries()
    {
        foreach (var (phrases, sense) in Groups())
        {
            foreach (var phrase in phrases.Split('|'))
            {
                yield return (phrase, sense);
            }
        }
    }

    private static Sense D(GlobalLook look, int sign, bool inside = false) => new(Directional, look, sign, InsideWords: inside);

    private static IEnumerable<(string, Sense)> Groups() =>
    [
        ("竖屏|竖版|竖屏版|竖屏视频|竖版视频|竖屏版本|竖向|竖着|手机竖屏|抖音|快手|抖音竖屏", new(Format, Ratio: "9:16")),
        ("方形|正方形|方屏|方版", new(Format, Ratio: "1:1")),
        ("横屏|横版|横屏视频|横版视频|宽屏", new(Format, Ratio: "16:9")),
        ("跟着人走|跟着人物走|跟着走|跟着人移动|跟随|跟着|跟踪|追踪|跟拍|追着|锁定|重新构图|构图", new(Follow)),
        ("镜头", new(Frame)),
        ("裁成|裁为|剪成|改成|改为|转为竖屏", new(Generic)),
        ("背景|背后|身后|后面的东西|后面|背景板|底色", new(Background)),
        ("其他|其余|其它|其他部分|其余部分|其它部分|周围|周边|剩下的|其他地方|其他区域", new(Everything)),
        ("人物|人像|主体|主角|人|女孩|男孩|女生|男生|女人|男人|小孩|孩子|女士|男士|他|她|我|模特|自己", new(Cat.Person)),
        ("衣服|服装|衣着|穿着|着装|裙子|连衣裙|上衣|外套|服饰|衬衫|T恤|套装|衣裳|裤子|西装|制服", new(Garment)),
        ("标志|商标|图标|水印|徽标|台标|标识|贴纸|角标|品牌标志", new(Logo)),
        ("参考图|参考图片|参考照片|参照图|图片|照片|图|相片|图像|这张图|这张照片|这张图片|这个图|这幅图|那张图|原图|样图", new(Reference)),
        ("图一", new(Reference, Index: 0)), ("图二", new(Reference, Index: 1)), ("图三", new(Reference, Index: 2)),
        ("图四", new(Reference, Index: 3)), ("图五", new(Reference, Index: 4)),
        ("场景|海边|城市|风景|街道|森林|房间|环境|画面里|里面", new(Scene)),
        ("视频|画面|整体|整个|整个画面|整个视频|影片|片子|全部|全局|一切|任何", new(Frame)),
        ("颜色|色彩|彩色部分", new(Colours)),
        ("色调|风格|调色|配色|滤镜|色系|氛围|质感|影调|色感|感觉|画风|效果|调子|色调风格|风格色调|基调|氛围感", new(Look)),

        ("亮度|曝光|光线|明暗", new(Dimension, B)),
        ("对比度|对比", new(Dimension, C)),
        ("饱和度|饱和|色彩饱和度|鲜艳度", new(Dimension, S)),
        ("色温", new(Dimension, W)),

        ("亮|明亮|提亮|调亮|变亮|增亮|加亮|亮堂|更亮|亮些|亮丽", D(B, 1, inside: true)),
        ("暗|调暗|变暗|压暗|昏暗|暗淡|暗调|暗沉|更暗|暗些", D(B, -1, inside: true)),
        ("暖|温暖|暖色|暖色调|暖调|偏暖|暖色系|暖黄|暖洋洋|更暖|暖和", D(W, 1, inside: true)),
        ("冷|偏冷|冷色|冷色调|冷调|清冷|冷色系|冷峻|更冷|冷淡", D(W, -1, inside: true)),
        ("鲜艳|艳|浓|浓郁|鲜亮|浓烈|饱满|艳丽|高饱和", D(S, 1, inside: true)),
        ("淡|淡雅|素雅|褪色|低饱和|清淡|淡一点|寡淡", D(S, -1, inside: true)),
        ("柔和|柔|低对比", D(C, -1)),
        ("高对比|鲜明|强烈对比", D(C, 1)),
        ("过曝|曝光过度|太亮了", new(Complaint, B, -1)),
        ("欠曝|曝光不足", new(Complaint, B, 1)),

        ("黑白|灰度|去色|单色|单色调|无色彩|黑白色", new(Grey)),
        ("复古|怀旧|老照片|老电影|泛黄|棕褐色|棕褐|褐色调|做旧|年代感|旧照片|胶片感|老式|怀旧感|复古感|胶片|旧时光", new(Sepia)),
        ("模糊|虚化|朦胧|柔焦|糊|虚|模糊掉|虚掉|糊掉|模糊处理|高斯模糊", new(Blur)),
        ("景深|人像模式|大光圈|焦外|背景虚化效果", new(Bokeh)),
        ("镜像|水平翻转|左右翻转|水平镜像|左右镜像|左右颠倒|左右对调|镜像翻转", new(Mirror)),
        ("翻转|翻过来|反转", new(Flip)),
        ("上下翻转|垂直翻转|倒过来|上下颠倒|倒置|垂直|上下", new(Vertical)),
        ("水平|左右", new(Horizontal)),
        ("纯|纯色|单一", new(Solid)),
        ("绿色|绿|纯绿色|纯绿", new(ColourName, Colour: NamedColour.Green)),
        ("蓝色|蓝|纯蓝色|纯蓝", new(ColourName, Colour: NamedColour.Blue)),
        ("白色|白|纯白色|纯白|白底", new(ColourName, Colour: NamedColour.White)),
        ("黑色|黑|纯黑色|纯黑|黑底", new(ColourName, Colour: NamedColour.Black)),
        ("红色|红|纯红色", new(ColourName, Colour: NamedColour.Red)),
        ("灰色|灰|纯灰色", new(ColourName, Colour: NamedColour.Grey)),
        ("黄色|黄|纯黄色", new(ColourName, Colour: NamedColour.Yellow)),
        ("粉色|粉红色|粉红|粉", new(ColourName, Colour: NamedColour.Pink)),
        ("紫色|紫|纯紫色", new(ColourName, Colour: NamedColour.Purple)),
        ("橙色|橘色|橙|橘黄色", new(ColourName, Colour: NamedColour.Orange)),
        ("绿幕|绿屏|抠像", new(ChromaKey, Colour: NamedColour.Green)),
        ("蓝幕|蓝屏", new(ChromaKey, Colour: NamedColour.Blue)),
        ("色彩分离|局部彩色|局部上色", new(ColourPop)),
        ("抠图|抠出来|抠出|抠人像", new(Cutout)),
        ("彩色|原色|原来的颜色|原本的颜色|原有的颜色", new(InColour)),
        ("清晰|清楚", new(Sharp)),

        ("换成|换为|换到|替换|替换成|替换为|换|换掉|改成|改为|切换成|切换为|设为|设置为|作为|当作|当成|当|代替|取代", new(Replace)),
        ("去掉|去除|删除|删掉|移除|抹掉|抠掉|扣掉|擦除|清除|擦掉|拿掉|干掉|去", new(Remove)),
        ("放|放在|放到|放置|加|加上|加个|添加|添上|贴|贴上|贴在|叠加|摆|插入|盖|打上|显示|出现|置于|移到|搬到|合成|放进", new(Place)),
        ("穿上|换上|穿着|穿|套上", new(Wear)),
        ("调|调成|调得|调整|变|变成|变得|弄|弄成|弄得|处理|做成|改|让|使|给|整|搞|搞成|填成|填充|填|做|来|转成|转为|呈现|要有|有", new(Generic)),
        ("用|使用|拿|采用|借用", new(Use)),
        ("参考|参照|按照|照着|像|跟|与|同|一样|相同|一致|同样|类似|相似|匹配|模仿|迁移|套用|接近|同款|保持一致|统一", new(Match)),
        ("保持|保留|维持|留|只保留|留住", new(Keep)),
        ("不变|原样|不动|原来那样|原来的样子", new(Unchanged)),
        ("动|碰|改动|变动", new(Touch)),
        ("提高|增加|加大|增强|调高|提升|加强|高|大|更高|拉高|加深", new(Increase)),
        // "不够亮", "亮度不够": not enough of it, so more — one word, never the negation 不.
        ("不够|不太够|还不够|不足", new(Increase)),
        ("降低|减少|减小|减弱|调低|降|低|减|更低|拉低|小", new(Decrease)),

        ("右上角|右上|右上方", new(Cat.Anchor, Row: -1, Col: 1)),
        ("左上角|左上|左上方", new(Cat.Anchor, Row: -1, Col: -1)),
        ("右下角|右下|右下方", new(Cat.Anchor, Row: 1, Col: 1)),
        ("左下角|左下|左下方", new(Cat.Anchor, Row: 1, Col: -1)),
        ("顶部|上方|顶端|上面|上边|顶上|正上方", new(Cat.Anchor, Row: -1)),
        ("底部|下方|底端|下面|下边|正下方|底下", new(Cat.Anchor, Row: 1)),
        ("左边|左侧|左面|左方", new(Cat.Anchor, Col: -1)),
        ("右边|右侧|右面|右方", new(Cat.Anchor, Col: 1)),
        ("中间|正中|中央|居中|中心|正中间|正中央", new(Cat.Anchor, Centre: true)),
        ("角|角落|边角", new(Corner)),
        ("一点|一些|一点点|稍微|略微|轻微|微微|稍稍|些许|淡淡|轻轻|少许|稍|点|些|有点儿|一丢丢|适当", new(Small)),
        ("非常|很|特别|大幅|强烈|明显|十分|极其|超级|极度|大大|彻底|浓重|超|狠狠|更加|多多", new(Large)),
        ("小一点|小一些|缩小|小号|小小的|小尺寸|小点", new(SizeSmall)),
        ("大一点|大一些|放大|大号|大尺寸|大点", new(SizeLarge)),
        ("第一张|第一幅|第一个|第1张|第一", new(Ordinal, Index: 0)),
        ("第二张|第二幅|第二个|第2张|第二", new(Ordinal, Index: 1)),
        ("第三张|第三幅|第三个|第3张|第三", new(Ordinal, Index: 2)),
        ("第四张|第四幅|第四个|第4张|第四", new(Ordinal, Index: 3)),
        ("第五张|第五幅|第五个|第5张|第五", new(Ordinal, Index: 4)),
        ("最后一张|最后一幅|最后", new(Ordinal, Index: Modifiers.LastReference)),

        ("没有|不要|别|不用|无需|不必|勿|不想|不|禁止|不需要|没必要|不能|不许|无须|不准|而不是|不是", new(Negation)),
        ("太|过于|太过|过分|过|太多", new(Too)),
        ("有点|有些|显得|看起来|看着|拍得|拍出来", new(Be)),
        ("要|想|想要|希望|需要|得|应该|我想|我要|我希望|我想要", new(Want)),
        ("还行|可以了|挺好|没问题|不错", new(Fine)),
        ("只|只要|就|仅|只需|仅仅|单纯|只是", new(Only)),
        ("所以|因此|和|并|并且|然后|再|同时|还有|以及|而且|另外|接着|之后|顺便|此外|最后再|还要|还|也|但|但是|可是|不过|再把|及", new(And)),
        ("我们|咱们|你|它|这个|那个|这|那|这段|这条|这是|我拍的", new(Subject)),
        ("把|将|对|给我把", new(ObjectMarker)),
        ("请|麻烦|帮我|帮忙|谢谢|谢谢啦|谢谢你|多谢|感谢|您好|你好|劳驾|能不能|可不可以|可以|能否|吗|呀|啊|吧|哦|呢|啦|哈|嘛|一下|帮|您|辛苦|亲|好吗|好不好|可以吗|行吗|么", new(Polite)),
        ("更|通透|通透感|清透|的|了|地|得很|里|里的|中的|上的|中|上|成|一个|个|张|幅|那种|那样|这样|样子|部分|区域|地方|掉|出|出来|下|起来|点儿|之类|一样的|那样的|就行|就好|即可|一遍|什么的|东西|看看|整体上|部分的|都|全|为|是|在|到|于|进|入|向|往|跟着|来说|效果图|说|老板|客户|朋友|一张|一幅", new(Filler)),

        ("人脸|脸|脸部|面部|面孔|所有人脸|所有的脸|每张脸", new(Face)),
        ("打码|马赛克|打马赛克|打上马赛克|像素化", new(Anonymise, Sign: 1)),
        ("遮挡|遮住|挡住|遮盖|隐藏|匿名|匿名化|看不清", new(Anonymise)),
        ("路人|人群|所有人|每个人|大家|行人|围观的人", new(Cat.Person)),
        ("五官|眼睛|头发|发型|化妆|妆容|笑|笑容|表情|皮肤|瘦|瘦脸|美颜|磨皮|美白|大眼|身材|长高|变瘦|年轻|变老", new(Hard)),
        ("动漫|卡通|漫画|二次元|宫崎骏|皮克斯|迪士尼|手绘|油画|水彩|素描|像素风|3D|赛博朋克|蒸汽朋克|电影感|大片|高级感|好看|漂亮|美|梦幻|唯美|文艺|小清新|日系|港风|故障风", new(Hard)),
        ("跳舞|舞蹈|舞|狗|猫|车|汽车|鸟|动物|天空|云|太阳|月亮|星星|下雨|雨|雪|下雪|火|烟|爆炸|烟花|特效|光斑|灯|帽子|眼镜|树|建筑|大海|海|物体|晚霞|夕阳|彩虹", new(Hard)),
        ("延时|旋转|裁剪|剪裁|裁切|剪辑|音乐|背景音乐|配乐|声音|音频|静音|配音|画质|超分|4K|高清|分辨率|帧率|动画|生成|延长|循环|转场|90度|度", new(Hard)),
        ("暗角|晕影|暗角效果|暗边|四角压暗|边角压暗", new(Effect, Effect: EffectKind.Vignette)),
        ("颗粒感|胶片颗粒|颗粒|胶片颗粒感|颗粒效果", new(Effect, Effect: EffectKind.Grain)),
        ("噪点|噪声|杂点", new(Effect, Effect: EffectKind.Denoise, Problem: true)),
        ("去噪|降噪|去噪点|降噪处理|减少噪点|去除噪点", new(Effect, Effect: EffectKind.Denoise)),
        ("淡入|渐入|从黑场淡入|黑场淡入|渐显|淡入效果", new(Effect, Effect: EffectKind.FadeIn)),
        ("淡出|渐出|淡出到黑场|黑场淡出|渐隐|淡出效果", new(Effect, Effect: EffectKind.FadeOut)),
        ("淡入淡出|渐入渐出|渐显渐隐", new(Effect, Effect: EffectKind.FadeBoth)),
        ("夜景|夜晚|夜景效果|日转夜|白天变黑夜|白天变夜晚|黑夜|夜间|夜色|夜景风格|夜晚效果", new(Effect, Effect: EffectKind.DayForNight)),
        ("卡通风格|卡通效果|卡通滤镜|卡通化|卡通感|色调分离|色阶分离", new(Effect, Effect: EffectKind.Cartoon)),
        ("防抖|去抖|去抖动|稳定|稳定画面|防抖动|增稳|画面稳定", new(Effect, Effect: EffectKind.Stabilise)),
        ("抖动|抖|晃动|摇晃|画面抖动|手抖", new(Effect, Effect: EffectKind.Stabilise, Problem: true)),
        ("锐化|锐利|锐度|清晰度|更锐利|更清晰|清晰一点|清晰一些|变清晰|调清晰", new(Effect, Effect: EffectKind.Sharpen)),
        ("倒放|倒序|倒着放|倒着播放|反向播放|倒带|倒序播放|倒过来播放", new(Effect, Effect: EffectKind.Reverse)),
        ("加速|快放|快进|加快|变快|调快|快一点|快一些|快些|加快速度|加速播放", new(Speed, Sign: 1)),
        ("减速|慢放|放慢|变慢|调慢|慢一点|慢一些|慢些|慢动作|慢镜头|慢速|放慢速度", new(Speed, Sign: -1)),
        ("倍速|速度|播放速度|速率", new(Speed)),
        ("倍", new(Times)),
        ("播放|播|放映", new(Filler)),
        ("半", new(Cat.Number, Value: 0.5)),
        ("秒|秒钟", new(Seconds)),
        ("开头|前|开始|片头|最前面", new(Part, Value: -1)),
        ("结尾|末尾|后|片尾|最后面", new(Part, Value: 1)),
        ("截取|只截取|截", new(Cut, Sign: 1)),
        ("剪掉|裁掉|截掉|剪去|剪|砍掉", new(Cut, Sign: -1)),
        ("标题|大标题|副标题|标语", new(TextWord, Row: -1)),
        ("字幕", new(TextWord, Row: 1)),
        ("文字|文案|字|文本", new(TextWord)),
        ("变成像|弄得像|做成像", new(LooksLike)),
    ];
}
