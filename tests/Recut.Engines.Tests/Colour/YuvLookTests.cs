using Recut.Engines.Local.Colour;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Tests.Colour;

public sealed class YuvLookTests
{
    private static readonly PlaneStatistics Source = new(new(80, 20), new(150, 6), new(110, 5));
    private static readonly PlaneStatistics Target = new(new(140, 30), new(100, 9), new(170, 10));

    [Fact]
    public void No_change_is_the_identity_on_every_plane()
    {
        var look = YuvLook.Create(null, null, null, []);
        Assert.Equal((AffineMap.Identity, AffineMap.Identity, AffineMap.Identity), (look.Y, look.Cb, look.Cr));
    }

    [Fact]
    public void Full_transfer_moves_each_planes_mean_and_spread_to_the_reference()
    {
        var look = YuvLook.Create(new ColourLookOp(0, 1.0), Source, Target, []);
        Assert.Equal(140, look.Y.Apply(80), 9);
        Assert.Equal(170, look.Y.Apply(100), 9); // one source σ above the mean lands one reference σ above
        Assert.Equal(100, look.Cb.Apply(150), 9);
        Assert.Equal(1.5, look.Cb.Gain, 9);
        Assert.Equal(170, look.Cr.Apply(110), 9);
        Assert.Equal(2.0, look.Cr.Gain, 9);
    }

    [Fact]
    public void Strength_blends_between_the_pixel_and_its_transferred_value()
    {
        var half = YuvLook.Create(new ColourLookOp(0, 0.5), Source, Target, []);
        Assert.Equal(110, half.Y.Apply(80), 9);
        Assert.Equal((1 + 1.5) / 2, half.Y.Gain, 9);
        var none = YuvLook.Create(new ColourLookOp(0, 0), Source, Target, []);
        Assert.Equal(AffineMap.Identity, none.Cr);
    }

    [Fact]
    public void A_flat_clip_or_a_flat_reference_cannot_blow_the_gain_up_or_away()
    {
        var flat = new PlaneStatistics(new(120, 0), new(128, 0.01), new(128, 1e-9));
        var look = YuvLook.Create(new ColourLookOp(0, 1.0), flat, Target, []);
        Assert.Equal(YuvLook.MaxGain, look.Y.Gain, 9);
        Assert.Equal(YuvLook.MaxGain, look.Cb.Gain, 9);
        Assert.Equal(YuvLook.MaxGain, look.Cr.Gain, 9);
        Assert.Equal(140, look.Y.Apply(120), 9); // the mean still moves exactly
        var toFlat = YuvLook.Create(new ColourLookOp(0, 1.0), Target, flat, []);
        Assert.Equal(YuvLook.MinGain, toFlat.Y.Gain, 9);
    }

    [Fact]
    public void A_colour_look_without_statistics_is_refused()
    {
        Assert.Throws<ArgumentException>(() => YuvLook.Create(new ColourLookOp(0, 1), null, Target, []));
        Assert.Throws<ArgumentException>(() => YuvLook.Create(new ColourLookOp(0, 1), Source, null, []));
    }

    [Fact]
    public void Looks_compose_in_the_fixed_order_whatever_order_the_plan_lists_them()
    {
        GlobalLookOp bright = new(GlobalLook.Brightness, 0.35), grey = new(GlobalLook.Grayscale, 1), sepia = new(GlobalLook.Sepia, 1);
        var a = YuvLook.Create(null, Source, null, [sepia, grey, bright]);
        var b = YuvLook.Create(null, Source, null, [bright, grey, sepia]);
        Assert.Equal((a.Y, a.Cb, a.Cr), (b.Y, b.Cb, b.Cr));
        // Sepia runs after grayscale, so its brown wins over grey at every input.
        Assert.Equal(YuvLook.SepiaCb, a.Cb.Apply(30), 9);
        Assert.Equal(YuvLook.SepiaCr, a.Cr.Apply(230), 9);
        // Brightness runs first; sepia's contrast pivots on mid-grey, so the brightening survives.
        Assert.True(a.Y.Apply(100) > 110, a.Y.ToString());
    }

    [Fact]
    public void Black_and_white_and_sepia_give_back_the_lightness_greying_takes()
    {
        var clip = Source with { GreyLift = 6 };
        var grey = YuvLook.Create(null, clip, null, [new GlobalLookOp(GlobalLook.Grayscale, 1)]);
        Assert.Equal(new AffineMap(1, 6), grey.Y);
        var half = YuvLook.Create(null, clip, null, [new GlobalLookOp(GlobalLook.Grayscale, 0.5)]);
        Assert.Equal(new AffineMap(1, 3), half.Y);
        Assert.Equal(128 + (0.5 * (200 - 128)), half.Cb.Apply(200), 9);
        var sepia = YuvLook.Create(null, clip, null, [new GlobalLookOp(GlobalLook.Sepia, 1)]);
        Assert.Equal(YuvLook.MidLuma + 6.6, sepia.Y.Apply(YuvLook.MidLuma), 9); // lifted, then 10% more contrast
        Assert.Throws<ArgumentException>(() => YuvLook.Create(null, null, null, [new GlobalLookOp(GlobalLook.Sepia, 1)]));
        Assert.Equal(AffineMap.Identity, YuvLook.Create(null, null, null, [new GlobalLookOp(GlobalLook.Contrast, 0)]).Y);
    }

    [Theory]
    [InlineData(255, 0, 0)]
    [InlineData(0, 0, 255)]
    [InlineData(20, 200, 90)]
    public void A_saturated_colour_greys_darker_in_luma_than_its_luminance(byte r, byte g, byte b)
    {
        foreach (var m in new[] { YCbCrMatrix.Bt601, YCbCrMatrix.Bt709 })
        {
            Assert.True(m.GreyLumaOf(r, g, b) > m.FromRgb(r, g, b).Y + 5, m.Name);
            Assert.Equal(m.FromRgb(90, 90, 90).Y, m.GreyLumaOf(90, 90, 90), 9);
        }
    }

    [Fact]
    public void The_accumulator_weights_pixels_and_reports_the_grey_lift()
    {
        var acc = new PlaneAccumulator(YCbCrMatrix.Bt601);
        acc.Add(255, 0, 0, 1);
        acc.Add(0, 0, 0, 3);
        var stats = acc.Result();
        var red = YCbCrMatrix.Bt601.FromRgb(255, 0, 0);
        Assert.Equal((red.Y + (3 * 16)) / 4, stats.Y.Mean, 9);
        Assert.Equal((YCbCrMatrix.Bt601.GreyLumaOf(255, 0, 0) - red.Y) / 4, stats.GreyLift, 9);
        Assert.Equal(Math.Sqrt(3) / 4 * (red.Y - 16), stats.Y.StdDev, 9);
        Assert.Throws<InvalidOperationException>(() => new PlaneAccumulator(YCbCrMatrix.Bt709).Result());
    }

    [Fact]
    public void The_transfer_runs_before_the_global_looks()
    {
        var look = YuvLook.Create(new ColourLookOp(0, 1.0), Source, Target, [new GlobalLookOp(GlobalLook.Grayscale, 1)]);
        Assert.Equal(128, look.Cb.Apply(150), 9); // grey after the transfer: the transfer's chroma is gone
        Assert.Equal(0, look.Cr.Gain, 9);
        Assert.Equal(140, look.Y.Apply(80), 9);   // the transfer's luma stays
    }

    [Theory]
    [InlineData(GlobalLook.Brightness, 0.35, 1, 0, 0)]
    [InlineData(GlobalLook.Brightness, -0.35, -1, 0, 0)]
    [InlineData(GlobalLook.Warmth, 0.35, 0, -1, 1)]
    [InlineData(GlobalLook.Warmth, -0.35, 0, 1, -1)]
    public void Directional_looks_move_the_planes_the_right_way(GlobalLook kind, double amount, int dy, int dcb, int dcr)
    {
        const double x = 100;
        var look = YuvLook.Create(null, null, null, [new GlobalLookOp(kind, amount)]);
        Assert.Equal(dy, Math.Sign(Math.Round(look.Y.Apply(x) - x, 6)));
        Assert.Equal(dcb, Math.Sign(Math.Round(look.Cb.Apply(x) - x, 6)));
        Assert.Equal(dcr, Math.Sign(Math.Round(look.Cr.Apply(x) - x, 6)));
    }

    [Fact]
    public void Brightness_keeps_the_end_it_moves_toward_and_contrast_and_saturation_keep_their_pivot()
    {
        Assert.Equal(235, YuvLook.Create(null, null, null, [new GlobalLookOp(GlobalLook.Brightness, 0.5)]).Y.Apply(235), 9);
        Assert.Equal(16, YuvLook.Create(null, null, null, [new GlobalLookOp(GlobalLook.Brightness, -0.5)]).Y.Apply(16), 9);
        var contrast = YuvLook.Create(null, null, null, [new GlobalLookOp(GlobalLook.Contrast, 0.35)]);
        Assert.Equal(YuvLook.MidLuma, contrast.Y.Apply(YuvLook.MidLuma), 9);
        Assert.Equal(1.35, contrast.Y.Gain, 9);
        var muted = YuvLook.Create(null, null, null, [new GlobalLookOp(GlobalLook.Saturation, -0.35)]);
        Assert.Equal(128, muted.Cr.Apply(128), 9);
        Assert.InRange(muted.Cr.Gain, 0.01, 0.99);
        var gone = YuvLook.Create(null, null, null, [new GlobalLookOp(GlobalLook.Saturation, -5)]);
        Assert.Equal(0, gone.Cb.Gain, 9); // never inverted
    }

    [Fact]
    public void Composition_is_next_of_this()
    {
        var first = new AffineMap(2, 10);
        var second = new AffineMap(0.5, -3);
        Assert.Equal(second.Apply(first.Apply(7)), first.Then(second).Apply(7), 12);
        Assert.NotEqual(first.Then(second), second.Then(first));
    }

    [Fact]
    public void The_filter_clips_luma_and_chroma_to_their_limited_ranges_with_fixed_numbers()
    {
        var look = YuvLook.Create(new ColourLookOp(0, 1.0), Source, Target, [new GlobalLookOp(GlobalLook.Warmth, 0.35)]);
        var filter = look.ToFilter();
        Assert.Equal(@"lutyuv=y=\'clip(1.500000*val+20.000000\,16\,235)\':u=\'clip(1.500000*val-135.500000\,16\,240)\'"
            + @":v=\'clip(2.000000*val-43.000000\,16\,240)\'", filter);
    }

    [Fact]
    public void Matrices_give_the_standard_limited_range_values()
    {
        Assert.Equal((16.0, 128.0, 128.0), Round(YCbCrMatrix.Bt709.FromRgb(0, 0, 0)));
        Assert.Equal((235.0, 128.0, 128.0), Round(YCbCrMatrix.Bt601.FromRgb(255, 255, 255)));
        Assert.Equal((81.481, 90.203, 240.0), Round(YCbCrMatrix.Bt601.FromRgb(255, 0, 0)));
        Assert.Equal((62.559, 102.336, 240.0), Round(YCbCrMatrix.Bt709.FromRgb(255, 0, 0)));
        Assert.Equal(240.0, Math.Round(YCbCrMatrix.Bt709.FromRgb(0, 0, 255).Cb, 3));
    }

    [Theory]
    [InlineData(1280, 720, "bt709")]
    [InlineData(720, 1280, "bt709")]
    [InlineData(1920, 1080, "bt709")]
    [InlineData(640, 480, "bt601")]
    [InlineData(1280, 544, "bt709")]
    [InlineData(1024, 576, "bt601")]
    [InlineData(320, 240, "bt601")]
    public void The_matrix_is_guessed_from_the_frame_size(int width, int height, string expected) =>
        Assert.Equal(expected, YCbCrMatrix.ForFrameSize(width, height).Name);

    private static (double, double, double) Round((double Y, double Cb, double Cr) v) => (Math.Round(v.Y, 3), Math.Round(v.Cb, 3), Math.Round(v.Cr, 3));
}
