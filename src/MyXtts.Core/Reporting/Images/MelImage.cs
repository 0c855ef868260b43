using ScottPlot;

namespace MyXtts.Core.Reporting.Images;

/// <summary>One panel of a mel image: a title and a log-mel <c>[n_mels, frames]</c>.</summary>
public sealed record MelPanel(string Title, float[,] Mel);

/// <summary>
/// Log-mel spectrograms as PNG heatmaps: frequency bin 0 at the bottom, frames left to right, one colour scale shared
/// by every panel so that predicted and target mels compare by eye.
/// </summary>
public static class MelImage
{
    private const int PanelHeight = 260;

    /// <summary>One log-mel <c>[n_mels, frames]</c> as a PNG.</summary>
    public static byte[] Png(float[,] mel, string title = "mel") => Png([new MelPanel(title, mel)]);

    /// <summary>Panels stacked top to bottom (e.g. predicted over target), all on the colour range of their joint min and max.</summary>
    public static byte[] Png(IReadOnlyList<MelPanel> panels)
    {
        if (panels.Count == 0) throw new ArgumentException("A mel image needs at least one panel.", nameof(panels));
        var range = Heatmaps.JointRange(panels.Select(p => p.Mel));
        var longest = panels.Max(p => p.Mel.GetLength(1));
        var plots = panels.Select(p => Heatmaps.Plot(p.Mel, p.Title, "frame", "mel bin", range, new ScottPlot.Colormaps.Viridis(), longest)).ToArray();
        return PlotPng.Render(plots, Heatmaps.Width(longest), PanelHeight);
    }
}
