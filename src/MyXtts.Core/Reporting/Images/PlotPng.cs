using ScottPlot;
using SkiaSharp;

namespace MyXtts.Core.Reporting.Images;

/// <summary>
/// Renders ScottPlot plots to PNG bytes, one plot or several stacked vertically. SkiaSharp draws in memory (no display,
/// no files); its Linux native library is the NoDependencies build, so no fontconfig or freetype package is needed.
/// Text uses the first common sans-serif family installed; on a machine without any font the plots render without labels.
/// </summary>
internal static class PlotPng
{
    private static readonly Lazy<string> SansFamily = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans" }.FirstOrDefault(f => SKFontManager.Default.FontFamilies.Contains(f)) ?? Fonts.Default);

    /// <summary>One plot as a <paramref name="width"/> × <paramref name="height"/> PNG.</summary>
    public static byte[] Render(Plot plot, int width, int height) => Render([plot], width, height);

    /// <summary>Plots stacked top to bottom, each <paramref name="width"/> × <paramref name="panelHeight"/>, as one PNG.</summary>
    public static byte[] Render(IReadOnlyList<Plot> plots, int width, int panelHeight)
    {
        if (plots.Count == 0) throw new ArgumentException("Nothing to render: no plots were given.", nameof(plots));
        using var surface = Surface(width, panelHeight * plots.Count);
        for (var i = 0; i < plots.Count; i++)
        {
            // Each plot gets its own surface: Plot.Render clears the whole canvas it is given.
            using var panel = Surface(width, panelHeight);
            plots[i].Font.Set(SansFamily.Value);
            plots[i].Render(panel.Canvas, new PixelRect(0, width, panelHeight, 0));
            using var snapshot = panel.Snapshot();
            surface.Canvas.DrawImage(snapshot, 0, panelHeight * i);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKSurface Surface(int width, int height) =>
        SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
        ?? throw new InvalidOperationException($"SkiaSharp could not create a {width}x{height} drawing surface.");
}
