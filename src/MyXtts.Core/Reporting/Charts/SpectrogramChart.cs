using ScottPlot;

namespace MyXtts.Core.Reporting.Charts;

/// <summary>
/// Matrices over time as PNG heatmaps: log-mels (<c>[bins, frames]</c>) and alignments (<c>[tokens, decoder steps]</c>),
/// row 0 at the bottom and time left to right, so a good alignment rises from the lower left to the upper right.
/// </summary>
public static class SpectrogramChart
{
    /// <summary>Min and max over the finite values of the matrices (0..1 when none), for one colour scale across images.</summary>
    public static (double Min, double Max) Range(params float[][,] matrices)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var m in matrices)
            foreach (var v in m)
                if (float.IsFinite(v)) (min, max) = (Math.Min(min, v), Math.Max(max, v));
        if (!double.IsFinite(min)) return (0, 1);
        return min == max ? (min - 0.5, max + 0.5) : (min, max);
    }

    /// <summary>
    /// <paramref name="matrix"/> [rows, columns] on the colour <paramref name="range"/>, with an x axis of at least
    /// <paramref name="columnsShown"/> columns so that images of different lengths share a time scale.
    /// </summary>
    public static byte[] Png(float[,] matrix, string title, string xLabel, string yLabel, (double Min, double Max) range, int? columnsShown = null, int height = 260)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var flipped = new double[Math.Max(1, rows), Math.Max(1, columns)];
        for (var r = 0; r < rows; r++)                   // ScottPlot's row 0 is the top row: flip so row 0 is at the bottom
            for (var c = 0; c < columns; c++)
                flipped[rows - 1 - r, c] = matrix[r, c];
        var shown = Math.Max(1, Math.Max(columns, columnsShown ?? 0));
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(flipped);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(range.Min, range.Max);
        heatmap.Extent = new CoordinateRect(0, Math.Max(1, columns), 0, Math.Max(1, rows));
        plot.Add.ColorBar(heatmap);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.SetLimits(0, shown, 0, Math.Max(1, rows));
        return ChartPng.Render(plot, Math.Clamp(160 + 2 * shown, 480, 1400), height);
    }

    /// <summary>A row-major <c>[rows × columns]</c> array as a matrix.</summary>
    public static float[,] Matrix(float[] rowMajor, int rows, int columns)
    {
        if (rowMajor.Length != rows * columns)
            throw new ArgumentException($"{rowMajor.Length} values do not fill a {rows} × {columns} matrix.", nameof(rowMajor));
        var matrix = new float[rows, columns];
        Buffer.BlockCopy(rowMajor, 0, matrix, 0, rowMajor.Length * sizeof(float));
        return matrix;
    }
}
