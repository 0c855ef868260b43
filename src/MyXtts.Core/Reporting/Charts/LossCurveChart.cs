using ScottPlot;

namespace MyXtts.Core.Reporting.Charts;

/// <summary>One curve of a chart: a legend name and its points (x ascending, e.g. optimizer step → value).</summary>
public sealed record Curve(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>Training curves (loss terms, learning rate, metrics over steps) as PNG line charts.</summary>
public static class LossCurveChart
{
    /// <summary>
    /// The curves on one pair of axes, a legend when there is more than one; non-finite points are dropped (a NaN loss
    /// logged as text must not blank the chart). Throws when a curve has unequal x and y counts.
    /// </summary>
    public static byte[] Png(IReadOnlyList<Curve> curves, string title, string yLabel, string xLabel = "step", int width = 900, int height = 360)
    {
        var plot = new Plot();
        foreach (var curve in curves)
        {
            if (curve.X.Count != curve.Y.Count)
                throw new ArgumentException($"Curve '{curve.Name}' has {curve.X.Count} x values and {curve.Y.Count} y values; give one y per x.", nameof(curves));
            var points = curve.X.Zip(curve.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
            if (points.Length == 0) continue;
            var line = plot.Add.ScatterLine(points.Select(p => p.First).ToArray(), points.Select(p => p.Second).ToArray());
            line.LegendText = curve.Name;
            line.LineWidth = 1.5f;
            line.MarkerSize = points.Length == 1 ? 6 : 0;
        }
        if (curves.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return ChartPng.Render(plot, width, height);
    }
}
