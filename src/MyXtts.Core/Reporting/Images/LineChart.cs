using ScottPlot;

namespace MyXtts.Core.Reporting.Images;

/// <summary>One line of a chart: a legend name and its points (x ascending, e.g. step → loss).</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>Line charts (loss curves, learning rate) as PNG, with a legend when there is more than one series.</summary>
public static class LineChart
{
    /// <summary>
    /// The series on one pair of axes as a <paramref name="width"/> × <paramref name="height"/> PNG. Non-finite points are
    /// dropped (a NaN loss logged as text must not blank the chart); a series of one point is drawn as a marker.
    /// </summary>
    public static byte[] Png(IReadOnlyList<LineSeries> series, string title = "", string xLabel = "step", string yLabel = "", int width = 800, int height = 400)
    {
        var plot = new Plot();
        foreach (var s in series)
        {
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values; give one y per x.", nameof(series));
            var points = s.X.Zip(s.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
            if (points.Length == 0) continue;
            var line = plot.Add.ScatterLine(points.Select(p => p.First).ToArray(), points.Select(p => p.Second).ToArray());
            line.LegendText = s.Name;
            line.LineWidth = 1.5f;
            line.MarkerSize = points.Length == 1 ? 6 : 0;
        }
        if (series.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return PlotPng.Render(plot, width, height);
    }
}
