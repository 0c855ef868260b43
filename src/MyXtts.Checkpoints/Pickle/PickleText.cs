using System.Numerics;
using TorchSharp;

namespace MyXtts.Checkpoints.Pickle;

/// <summary>Short human-readable descriptions of unpickled values, for error messages.</summary>
public static class PickleText
{
    /// <summary>A Python-like rendering: <c>'text'</c>, <c>3</c>, <c>dict(2 keys)</c>, <c>tensor float32 [64, 80]</c>.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => $"'{s}'",
        long or BigInteger or double => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        byte[] bytes => $"bytes({bytes.Length})",
        torch.Tensor t => $"tensor {t.dtype} [{string.Join(", ", t.shape)}]",
        PickleDict d => $"dict({d.Count} keys)",
        PickleTuple t => t.ToString(),
        List<object?> l => $"list({l.Count} items)",
        _ => value.GetType().Name,
    };

    /// <summary>Python's type name of an unpickled value (for "expected a dict, found a list").</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        string => "str",
        long or BigInteger => "int",
        double => "float",
        byte[] => "bytes",
        torch.Tensor => "tensor",
        PickleDict => "dict",
        PickleTuple => "tuple",
        List<object?> => "list",
        HashSet<object?> => "set",
        _ => value.GetType().Name,
    };
}
