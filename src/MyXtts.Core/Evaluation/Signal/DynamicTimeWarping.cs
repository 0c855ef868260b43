namespace MyXtts.Core.Evaluation.Signal;

/// <summary>
/// Dynamic time warping of two frame sequences with the symmetric steps (1,0), (0,1), (1,1), each adding the local
/// distance once; the path runs from (0, 0) to (n−1, m−1). On equal cost the diagonal step is preferred.
/// </summary>
public static class DynamicTimeWarping
{
    /// <summary>The aligned frame pairs, in order, and the summed local distance along them.</summary>
    public static (IReadOnlyList<(int A, int B)> Path, double Cost) Align(float[][] a, float[][] b, Func<float[], float[], double> distance)
    {
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0) throw new ArgumentException("Both sequences need at least one frame to be aligned.");
        var cost = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double best = i == 0 && j == 0 ? 0
                    : Math.Min(i > 0 && j > 0 ? cost[i - 1, j - 1] : double.PositiveInfinity,
                        Math.Min(i > 0 ? cost[i - 1, j] : double.PositiveInfinity, j > 0 ? cost[i, j - 1] : double.PositiveInfinity));
                cost[i, j] = best + distance(a[i], b[j]);
            }
        return (Backtrack(cost), cost[n - 1, m - 1]);
    }

    private static List<(int, int)> Backtrack(double[,] cost)
    {
        int i = cost.GetLength(0) - 1, j = cost.GetLength(1) - 1;
        var path = new List<(int, int)> { (i, j) };
        while (i > 0 || j > 0)
        {
            if (i == 0) j--;
            else if (j == 0) i--;
            else
            {
                double diagonal = cost[i - 1, j - 1], up = cost[i - 1, j], left = cost[i, j - 1];
                if (diagonal <= up && diagonal <= left) { i--; j--; }
                else if (up <= left) i--;
                else j--;
            }
            path.Add((i, j));
        }
        path.Reverse();
        return path;
    }
}
