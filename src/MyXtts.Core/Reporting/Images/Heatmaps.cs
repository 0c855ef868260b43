using ScottPlot;

namespace MyXtts.Core.Reporting.Images;

/// <summary>The heatmap plot shared by the mel and alignment images.</summary>
internal static class Heatmaps
{
    /// <summary>Image width for <paramref name="columns"/> columns: about 2 pixels per frame, between 480 and 1600.</summary>
    public static int Width(int columns) => Math.Clamp(160 + 2 * columns, 480, 1600);

    /// <summary>Min and max over the finite values of every matrix (0..1 when there is none).</summary>
    public static ScottPlot.Range JointRange(IEnumerable<float[,]> matrices)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var m in matrices)
            foreach (var v in m)
                if (float.IsFinite(v)) (min, max) = (Math.Min(min, v), Math.Max(max, v));
        if (!double.IsFinite(min)) return new ScottPlot.Range(0, 1);
        return min == max ? new ScottPlot.Range(min - 0.5, max + 0.5) : new ScottPlot.Range(min, max);
    }

    /// <summary>
    /// <paramref name="matrix"/> [rows, columns] with row 0 at the bottom and column 0 at the left, on a fixed colour
    /// <paramref name="range"/>, with an x axis of <paramref name="xLimit"/> columns (so stacked panels line up).
    /// </summary>
    public static Plot Plot(float[,] matrix, string title, string xLabel, string yLabel, ScottPlot.Range range, IColormap colormap, int xLimit)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var intensities = new double[rows, columns];
        for (var r = 0; r < rows; r++)                       // ScottPlot draws row 0 at the top: flip so that bin/token 0 is at the bottom
            for (var c = 0; c < columns; c++)
                intensities[rows - 1 - r, c] = matrix[r, c];
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = range;
        heatmap.Extent = new CoordinateRect(0, Math.Max(1, columns), 0, Math.Max(1, rows));
        plot.Add.ColorBar(heatmap);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.SetLimits(0, Math.Max(1, xLimit), 0, Math.Max(1, rows));
        return plot;
    }
}
