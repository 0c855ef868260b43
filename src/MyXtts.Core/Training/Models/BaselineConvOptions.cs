using System.ComponentModel.DataAnnotations;

namespace MyXtts.Core.Training.Models;

/// <summary>Sizes of <see cref="BaselineConvModel"/>.</summary>
public sealed record BaselineConvOptions
{
    /// <summary>Token vocabulary size (the tokenizer's symbol count).</summary>
    [Range(4, 1_000_000)] public int VocabSize { get; init; } = 64;
    /// <summary>Mel bands predicted.</summary>
    [Range(1, 512)] public int NMels { get; init; } = 80;
    /// <summary>Width of every hidden layer.</summary>
    [Range(4, 4096)] public int Channels { get; init; } = 128;
    /// <summary>Convolution layers in the encoder and again in the decoder.</summary>
    [Range(1, 32)] public int Layers { get; init; } = 3;
    /// <summary>Odd convolution kernel width.</summary>
    [Range(1, 31)] public int KernelSize { get; init; } = 5;
    /// <summary>Dropout after each hidden convolution.</summary>
    [Range(0.0, 0.9)] public double Dropout { get; init; } = 0.1;
}
