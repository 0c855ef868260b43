"""Reference side of EmbedBench: the speaker encoders' forward passes in Python torch, re-implemented minimally
from their reference code (SpeechBrain ECAPA_TDNN + Fbank + InputNormalization; Resemblyzer VoiceEncoder +
embed_utterance; Coqui ResNetSpeakerEncoder / LSTMSpeakerEncoder + compute_embedding), loading the same checkpoints
with load_state_dict(strict=True) so the structure is checked. Front-end filterbanks come from the parity fixtures.

Usage:
  embed_bench.py time ENCODER CHECKPOINT CLIPS.npy THREADS REPEATS OUT.npy FIXTURES_DIR   -> prints "seconds <best>"
  embed_bench.py make-ecapa-published OUT.ckpt                                             -> published-size random ECAPA
ENCODER: ecapa_tdnn | resemblyzer | coqui_resnet | coqui_lstm. CLIPS.npy: float32 [N, T] at 16 kHz, equal lengths.
"""
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------- SpeechBrain ECAPA-TDNN (lobes/models/ECAPA_TDNN.py)
class SbConv1d(nn.Module):
    """speechbrain.nnet.CNN.Conv1d with padding="same", reflect mode (field `conv`)."""
    def __init__(self, cin, cout, k, d=1):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, k, dilation=d)
        self.pad = d * (k - 1) // 2

    def forward(self, x):
        return self.conv(F.pad(x, (self.pad, self.pad), mode="reflect") if self.pad else x)


class SbBatchNorm1d(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.norm = nn.BatchNorm1d(n)

    def forward(self, x):
        return self.norm(x)


class TDNNBlock(nn.Module):
    def __init__(self, cin, cout, k, d):
        super().__init__()
        self.conv = SbConv1d(cin, cout, k, d)
        self.activation = nn.ReLU()
        self.norm = SbBatchNorm1d(cout)

    def forward(self, x):
        return self.norm(self.activation(self.conv(x)))


class Res2NetBlock(nn.Module):
    def __init__(self, cin, cout, scale, k, d):
        super().__init__()
        self.scale = scale
        self.blocks = nn.ModuleList([TDNNBlock(cin // scale, cout // scale, k, d) for _ in range(scale - 1)])

    def forward(self, x):
        y, y_i = [], None
        for i, x_i in enumerate(torch.chunk(x, self.scale, dim=1)):
            y_i = x_i if i == 0 else self.blocks[i - 1](x_i if i == 1 else x_i + y_i)
            y.append(y_i)
        return torch.cat(y, dim=1)


def length_to_mask(length, max_len):
    return torch.arange(max_len, dtype=length.dtype).expand(len(length), max_len) < length.unsqueeze(1)


class SEBlock(nn.Module):
    def __init__(self, cin, se, cout):
        super().__init__()
        self.conv1 = SbConv1d(cin, se, 1)
        self.relu = nn.ReLU()
        self.conv2 = SbConv1d(se, cout, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x, lengths):
        L = x.shape[-1]
        mask = length_to_mask(lengths * L, L).unsqueeze(1).float()
        s = (x * mask).sum(dim=2, keepdim=True) / mask.sum(dim=2, keepdim=True)
        return self.sigmoid(self.conv2(self.relu(self.conv1(s)))) * x


class SERes2NetBlock(nn.Module):
    def __init__(self, cin, cout, scale, se, k, d):
        super().__init__()
        self.tdnn1 = TDNNBlock(cin, cout, 1, 1)
        self.res2net_block = Res2NetBlock(cout, cout, scale, k, d)
        self.tdnn2 = TDNNBlock(cout, cout, 1, 1)
        self.se_block = SEBlock(cout, se, cout)

    def forward(self, x, lengths):
        return self.se_block(self.tdnn2(self.res2net_block(self.tdnn1(x))), lengths) + x


def _statistics(x, m, eps=1e-12):
    mean = (m * x).sum(2)
    std = torch.sqrt((m * (x - mean.unsqueeze(2)).pow(2)).sum(2).clamp(eps))
    return mean, std


class AttentiveStatisticsPooling(nn.Module):
    def __init__(self, channels, attention):
        super().__init__()
        self.tdnn = TDNNBlock(channels * 3, attention, 1, 1)
        self.tanh = nn.Tanh()
        self.conv = SbConv1d(attention, channels, 1)

    def forward(self, x, lengths):
        L = x.shape[-1]
        mask = length_to_mask(lengths * L, L).unsqueeze(1)
        total = mask.sum(dim=2, keepdim=True).float()
        mean, std = _statistics(x, mask / total)
        attn = torch.cat([x, mean.unsqueeze(2).repeat(1, 1, L), std.unsqueeze(2).repeat(1, 1, L)], dim=1)
        attn = self.conv(self.tanh(self.tdnn(attn))).masked_fill(mask == 0, float("-inf"))
        mean, std = _statistics(x, F.softmax(attn, dim=2))
        return torch.cat((mean, std), dim=1).unsqueeze(2)


class EcapaTdnn(nn.Module):
    def __init__(self, channels=(1024, 1024, 1024, 1024, 3072), attention=128, lin=192, scale=8, se=128):
        super().__init__()
        ks, ds = (5, 3, 3, 3, 1), (1, 2, 3, 4, 1)
        self.blocks = nn.ModuleList([TDNNBlock(80, channels[0], ks[0], ds[0])] + [
            SERes2NetBlock(channels[i - 1], channels[i], scale, se, ks[i], ds[i]) for i in range(1, 4)])
        self.mfa = TDNNBlock(channels[1] * 3, channels[4], ks[4], ds[4])
        self.asp = AttentiveStatisticsPooling(channels[4], attention)
        self.asp_bn = SbBatchNorm1d(channels[4] * 2)
        self.fc = SbConv1d(channels[4] * 2, lin, 1)

    def forward(self, feats, lengths):
        x, xl = feats.transpose(1, 2), []
        for i, block in enumerate(self.blocks):
            x = block(x) if i == 0 else block(x, lengths)
            xl.append(x)
        x = self.mfa(torch.cat(xl[1:], dim=1))
        return self.fc(self.asp_bn(self.asp(x, lengths))).transpose(1, 2)


def ecapa_from_state_dict(sd):
    c = [sd[f"blocks.{i}.conv.conv.weight" if i == 0 else f"blocks.{i}.tdnn1.conv.conv.weight"].shape[0] for i in range(4)]
    c.append(sd["mfa.conv.conv.weight"].shape[0])
    model = EcapaTdnn(tuple(c), sd["asp.tdnn.conv.conv.weight"].shape[0], sd["fc.conv.weight"].shape[0],
                      se=sd["blocks.1.se_block.conv1.conv.weight"].shape[0])
    model.load_state_dict(sd, strict=True)
    return model.eval()


class EcapaPipeline:
    """EncoderClassifier.encode_batch(wavs, wav_lens, normalize=False): Fbank -> sentence mean norm -> ECAPA."""
    def __init__(self, checkpoint, fixtures):
        self.model = ecapa_from_state_dict(torch.load(checkpoint, map_location="cpu"))
        self.fbank = torch.from_numpy(np.load(os.path.join(fixtures, "ecapa_tdnn", "fbank_matrix.npy")))   # [201, 80]
        self.window = torch.hamming_window(400)

    def __call__(self, wavs):
        lens = torch.ones(wavs.shape[0])
        spec = torch.stft(wavs, 400, 160, 400, self.window, center=True, pad_mode="constant", return_complex=True)
        power = spec.abs().pow(2).transpose(1, 2)                                   # [B, T, 201]
        db = 10 * torch.log10(torch.clamp(power @ self.fbank, min=1e-10))
        db = torch.max(db, (db.amax(dim=(-2, -1)) - 80).view(-1, 1, 1))
        feats = db - db.mean(dim=1, keepdim=True)                                   # full-length clips: lens = 1
        return self.model(feats, lens).squeeze(1)


# ---------------------------------------------------------------- Resemblyzer (voice_encoder.py, audio.py)
class VoiceEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(40, 256, 3, batch_first=True)
        self.linear = nn.Linear(256, 256)
        self.relu = nn.ReLU()

    def forward(self, mels):
        _, (hidden, _) = self.lstm(mels)
        e = self.relu(self.linear(hidden[-1]))
        return e / torch.norm(e, dim=1, keepdim=True)


class ResemblyzerPipeline:
    def __init__(self, checkpoint, fixtures):
        self.model = VoiceEncoder()
        state = {k: v for k, v in torch.load(checkpoint, map_location="cpu")["model_state"].items() if not k.startswith("similarity_")}
        self.model.load_state_dict(state, strict=True)
        self.model.eval()
        self.basis = torch.from_numpy(np.load(os.path.join(fixtures, "resemblyzer", "mel_basis.npy")))   # [40, 201]
        self.window = torch.hann_window(400)

    def mel(self, wav):
        spec = torch.stft(wav, 400, 160, 400, self.window, center=True, pad_mode="constant", return_complex=True)
        return (self.basis @ spec.abs().pow(2)).T                                   # [frames, 40]

    def utterance(self, wav):
        dbfs = 10 * math.log10(float((wav ** 2).mean()))
        if -30 - dbfs > 0:
            wav = wav * 10 ** ((-30 - dbfs) / 20)                                   # normalize_volume, increase only
        n = wav.shape[0]
        n_frames = int(np.ceil((n + 1) / 160))
        step = max(int(np.round((16000 / 1.3) / 160)), 1)
        starts = list(range(0, max(1, n_frames - 160 + step + 1), step))
        slices = [(s, s + 160) for s in starts]
        last = slices[-1]
        if (n - last[0] * 160) / ((last[1] - last[0]) * 160) < 0.75 and len(slices) > 1:
            slices = slices[:-1]
        if slices[-1][1] * 160 >= n:
            wav = F.pad(wav, (0, slices[-1][1] * 160 - n))
        mel = self.mel(wav)
        partials = self.model(torch.stack([mel[a:b] for a, b in slices]))
        e = partials.mean(0)
        return e / torch.norm(e)

    def __call__(self, wavs):
        return torch.stack([self.utterance(w) for w in wavs])


# ---------------------------------------------------------------- Coqui TTS encoders (TTS/encoder/models/*.py)
class SELayer(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(c, r), nn.ReLU(inplace=True), nn.Linear(r, c), nn.Sigmoid())

    def forward(self, x):
        return x * self.fc(x.mean((2, 3))).unsqueeze(-1).unsqueeze(-1)


class SEBasicBlock(nn.Module):
    def __init__(self, cin, c, stride, r):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, c, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=True)
        self.se = SELayer(c, r)
        self.downsample = None if stride == 1 and cin == c else nn.Sequential(nn.Conv2d(cin, c, 1, stride=stride, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        out = self.se(self.bn2(self.conv2(self.bn1(self.relu(self.conv1(x))))))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


class PreEmphasis(nn.Module):
    def __init__(self, coefficient=0.97):
        super().__init__()
        self.register_buffer("filter", torch.FloatTensor([-coefficient, 1.0]).unsqueeze(0).unsqueeze(0))

    def forward(self, x):
        return F.conv1d(F.pad(x.unsqueeze(1), (1, 0), "reflect"), self.filter).squeeze(1)


class TorchMel(nn.Module):
    """torchaudio.transforms.MelSpectrogram's two buffers and maths (Spectrogram power 2 + MelScale)."""
    def __init__(self, n_fft, win, hop, n_mels):
        super().__init__()
        self.spectrogram, self.mel_scale = nn.Module(), nn.Module()
        self.spectrogram.register_buffer("window", torch.zeros(win))
        self.mel_scale.register_buffer("fb", torch.zeros(n_fft // 2 + 1, n_mels))
        self.n_fft, self.win, self.hop = n_fft, win, hop

    def forward(self, x):
        spec = torch.stft(x, self.n_fft, self.hop, self.win, self.spectrogram.window, center=True, pad_mode="reflect",
                          return_complex=True).abs().pow(2)
        return torch.matmul(spec.transpose(-1, -2), self.mel_scale.fb).transpose(-1, -2)


class ResNetSpeakerEncoder(nn.Module):
    def __init__(self, filters, layers, input_dim, proj_dim, se_reduced, audio):
        super().__init__()
        self.conv1 = nn.Conv2d(1, filters[0], 3, padding=1)
        self.relu = nn.ReLU(inplace=True)
        self.bn1 = nn.BatchNorm2d(filters[0])
        cin = filters[0]
        for i, stride in enumerate((1, 2, 2, 2)):
            blocks = []
            for b in range(layers[i]):
                blocks.append(SEBasicBlock(cin, filters[i], stride if b == 0 else 1, se_reduced[i]))
                cin = filters[i]
            setattr(self, f"layer{i + 1}", nn.Sequential(*blocks))
        self.instancenorm = nn.InstanceNorm1d(input_dim)
        self.torch_spec = nn.Sequential(PreEmphasis(audio["preemphasis"]),
                                        TorchMel(audio["fft_size"], audio["win_length"], audio["hop_length"], audio["num_mels"]))
        out = filters[3] * (input_dim // 8)
        self.attention = nn.Sequential(nn.Conv1d(out, 128, 1), nn.ReLU(), nn.BatchNorm1d(128), nn.Conv1d(128, out, 1), nn.Softmax(dim=2))
        self.fc = nn.Linear(out * 2, proj_dim)

    def forward(self, x):
        x = self.instancenorm((self.torch_spec(x) + 1e-6).log()).unsqueeze(1)
        x = self.bn1(self.relu(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = x.reshape(x.size(0), -1, x.size(-1))
        w = self.attention(x)
        mu = torch.sum(x * w, dim=2)
        sg = torch.sqrt((torch.sum((x ** 2) * w, dim=2) - mu ** 2).clamp(min=1e-5))
        return F.normalize(self.fc(torch.cat((mu, sg), 1)), p=2, dim=1)


class LSTMWithProjection(nn.Module):
    def __init__(self, cin, hidden, proj):
        super().__init__()
        self.lstm = nn.LSTM(cin, hidden, batch_first=True)
        self.linear = nn.Linear(hidden, proj, bias=False)

    def forward(self, x):
        self.lstm.flatten_parameters()
        return self.linear(self.lstm(x)[0])


class LSTMSpeakerEncoder(nn.Module):
    def __init__(self, input_dim, proj_dim, lstm_dim, num_layers):
        super().__init__()
        self.layers = nn.Sequential(*[LSTMWithProjection(input_dim if i == 0 else proj_dim, lstm_dim, proj_dim) for i in range(num_layers)])
        self.instancenorm = nn.InstanceNorm1d(input_dim)

    def forward(self, mel):                                                          # mel [B, 80, T]
        d = self.layers(self.instancenorm(mel).transpose(1, 2))
        return F.normalize(d[:, -1], p=2, dim=1)


class CoquiPipeline:
    """SpeakerManager.compute_embedding_from_clip: load_wav level normalisation, then compute_embedding(num_eval=10)."""
    def __init__(self, checkpoint):
        ck = torch.load(checkpoint, map_location="cpu")
        self.audio, params, sd = ck["config"]["audio"], ck["config"]["model_params"], ck["model"]
        if params["model_name"] == "resnet":
            filters = [sd[f"layer{i}.0.conv1.weight"].shape[0] for i in range(1, 5)]
            layers = [len({k.split(".")[1] for k in sd if k.startswith(f"layer{i}.")}) for i in range(1, 5)]
            se = [sd[f"layer{i}.0.se.fc.0.weight"].shape[0] for i in range(1, 5)]
            self.model = ResNetSpeakerEncoder(filters, layers, params["input_dim"], params["proj_dim"], se, self.audio)
            self.waveform = True
        else:
            self.model = LSTMSpeakerEncoder(params["input_dim"], params["proj_dim"], params["lstm_dim"], params["num_lstm_layers"])
            self.waveform = False
            self.mel_fb = torch.from_numpy(slaney_mel(self.audio)).float()           # AudioProcessor's librosa mel basis
            self.window = torch.hann_window(self.audio["win_length"])
        self.model.load_state_dict(sd, strict=True)
        self.model.eval()

    def ap_mel(self, wav):
        """AudioProcessor.melspectrogram: preemphasis, |STFT|, mel, 20*log10(max(1e-8, x)) (signal_norm off)."""
        a = self.audio
        y = torch.cat([wav[:1], wav[1:] - a["preemphasis"] * wav[:-1]])
        spec = torch.stft(y, a["fft_size"], a["hop_length"], a["win_length"], self.window, center=True, pad_mode="reflect",
                          return_complex=True).abs()
        return a["spec_gain"] * torch.log10(torch.clamp(self.mel_fb @ spec, min=1e-8))

    def clip(self, wav):
        if self.audio.get("do_rms_norm"):
            r = 10 ** (self.audio["db_level"] / 20)
            wav = wav * torch.sqrt(wav.shape[0] * r ** 2 / (wav ** 2).sum())
        if not self.waveform:
            return self.model(self.ap_mel(wav).unsqueeze(0))[0]                       # the windows slice the mel axis: whole input
        num = min(250 * self.audio["hop_length"], wav.shape[0])
        offsets = np.linspace(0, wav.shape[0] - num, num=10)
        batch = torch.stack([wav[int(o):int(o) + num] for o in offsets])
        return self.model(batch).mean(0)

    def __call__(self, wavs):
        return torch.stack([self.clip(w) for w in wavs])


def slaney_mel(a):
    """librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax), Slaney scale and norm."""
    sr, n_fft, n_mels, fmin, fmax = a["sample_rate"], a["fft_size"], a["num_mels"], a["mel_fmin"], a["mel_fmax"]
    def hz_to_mel(f):
        f = np.asanyarray(f, dtype=np.float64)
        mels = f / (200.0 / 3)
        log_t = f >= 1000.0
        return np.where(log_t, 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / (np.log(6.4) / 27.0), mels)
    def mel_to_hz(m):
        m = np.asanyarray(m, dtype=np.float64)
        f = m * (200.0 / 3)
        return np.where(m >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)), f)
    fft_f = np.linspace(0, sr / 2, 1 + n_fft // 2)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels + 2))
    fdiff, ramps = np.diff(mel_f), np.subtract.outer(mel_f, fft_f)
    weights = np.maximum(0, np.minimum(-ramps[:-2] / fdiff[:-1, None], ramps[2:] / fdiff[1:, None]))
    return weights * (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, None]


def pipeline(encoder, checkpoint, fixtures):
    if encoder == "ecapa_tdnn":
        return EcapaPipeline(checkpoint, fixtures)
    if encoder == "resemblyzer":
        return ResemblyzerPipeline(checkpoint, fixtures)
    return CoquiPipeline(checkpoint)


def main(argv):
    if argv[0] == "make-ecapa-published":
        torch.manual_seed(7)
        model = EcapaTdnn()
        for m in model.modules():
            if isinstance(m, nn.BatchNorm1d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
        torch.save(model.state_dict(), argv[1])
        print("parameters", sum(p.numel() for p in model.parameters()))
        return
    _, encoder, checkpoint, clips_path, threads, repeats, out_path, fixtures = argv
    torch.set_num_threads(int(threads))
    wavs = torch.from_numpy(np.load(clips_path))
    run = pipeline(encoder, checkpoint, fixtures)
    with torch.no_grad():
        embeddings = run(wavs)                                                       # warm-up, and the result to compare
        best = float("inf")
        for _ in range(int(repeats)):
            start = time.perf_counter()
            run(wavs)
            best = min(best, time.perf_counter() - start)
    np.save(out_path, embeddings.numpy().astype(np.float32))
    print(f"seconds {best:.6f}")


if __name__ == "__main__":
    main(sys.argv[1:])
