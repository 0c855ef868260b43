using System.Globalization;
using System.Text.RegularExpressions;

namespace MyXtts.Core.IO;

/// <summary>Parses and formats the Python-literal dict header of a <c>.npy</c> file.</summary>
internal static partial class NpyHeader
{
    public static (NpyDType DType, long[] Shape) Parse(string header, string path)
    {
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new NpyFormatException($"{path}: the .npy header is not a dict with 'descr', 'fortran_order' and 'shape': {header.Trim()}");
        if (fortran.Groups[1].Value == "True")
            throw new NpyFormatException(
                $"{path}: Fortran-order arrays are not supported; save it in C order (numpy.ascontiguousarray before numpy.save).");
        var dtype = NpyDTypes.FromDescr(descr.Groups[1].Value) ?? throw new NpyFormatException(
            $"{path}: dtype '{descr.Groups[1].Value}' is not supported; supported: {NpyDTypes.Supported}. Convert with arr.astype('<f4').");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d.TrimEnd('L'), CultureInfo.InvariantCulture)).ToArray();
        return (dtype, dims);
    }

    public static string Format(NpyDType dtype, long[] shape)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        return $"{{'descr': '{NpyDTypes.ToDescr(dtype)}', 'fortran_order': False, 'shape': ({dims}), }}";
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
