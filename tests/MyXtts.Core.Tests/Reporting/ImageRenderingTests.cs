using MyXtts.Core.Reporting.Images;
using SkiaSharp;
using static TorchSharp.torch;

namespace MyXtts.Core.Tests.Reporting;

public sealed class ImageRenderingTests
{
    // Viridis ends: the lowest value is dark purple (68, 1, 84), the highest bright yellow (253, 231, 37).
    private static bool IsBright(SKColor c) => c.Red > 180 && c.Green > 180 && c.Blue < 120;
    private static bool IsDark(SKColor c) => c.Red < 120 && c.Green < 80 && c.Blue > 60;

    [Fact]
    public void A_mel_image_is_a_png_with_bin_zero_at_the_bottom()
    {
        var mel = new float[80, 200];
        for (var bin = 0; bin < 80; bin++)
            for (var frame = 0; frame < 200; frame++)
                mel[bin, frame] = bin >= 40 ? 0f : -10f;   // loud upper half, silent lower half

        using var bitmap = Decode(MelImage.Png(mel, "target"));

        var (top, bottom) = (ColumnScan(bitmap, 0.30), ColumnScan(bitmap, 0.70));
        Assert.True(IsBright(top), $"upper half of the plot should be the loud (bright) bins; got {top}");
        Assert.True(IsDark(bottom), $"lower half of the plot should be the silent (dark) bins; got {bottom}");
    }

    [Fact]
    public void Stacked_mel_panels_share_one_colour_scale_and_stack_vertically()
    {
        var quiet = Filled(80, 100, -4f);
        var loud = Filled(80, 100, 2f);

        using var one = Decode(MelImage.Png(quiet));
        using var two = Decode(MelImage.Png([new MelPanel("predicted", quiet), new MelPanel("target", loud)]));

        Assert.Equal(one.Width, two.Width);
        Assert.Equal(2 * one.Height, two.Height);
        Assert.True(IsDark(ColumnScan(two, 0.25)), "the quiet panel is the low end of the shared scale");
        Assert.True(IsBright(ColumnScan(two, 0.75)), "the loud panel is the high end of the shared scale");
    }

    [Fact]
    public void An_alignment_image_shows_a_diagonal_rising_from_the_lower_left()
    {
        var alignment = new float[20, 100];
        for (var step = 0; step < 100; step++) alignment[step / 5, step] = 1f;   // token t spans steps 5t..5t+4

        using var bitmap = Decode(AlignmentImage.Png(alignment));

        Assert.True(CountBright(bitmap, 0.2, 0.75) > 0, "the lower left should hold the start of the path");
        Assert.Equal(0, CountBright(bitmap, 0.2, 0.2));   // upper left: late tokens at early steps
        Assert.Equal(0, CountBright(bitmap, 0.7, 0.75));  // lower right: early tokens at late steps
    }

    [Fact]
    public void A_line_chart_renders_one_line_per_series_and_rejects_mismatched_points()
    {
        var png = LineChart.Png([new LineSeries("train", [1, 2, 3], [1.0, 0.5, 0.25]), new LineSeries("val", [1, 3], [1.1, 0.4])], "loss", "step", "loss", 640, 320);

        using var bitmap = Decode(png);
        Assert.Equal((640, 320), (bitmap.Width, bitmap.Height));
        var error = Assert.Throws<ArgumentException>(() => LineChart.Png([new LineSeries("bad", [1, 2], [1.0])]));
        Assert.Contains("'bad' has 2 x values and 1 y values", error.Message);
    }

    [Fact]
    public void A_tensor_becomes_a_cropped_host_matrix()
    {
        using var t = arange(12, dtype: ScalarType.Float32).reshape(3, 4);

        var m = Matrix.From(t, columns: 3);

        Assert.Equal(3, m.GetLength(0));
        Assert.Equal(3, m.GetLength(1));
        Assert.Equal(6f, m[1, 2]);
    }

    private static SKBitmap Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        return SKBitmap.Decode(png) ?? throw new InvalidOperationException("SkiaSharp could not decode the PNG");
    }

    private static float[,] Filled(int rows, int columns, float value)
    {
        var m = new float[rows, columns];
        for (var r = 0; r < rows; r++) for (var c = 0; c < columns; c++) m[r, c] = value;
        return m;
    }

    /// <summary>The pixel at the middle of the image's width and <paramref name="heightFraction"/> of its height.</summary>
    private static SKColor ColumnScan(SKBitmap bitmap, double heightFraction) => bitmap.GetPixel(bitmap.Width * 2 / 5, (int)(bitmap.Height * heightFraction));

    /// <summary>Bright pixels in a 5 % square around (<paramref name="x"/>, <paramref name="y"/>) as fractions of the size.</summary>
    private static int CountBright(SKBitmap bitmap, double x, double y)
    {
        int cx = (int)(bitmap.Width * x), cy = (int)(bitmap.Height * y), hw = bitmap.Width / 40, hh = bitmap.Height / 40, count = 0;
        for (var px = cx - hw; px <= cx + hw; px++)
            for (var py = cy - hh; py <= cy + hh; py++)
                if (IsBright(bitmap.GetPixel(px, py))) count++;
        return count;
    }
}
