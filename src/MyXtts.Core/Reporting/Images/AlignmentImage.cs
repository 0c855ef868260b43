namespace MyXtts.Core.Reporting.Images;

/// <summary>
/// A text-to-speech alignment <c>[tokens, decoder steps]</c> as a PNG heatmap: decoder steps left to right, token 0 at the
/// bottom, so a good alignment is a rising staircase from the lower left to the upper right.
/// </summary>
public static class AlignmentImage
{
    private const int Height = 360;

    /// <summary>The alignment (hard 0/1 path or soft attention weights) as a PNG.</summary>
    public static byte[] Png(float[,] alignment, string title = "alignment")
    {
        var steps = alignment.GetLength(1);
        var plot = Heatmaps.Plot(alignment, title, "decoder step", "token", Heatmaps.JointRange([alignment]), new ScottPlot.Colormaps.Viridis(), steps);
        return PlotPng.Render(plot, Heatmaps.Width(steps), Height);
    }
}
