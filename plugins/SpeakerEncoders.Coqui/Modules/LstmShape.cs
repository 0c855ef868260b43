namespace MyXtts.Plugins.SpeakerEncoders.Coqui.Modules;

/// <summary>The sizes of an <c>LSTMSpeakerEncoder</c>, read from checkpoint shapes.</summary>
/// <param name="InputDim">Feature channels (<c>input_dim</c>, 80).</param>
/// <param name="LstmDim">LSTM hidden size (<c>lstm_dim</c>, 768 published).</param>
/// <param name="ProjDim">Embedding size (<c>proj_dim</c>, 256).</param>
/// <param name="Layers">LSTM layers (<c>num_lstm_layers</c>, 3).</param>
/// <param name="WithProjection"><c>use_lstm_with_projection</c>: a projected LSTM per layer (keys <c>layers.N.*</c>) or one stacked LSTM (<c>layers.lstm.*</c>).</param>
internal sealed record LstmShape(int InputDim, int LstmDim, int ProjDim, int Layers, bool WithProjection);
