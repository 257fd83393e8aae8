using Recut.Engines.Local.Person.Imaging;

namespace Recut.Engines.Tests.Person;

public sealed class BlendTests
{
    [Fact]
    public void Mix_rounds_exactly_like_the_real_number_formula()
    {
        for (var m = 0; m < 256; m++)
        {
            for (var fg = 0; fg < 256; fg += 3)
            {
                for (var bg = 0; bg < 256; bg += 5)
                {
                    var exact = Math.Round(((fg * m) + (bg * (255 - m))) / 255.0, MidpointRounding.AwayFromZero);
                    Assert.Equal((byte)exact, Blend.Mix((byte)fg, (byte)bg, (byte)m));
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(1000)]
    [InlineData(1280 * 3 + 7)]
    public void Composite_matches_the_scalar_blend_for_every_length(int length)
    {
        var random = new Random(length);
        var fg = new byte[length];
        var bg = new byte[length];
        var mask = new byte[length];
        random.NextBytes(fg);
        random.NextBytes(bg);
        random.NextBytes(mask);
        var expected = fg.Select((f, i) => Blend.Mix(f, bg[i], mask[i])).ToArray();
        Blend.Composite(fg, bg, mask);
        Assert.Equal(expected, fg);
    }

    [Fact]
    public void Full_mask_keeps_the_foreground_and_empty_mask_takes_the_background()
    {
        var fg = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var bg = Enumerable.Range(0, 100).Select(i => (byte)(255 - i)).ToArray();
        var kept = fg.ToArray();
        Blend.Composite(kept, bg, Enumerable.Repeat((byte)255, 100).ToArray());
        Assert.Equal(fg, kept);
        var replaced = fg.ToArray();
        Blend.Composite(replaced, bg, new byte[100]);
        Assert.Equal(bg, replaced);
    }

    [Fact]
    public void Composite_rejects_spans_of_different_lengths()
    {
        Assert.Throws<ArgumentException>(() => Blend.Composite(new byte[10], new byte[9], new byte[10]));
        Assert.Throws<ArgumentException>(() => Blend.Composite(new byte[10], new byte[10], new byte[11]));
    }
}
