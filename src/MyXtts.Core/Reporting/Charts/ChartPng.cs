using ScottPlot;
using SkiaSharp;

namespace MyXtts.Core.Reporting.Charts;

/// <summary>
/// Draws a ScottPlot plot into an in-memory SkiaSharp surface and encodes it as PNG (no display, no files). The Linux
/// native library is SkiaSharp's NoDependencies build, which does not consult fontconfig, so the plot is told a font
/// family that is installed (DejaVu Sans on Debian); without any font the chart still renders, without labels.
/// </summary>
public static class ChartPng
{
    private static readonly Lazy<string> Family = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" }
            .FirstOrDefault(f => SKFontManager.Default.FontFamilies.Contains(f)) ?? Fonts.Default);

    /// <summary><paramref name="plot"/> as a <paramref name="width"/> × <paramref name="height"/> PNG.</summary>
    public static byte[] Render(Plot plot, int width, int height)
    {
        plot.Font.Set(Family.Value);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
                            ?? throw new InvalidOperationException($"SkiaSharp could not create a {width}x{height} drawing surface.");
        plot.Render(surface.Canvas, new PixelRect(0, width, height, 0));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
