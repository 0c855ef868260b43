"""The tiny preset's non-autoregressive XTTS acoustic model (MyXtts.Core XttsAcousticModel) and its training step, written
again in PyTorch, module for module and with the same state-dict names, for a side-by-side step-time comparison.
StepBench (C#) writes a folder with config.json, weights.safetensors, batch.safetensors and expected.safetensors, then:
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 step_bench.py check DIR          parity: parameter counts per module, strict
      load of the C# weights, eval-mode outputs, loss terms and gradient norm; exits 1 on any mismatch
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 step_bench.py time DIR STEPS WARMUP   prints one JSON line of median ms
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 step_bench.py reference DIR STEPS WARMUP MODEL_DIR   the same, for the
      conv reference model (MODEL_DIR/model.py, the 2.6 M-parameter TTS of the feasibility study, trained as its train.py
      does: Adam, clip 1.0, three .item() reads per step) on the same batch: tokens folded into its 38 symbols,
      mels standardised and stacked r=2, references cut to its 128-frame crop
Written for Debian's python3-torch 1.13 (no scaled_dot_product_attention there: attention is written out, which is
what libtorch's SDPA computes on the CPU). Monotonic alignment search: numpy, vectorised over the batch and tokens,
one column of the dynamic programme at a time (the C# side runs the same recurrence as scalar loops)."""
import json, math, statistics, struct, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PHASES = ["forward.voice", "forward.text", "forward.mas", "forward.decoder", "losses",
          "backward.losses", "backward.decoder", "backward.text", "backward.voice", "optimizer"]


# ---------------------------------------------------------------- files

def read_safetensors(path):
    dtypes = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "BOOL": np.bool_, "U8": np.uint8}
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        a, b = e["data_offsets"]
        arr = np.frombuffer(data[8 + n + a:8 + n + b], dtype=dtypes[e["dtype"]]).reshape(e["shape"])
        out[name] = torch.from_numpy(arr.copy())
    return out


# ---------------------------------------------------------------- masks and small helpers (Layers/SequenceMasks etc.)

def valid(lengths, size):
    return torch.arange(size).unsqueeze(0) < lengths.unsqueeze(1)


def key_padding(lengths, size):
    return torch.arange(size).unsqueeze(0) >= lengths.unsqueeze(1)


def channel_mask(lengths, size):
    return valid(lengths, size).unsqueeze(1).float()


def sinusoid_table(length, dim):
    position = torch.arange(length, dtype=torch.float32).unsqueeze(1)
    frequency = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * (-math.log(10000.0) / dim))
    angles = position * frequency
    return torch.stack([angles.sin(), angles.cos()], 2).reshape(length, -1)[:, :dim]


def stack_frames(x, lengths, r):  # FrameStacking.Stack
    b, c, t = x.shape
    steps = (t + r - 1) // r
    index = torch.arange(steps * r).unsqueeze(0).minimum((lengths - 1).clamp_min(0).unsqueeze(1))
    padded = x.gather(2, index.unsqueeze(1).expand(b, c, -1))
    return padded.view(b, c, steps, r).permute(0, 3, 1, 2).reshape(b, r * c, steps)


def unstack_frames(y, r):  # FrameStacking.Unstack
    b, rc, steps = y.shape
    return y.view(b, r, rc // r, steps).permute(0, 2, 3, 1).reshape(b, rc // r, steps * r)


def position_features(path, durations):  # AlignmentPaths.PositionFeatures
    d = durations.float()
    start = d.cumsum(1) - d
    token = path.argmax(1)
    frame_start = start.gather(1, token)
    frame_duration = d.gather(1, token).clamp_min(1)
    position = torch.arange(path.shape[2], dtype=torch.float32).unsqueeze(0)
    return torch.stack([(position - frame_start) / frame_duration, frame_duration.log() / 3], 1)


# ---------------------------------------------------------------- alignment (Alignment/*)

_PRIOR_CACHE = {}


def beta_binomial_log(tokens, frames):  # cached per (L, T) as BetaBinomialPrior.Log
    key = (tokens, frames)
    if key not in _PRIOR_CACHE:
        n = tokens - 1
        k = torch.arange(tokens, dtype=torch.float64).unsqueeze(1)
        a = torch.arange(1, frames + 1, dtype=torch.float64).unsqueeze(0)
        b = frames + 1 - a
        lg = torch.lgamma
        log_choose = lg(torch.tensor(n + 1.0, dtype=torch.float64)) - lg(k + 1) - lg(n - k + 1)
        log_beta = lg(k + a) + lg(n - k + b) - lg(n + a + b)
        log_norm = lg(a) + lg(b) - lg(a + b)
        _PRIOR_CACHE[key] = (log_choose + log_beta - log_norm).float()
    return _PRIOR_CACHE[key]


def prior_batch(token_lengths, frame_lengths, max_tokens, max_frames):
    out = torch.zeros(len(token_lengths), max_tokens, max_frames)
    for i, (l, t) in enumerate(zip(token_lengths.tolist(), frame_lengths.tolist())):
        out[i, :l, :t] = beta_binomial_log(l, t)
    return out


def mas(logp, token_lengths, frame_lengths):  # MonotonicAlignmentSearch.Path
    v = logp.detach().float().numpy()
    B, L, T = v.shape
    tl = token_lengths.numpy().astype(np.int64)
    fl = frame_lengths.numpy().astype(np.int64)
    path = np.zeros_like(v)
    i = np.arange(L)[None, :]
    q = np.full((B, L, T), -np.inf, dtype=np.float32)
    q[:, 0, 0] = v[:, 0, 0]
    neg = np.full((B, 1), -np.inf, dtype=np.float32)
    for j in range(1, T):
        prev = q[:, :, j - 1]
        best = np.maximum(prev, np.concatenate([neg, prev[:, :-1]], 1))
        first = np.maximum(0, tl - (fl - j))[:, None]
        last = np.minimum(tl - 1, j)[:, None]
        q[:, :, j] = np.where((i >= first) & (i <= last), v[:, :, j] + best, -np.inf)
    for b in range(B):
        tokens, frames = int(tl[b]), int(fl[b])
        if tokens <= 0 or frames <= 0:
            continue
        if tokens > frames:
            for j in range(frames):
                path[b, min(tokens - 1, int((j + 0.5) * tokens / frames)), j] = 1
            continue
        qb = q[b]
        token = tokens - 1
        for j in range(frames - 1, -1, -1):
            path[b, token, j] = 1
            if token > 0 and (token == j or qb[token, j - 1] < qb[token - 1, j - 1]):
                token -= 1
    return torch.from_numpy(path)


# ---------------------------------------------------------------- layers (Layers/*)

class ChannelLayerNorm(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.ln = nn.LayerNorm(c)

    def forward(self, x):
        return self.ln(x.transpose(1, 2)).transpose(1, 2)


class ConvBlock(nn.Module):
    def __init__(self, c, k, d, p):
        super().__init__()
        self.conv = nn.Conv1d(c, c, k, padding=k // 2 * d, dilation=d)
        self.norm = ChannelLayerNorm(c)
        self.p = p

    def forward(self, x, mask):
        y = self.norm(F.relu(self.conv(x * mask)))
        if self.p > 0:
            y = F.dropout(y, self.p, self.training)
        return (x + y) * mask


class MultiheadAttention(nn.Module):
    def __init__(self, dim, heads, dropout=0.0):
        super().__init__()
        self.in_proj_weight = nn.Parameter(torch.empty(3 * dim, dim))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * dim))
        self.out_proj = nn.Linear(dim, dim)
        nn.init.xavier_uniform_(self.in_proj_weight)
        self.heads, self.p = heads, dropout

    def split(self, x):
        b, l, e = x.shape
        return x.view(b, l, self.heads, e // self.heads).transpose(1, 2)

    def forward(self, query, key, value, key_padding_mask=None):
        w, bias = self.in_proj_weight.chunk(3, 0), self.in_proj_bias.chunk(3, 0)
        q = self.split(F.linear(query, w[0], bias[0]))
        k = self.split(F.linear(key, w[1], bias[1]))
        v = self.split(F.linear(value, w[2], bias[2]))
        scores = q.matmul(k.transpose(2, 3)) / math.sqrt(q.shape[3])
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask.unsqueeze(1).unsqueeze(2), float("-inf"))
        weights = scores.softmax(-1)
        if self.training and self.p > 0:
            weights = F.dropout(weights, self.p, True)
        return self.out_proj(weights.matmul(v).transpose(1, 2).reshape(query.shape))


class TransformerLayer(nn.Module):
    def __init__(self, dim, heads, ff, p, cross=False):
        super().__init__()
        self.self_attn = MultiheadAttention(dim, heads, p)
        if cross:
            self.multihead_attn = MultiheadAttention(dim, heads, p)
            self.norm2 = nn.LayerNorm(dim)
        else:
            self.multihead_attn = None
        self.linear1, self.linear2 = nn.Linear(dim, ff), nn.Linear(ff, dim)
        self.norm1, self.norm3 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.p = p

    def drop(self, x):
        return F.dropout(x, self.p, self.training) if self.p > 0 else x

    def forward(self, x, kpm, memory=None, memory_kpm=None):
        h = self.norm1(x)
        x = x + self.drop(self.self_attn(h, h, h, kpm))
        if self.multihead_attn is not None:
            x = x + self.drop(self.multihead_attn(self.norm2(x), memory, memory, memory_kpm))
        x = x + self.drop(self.linear2(self.drop(F.gelu(self.linear1(self.norm3(x))))))
        if kpm is not None:
            x = x.masked_fill(kpm.unsqueeze(2), 0)
        return x


class TransformerStack(nn.Module):
    def __init__(self, count, dim, heads, p):
        super().__init__()
        self.layers = nn.ModuleList([TransformerLayer(dim, heads, 4 * dim, p) for _ in range(count)])
        self.norm = nn.LayerNorm(dim)

    def forward(self, x, kpm):
        x = x + sinusoid_table(x.shape[1], x.shape[2])
        for layer in self.layers:
            x = layer(x, kpm)
        x = self.norm(x)
        return x.masked_fill(kpm.unsqueeze(2), 0) if kpm is not None else x


class MelNormalizer(nn.Module):
    def __init__(self, bands):
        super().__init__()
        self.register_buffer("mean", torch.zeros(bands))
        self.register_buffer("std", torch.ones(bands))
        self.register_buffer("initialized", torch.zeros(1))

    def normalize(self, mel):
        return (mel - self.mean.view(1, -1, 1)) / self.std.view(1, -1, 1)

    def denormalize(self, x):
        return x * self.std.view(1, -1, 1) + self.mean.view(1, -1, 1)


# ---------------------------------------------------------------- encoders and conditioning

class TextEncoder(nn.Module):
    def __init__(self, vocab, dim, layers, heads, p):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim, padding_idx=0)
        self.prenet = nn.ModuleList([ConvBlock(dim, 5, 1, p) for _ in range(3)])
        self.encoder = TransformerStack(layers, dim, heads, p)
        self.dim = dim

    def forward(self, tokens, mask, kpm):
        x = self.embedding(tokens).transpose(1, 2) * math.sqrt(self.dim) * mask
        for block in self.prenet:
            x = block(x, mask)
        return self.encoder(x.transpose(1, 2), kpm).transpose(1, 2) * mask


class PerceiverResampler(nn.Module):
    def __init__(self, in_dim, dim, count, layers, heads, p):
        super().__init__()
        self.latents = nn.Parameter(torch.randn(count, dim) * 0.02)
        self.input = nn.Linear(in_dim, dim)
        self.layers = nn.ModuleList([TransformerLayer(dim, heads, 4 * dim, p, cross=True) for _ in range(layers)])
        self.norm = nn.LayerNorm(dim)

    def forward(self, x, kpm):
        memory = self.input(x)
        h = self.latents.unsqueeze(0).expand(x.shape[0], -1, -1)
        for layer in self.layers:
            h = layer(h, None, memory, kpm)
        return self.norm(h)


def statistics_pooling(x, mask):
    count = mask.sum(2).clamp_min(1)
    mean = (x * mask).sum(2) / count
    variance = ((x - mean.unsqueeze(2)).pow(2) * mask).sum(2) / count
    return torch.cat([mean, (variance + 1e-5).sqrt()], 1)


class AudioEncoder(nn.Module):
    def __init__(self, n_mels, dim, layers, heads, speaker_dim, latents, resampler_layers, latent_dim, p):
        super().__init__()
        self.input = nn.Conv1d(n_mels, dim, 5, stride=2, padding=2)
        self.blocks = nn.ModuleList([ConvBlock(dim, 5, d, p) for d in (1, 2, 4)])
        self.encoder = TransformerStack(layers, dim, heads, p)
        self.projection = nn.Linear(2 * dim, speaker_dim)
        self.resampler = PerceiverResampler(dim, latent_dim, latents, max(1, resampler_layers), heads, p)

    def forward(self, mel, lengths):
        x = self.input(mel * channel_mask(lengths, mel.shape[2]))
        halved = torch.div(lengths + 1, 2, rounding_mode="floor")
        mask = channel_mask(halved, x.shape[2])
        kpm = key_padding(halved, x.shape[2])
        x = F.relu(x) * mask
        for block in self.blocks:
            x = block(x, mask)
        h = self.encoder(x.transpose(1, 2), kpm)
        embedding = torch.tanh(self.projection(statistics_pooling(h.transpose(1, 2), mask)))
        return embedding, self.resampler(h, kpm)


class GlobalStyleTokens(nn.Module):
    def __init__(self, n_mels, channels, dim, count, heads):
        super().__init__()
        self.reference_encoder = nn.Sequential(
            nn.Conv1d(n_mels, channels, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv1d(channels, channels, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv1d(channels, channels, 3, stride=2, padding=1), nn.ReLU())
        self.query = nn.Linear(channels, dim)
        self.tokens = nn.Parameter(torch.randn(count, dim) * 0.5)
        self.attention = MultiheadAttention(dim, heads)

    def forward(self, mel, lengths):
        keys = torch.tanh(self.tokens).unsqueeze(0).expand(mel.shape[0], -1, -1)
        h, valid = mel * channel_mask(lengths, mel.shape[2]), lengths
        layers = list(self.reference_encoder)
        for i in range(0, len(layers), 2):  # conv + ReLU, then the padding masked out, as the C# GlobalStyleTokens
            h = layers[i + 1](layers[i](h))
            valid = torch.div(valid + 1, 2, rounding_mode='floor')
            h = h * (torch.arange(h.shape[2]).unsqueeze(0) < valid.clamp_min(1).unsqueeze(1)).unsqueeze(1).float()
        mask = (torch.arange(h.shape[2]).unsqueeze(0) < valid.clamp_min(1).unsqueeze(1)).unsqueeze(1).float()
        query = self.query((h * mask).sum(2) / mask.sum(2).clamp_min(1)).unsqueeze(1)
        return self.attention(query, keys, keys).squeeze(1)


# ---------------------------------------------------------------- non-autoregressive parts

class DurationPredictor(nn.Module):
    def __init__(self, c, p):
        super().__init__()
        self.blocks = nn.ModuleList([ConvBlock(c, 3, 1, p) for _ in range(2)])
        self.projection = nn.Conv1d(c, 1, 1)

    def forward(self, x, mask):
        for block in self.blocks:
            x = block(x, mask)
        return (self.projection(x) * mask).squeeze(1)


class ParallelDecoder(nn.Module):
    def __init__(self, text_dim, dim, count, heads, speaker_dim, out_channels, cross, p):
        super().__init__()
        self.input = nn.Conv1d(text_dim, dim, 1)
        self.position = nn.Conv1d(2, dim, 1)
        self.condition = nn.Linear(speaker_dim, dim)
        self.condition_mid = nn.Linear(speaker_dim, dim) if count >= 2 else None
        self.convolutions = nn.ModuleList([ConvBlock(dim, 5, 1 << (i % 3), p) for i in range(count)])
        self.layers = nn.ModuleList([TransformerLayer(dim, heads, 4 * dim, p, cross) for _ in range(count)])
        self.output = nn.Conv1d(dim, out_channels, 1)

    def forward(self, h, positions, voice, latents, mask, kpm):
        x = (self.input(h) + self.position(positions) + self.condition(voice).unsqueeze(2)) * mask
        for i in range(len(self.convolutions)):
            if i == len(self.convolutions) // 2 and self.condition_mid is not None:
                x = x + self.condition_mid(voice).unsqueeze(2) * mask
            x = self.convolutions[i](x, mask)
            x = self.layers[i](x.transpose(1, 2), kpm, latents).transpose(1, 2)
        return self.output(x) * mask


class Postnet(nn.Module):
    def __init__(self, mel_channels, channels, p, layers=5):
        super().__init__()
        self.convolutions = nn.ModuleList([nn.Conv1d(mel_channels if i == 0 else channels, mel_channels if i == layers - 1 else channels, 5, padding=2)
                                           for i in range(layers)])
        self.norms = nn.ModuleList([ChannelLayerNorm(channels) for _ in range(layers - 1)])
        self.p = p

    def forward(self, x, mask):
        for i, conv in enumerate(self.convolutions):
            x = conv(x * mask)
            if i == len(self.convolutions) - 1:
                break
            x = torch.tanh(self.norms[i](x))
            if self.p > 0:
                x = F.dropout(x, self.p, self.training)
        return x * mask


def largest_divisor(value, at_most):
    for d in range(at_most, 1, -1):
        if value % d == 0:
            return d
    return 1


class XttsAcousticModel(nn.Module):
    def __init__(self, o):
        super().__init__()
        stacked = o["n_mels"] * o["reduction_factor"]
        self.r = o["reduction_factor"]
        self.mel_normalizer = MelNormalizer(o["n_mels"])
        self.text_encoder = TextEncoder(o["vocab_size"], o["text_dim"], o["text_layers"], o["text_heads"], o["dropout"])
        self.audio_encoder = AudioEncoder(o["n_mels"], o["audio_dim"], o["audio_layers"], o["audio_heads"], o["speaker_dim"],
                                          o["conditioning_latents"], o["resampler_layers"], o["decoder_dim"], o["voice_dropout"])
        self.gst = GlobalStyleTokens(o["n_mels"], o["audio_dim"], o["speaker_dim"], o["gst_tokens"], largest_divisor(o["speaker_dim"], 4))
        self.text_condition = nn.Linear(o["speaker_dim"], o["text_dim"])
        self.duration_condition = nn.Linear(o["speaker_dim"], o["text_dim"])
        self.mean_projection = nn.Conv1d(o["text_dim"], stacked, 1)
        self.duration_predictor = DurationPredictor(o["text_dim"], o["dropout"])
        self.decoder = ParallelDecoder(o["text_dim"], o["decoder_dim"], o["decoder_layers"], o["decoder_heads"], o["speaker_dim"], stacked, True, o["dropout"])
        self.postnet = Postnet(stacked, min(max(o["decoder_dim"] // 2, 64), 512), o["dropout"])

    # The phases (the same cut as PhasedStep.cs); forward() composes them.
    def voice(self, b):
        reference = self.mel_normalizer.normalize(b["reference_mel"])
        embedding, latents = self.audio_encoder(reference, b["reference_lengths"])
        return embedding + self.gst(reference, b["reference_lengths"]), embedding, latents

    def encode_text(self, b, vector):
        mask = channel_mask(b["token_lengths"], b["tokens"].shape[1])
        kpm = key_padding(b["token_lengths"], b["tokens"].shape[1])
        h = self.text_encoder(b["tokens"], mask, kpm)
        hidden = (h + self.text_condition(vector).unsqueeze(2)) * mask
        means = self.mean_projection(hidden) * mask
        log_durations = self.duration_predictor((h.detach() + self.duration_condition(vector).unsqueeze(2)) * mask, mask)
        return hidden, means, log_durations

    def align(self, b, means):
        target = stack_frames(self.mel_normalizer.normalize(b["mel"]), b["mel_lengths"], self.r)
        steps = torch.div(b["mel_lengths"] + (self.r - 1), self.r, rounding_mode="floor")
        with torch.no_grad():
            m = means.detach()
            log_likelihood = m.transpose(1, 2).matmul(target) - 0.5 * m.pow(2).sum(1).unsqueeze(2)
            prior = prior_batch(b["token_lengths"], steps, m.shape[2], target.shape[2])
            path = mas(log_likelihood + 1.0 * prior, b["token_lengths"], steps)
        return dict(target=target, steps=steps, step_mask=channel_mask(steps, target.shape[2]),
                    step_kpm=key_padding(steps, target.shape[2]), path=path, durations=path.sum(2))

    def decode(self, b, a, hidden, means, vector, latents):
        aligned = means.matmul(a["path"])
        expanded = hidden.matmul(a["path"])
        positions = position_features(a["path"], a["durations"].long()) * a["step_mask"]
        decoded = (self.decoder(expanded, positions, vector, latents, a["step_mask"], a["step_kpm"]) + aligned.detach()) * a["step_mask"]
        refined = decoded + self.postnet(decoded, a["step_mask"])
        frames = b["mel"].shape[2]
        return self.to_mel(decoded, frames), self.to_mel(refined, frames), aligned

    def to_mel(self, stacked, frames):
        return self.mel_normalizer.denormalize(unstack_frames(stacked, self.r)[:, :, :frames])

    def forward(self, b):
        vector, embedding, latents = self.voice(b)
        hidden, means, log_durations = self.encode_text(b, vector)
        a = self.align(b, means)
        mel, mel_postnet, aligned = self.decode(b, a, hidden, means, vector, latents)
        return dict(mel=mel, mel_postnet=mel_postnet, log_durations=log_durations, aligned_means=aligned, speaker_embedding=embedding, **a)


# ---------------------------------------------------------------- losses (Training/Losses/*)

def mel_loss(b, out):
    target = b["mel"]
    mask = valid(b["mel_lengths"], target.shape[2]).unsqueeze(1).float()
    count = mask.sum() * target.shape[1]
    return ((out["mel"] - target).abs() * mask).sum() / count + ((out["mel_postnet"] - target).abs() * mask).sum() / count


def attention_loss(b, out):
    means, target = out["aligned_means"], out["target"]
    mask = channel_mask(out["steps"], means.shape[2])
    return (0.5 * (means - target.detach()).pow(2) * mask).sum() / (mask.sum() * means.shape[1]).clamp_min(1)


def duration_loss(b, out, total_weight=1.0):  # DurationLoss: per-token log MSE + total_weight x squared log error of each utterance's total
    predicted = out["log_durations"]
    target = out["durations"].clamp_min(1).log()
    valid_tokens = valid(b["token_lengths"], predicted.shape[1])
    mask = valid_tokens.float()
    tokens = ((predicted - target.detach()).pow(2) * mask).sum() / mask.sum().clamp_min(1)
    predicted_total = (predicted.masked_fill(~valid_tokens, 0).exp() * mask).sum(1)
    true_total = (target.detach().exp() * mask).sum(1)
    has_tokens = (mask.sum(1) > 0).float()
    totals = ((predicted_total.clamp_min(1e-6).log() - true_total.clamp_min(1e-6).log()).pow(2) * has_tokens).sum() / has_tokens.sum().clamp_min(1)
    return tokens + totals * total_weight


def contrastive_loss(b, out, temperature, margin):
    embedding = F.normalize(out["speaker_embedding"], p=2, dim=1)
    ids = b["speaker_ids"]
    n = embedding.shape[0]
    self_mask = torch.eye(n, dtype=torch.bool)
    positive = ids.unsqueeze(0).eq(ids.unsqueeze(1)) & ~self_mask
    logits = (embedding.matmul(embedding.t()) - margin * positive.float()) / temperature
    logits = logits.masked_fill(self_mask, float("-inf"))
    log_probability = logits - logits.logsumexp(1, keepdim=True)
    positives = positive.float()
    count = positives.sum(1)
    per_anchor = -(log_probability.masked_fill(~positive, 0) * positives).sum(1) / count.clamp_min(1)
    anchors = (count > 0).float()
    return (per_anchor * anchors).sum() / anchors.sum().clamp_min(1) + 0 * embedding.sum()


class Losses:
    def __init__(self, config):
        self.weights = config["loss_weights"]
        c = config["contrastive"]
        terms = {"mel_loss": mel_loss, "attention_loss": attention_loss, "duration_loss": duration_loss,
                 "speaker_contrastive_loss": lambda b, o: contrastive_loss(b, o, c["temperature"], c["margin"])}
        unknown = set(self.weights) - set(terms)
        if unknown:
            sys.exit(f"step_bench.py has no mirror of the loss terms {sorted(unknown)}; add them before comparing.")
        self.terms = [(name, terms[name]) for name in self.weights]

    def __call__(self, b, out):
        raw = {name: term(b, out) for name, term in self.terms}
        total = None
        for name, value in raw.items():
            weighted = value * self.weights[name]
            total = weighted if total is None else total + weighted
        return total, raw


# ---------------------------------------------------------------- the step

def clip_by_norm(parameters, max_norm):  # GradientClipper.ClipByNorm
    grads = [p.grad for p in parameters if p.grad is not None]
    norm = torch.stack([g.detach().norm() for g in grads]).norm()
    if max_norm > 0:
        coefficient = (max_norm / (norm + 1e-6)).clamp_max(1.0).nan_to_num(1.0, 1.0, 1.0)
        with torch.no_grad():
            for g in grads:
                g.mul_(coefficient)
    return norm


class Trainer:
    def __init__(self, config, model):
        o = config["optimizer"]
        if o["optimizer"] != "adamw":
            sys.exit(f"step_bench.py mirrors AdamW only; the preset uses {o['optimizer']}.")
        self.model, self.losses, self.clip = model, Losses(config), o["gradient_clip_norm"]
        self.parameters = [p for p in model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(self.parameters, lr=o["learning_rate"], betas=(o["beta1"], o["beta2"]), eps=o["eps"], weight_decay=o["weight_decay"])
        s = config["schedule"]
        self.peak, self.floor, self.warmup, self.horizon = o["learning_rate"], s["min_learning_rate"], s["warmup_steps"], 10_000
        self.meters = {}

    def learning_rate(self, step):  # CosineSchedule (the tiny preset's)
        if step < self.warmup:
            return self.peak * (step + 1.0) / self.warmup
        progress = min(max((step - self.warmup) / max(1, self.horizon - self.warmup), 0), 1)
        return self.floor + 0.5 * (self.peak - self.floor) * (1 + math.cos(math.pi * progress))

    def meter(self, name, value):  # TrainingMeters.Add: a running sum on the device, read only when logging
        self.meters[name] = self.meters.get(name, 0) + value.detach()

    def step(self, b, step):  # TrainingStep.Run
        for group in self.optimizer.param_groups:
            group["lr"] = self.learning_rate(step)
        self.optimizer.zero_grad()
        total, raw = self.losses(b, self.model(b))
        total.backward()
        norm = clip_by_norm(self.parameters, self.clip)
        if not torch.isfinite(norm).item():
            return False
        self.meter("loss", total)
        for name, value in raw.items():
            self.meter(name, value)
        self.meter("grad_norm", norm)
        self.optimizer.step()
        return True

    def phased(self, b, update=True):  # PhasedStep.Run
        times, clock = {}, [time.perf_counter()]

        def lap(phase):
            now = time.perf_counter()
            times[phase] = now - clock[0]
            clock[0] = now

        def leaf(x):
            return x.detach().requires_grad_()

        def backward(*pairs):
            live = [(o, l.grad) for o, l in pairs if l.grad is not None]
            if live:
                torch.autograd.backward([o for o, _ in live], [g for _, g in live])

        m = self.model
        self.optimizer.zero_grad()
        vector, embedding, latents = m.voice(b)
        lap("forward.voice")
        vector_l, embedding_l, latents_l = leaf(vector), leaf(embedding), leaf(latents)
        hidden, means, log_durations = m.encode_text(b, vector_l)
        lap("forward.text")
        hidden_l, means_l, log_durations_l = leaf(hidden), leaf(means), leaf(log_durations)
        a = m.align(b, means_l)
        lap("forward.mas")
        mel, mel_postnet, aligned = m.decode(b, a, hidden_l, means_l, vector_l, latents_l)
        lap("forward.decoder")
        mel_l, postnet_l, aligned_l = leaf(mel), leaf(mel_postnet), leaf(aligned)
        out = dict(mel=mel_l, mel_postnet=postnet_l, log_durations=log_durations_l, aligned_means=aligned_l, speaker_embedding=embedding_l, **a)
        total, _ = self.losses(b, out)
        lap("losses")
        total.backward()
        lap("backward.losses")
        backward((mel, mel_l), (mel_postnet, postnet_l), (aligned, aligned_l))
        lap("backward.decoder")
        backward((hidden, hidden_l), (means, means_l), (log_durations, log_durations_l))
        lap("backward.text")
        backward((vector, vector_l), (embedding, embedding_l), (latents, latents_l))
        lap("backward.voice")
        if update:
            norm = clip_by_norm(self.parameters, self.clip)
            if torch.isfinite(norm).item():
                self.optimizer.step()
            lap("optimizer")
        return times


# ---------------------------------------------------------------- commands

def load(folder):
    config = json.load(open(f"{folder}/config.json"))
    torch.set_num_threads(config["threads"])
    torch.manual_seed(0)
    model = XttsAcousticModel(config["options"])
    batch = read_safetensors(f"{folder}/batch.safetensors")
    return config, model, batch


def parameter_counts(model):
    counts = {name: sum(p.numel() for p in child.parameters()) for name, child in model.named_children()}
    counts["total"] = sum(p.numel() for p in model.parameters())
    return counts


def check(folder):
    config, model, batch = load(folder)
    theirs, ours = config["parameters"], parameter_counts(model)
    print(f"{'module':20} {'torchsharp':>11} {'pytorch':>11}")
    for name in sorted(set(theirs) | set(ours), key=lambda n: (n == "total", n)):
        flag = "" if theirs.get(name) == ours.get(name) else "   <-- DIFFERS"
        print(f"{name:20} {theirs.get(name, '-'):>11} {ours.get(name, '-'):>11}{flag}")
    if theirs != ours:
        sys.exit("FAIL: the PyTorch mirror's parameter counts differ from the C# model's; the comparison would not be like for like.")
    model.load_state_dict(read_safetensors(f"{folder}/weights.safetensors"), strict=True)
    print(f"state dict: all {len(model.state_dict())} keys and shapes of the C# model loaded strictly")
    expected = read_safetensors(f"{folder}/expected.safetensors")
    model.eval()
    trainer = Trainer(config, model)
    out = model(batch)
    total, raw = trainer.losses(batch, out)
    total.backward()
    norm = clip_by_norm(trainer.parameters, 0)
    failures = []

    def compare(name, got, want, tolerance):
        scale = max(want.abs().max().item(), 1e-6)
        error = (got.detach() - want).abs().max().item() / scale
        print(f"  {name:28} max |diff| / max |value| = {error:.2e}")
        if not error <= tolerance:
            failures.append(name)

    print("eval-mode parity with the C# model (same weights, same batch):")
    mismatched = int((out["durations"] != expected["durations"]).sum())
    print(f"  {'durations (alignment search)':28} {mismatched} of {int(batch['token_lengths'].sum())} token durations differ")
    if mismatched:
        failures.append("durations")
    for name in ("mel", "mel_postnet", "log_durations", "speaker_embedding"):
        compare(name, out[name], expected[name], 1e-3)
    for name, value in raw.items():
        compare("loss." + name, value, expected["loss." + name], 1e-3)
    compare("loss.total", total, expected["loss.total"], 1e-3)
    compare("grad_norm", norm, expected["grad_norm"], 1e-2)
    if failures:
        sys.exit(f"FAIL: the PyTorch mirror does not compute what the C# model computes: {failures}")
    print("OK: same parameter counts, same state dict, same outputs, losses and gradient norm")


def time_steps(folder, steps, warmup):
    config, model, batch = load(folder)
    model.load_state_dict(read_safetensors(f"{folder}/weights.safetensors"), strict=True)
    model.train()
    trainer = Trainer(config, model)
    full, full_cpu = [], []
    for i in range(-warmup, steps):
        start, cpu = time.perf_counter(), time.process_time()
        trainer.step(batch, warmup + i)
        if i >= 0:
            full.append((time.perf_counter() - start) * 1e3)
            full_cpu.append((time.process_time() - cpu) * 1e3)
    forward = []
    for i in range(steps):
        start = time.perf_counter()
        trainer.losses(batch, model(batch))
        forward.append((time.perf_counter() - start) * 1e3)
    phases = {p: [] for p in PHASES}
    for i in range(steps):
        for phase, seconds in trainer.phased(batch).items():
            phases[phase].append(seconds * 1e3)
    print(json.dumps(dict(step=statistics.median(full), step_cpu=statistics.median(full_cpu), forward=statistics.median(forward),
                          phases={p: statistics.median(v) for p, v in phases.items()}, torch=torch.__version__, threads=torch.get_num_threads())))


def time_reference(folder, steps, warmup, model_dir):
    sys.path.insert(0, model_dir)
    import model as reference  # the feasibility study's model.py
    config = json.load(open(f"{folder}/config.json"))
    torch.set_num_threads(config["threads"])
    torch.manual_seed(0)
    b = read_safetensors(f"{folder}/batch.safetensors")
    tts = reference.TTS(c=192, cd=192, n_dec=6, r=2)
    n_sym = len(reference.SYMS)
    ids = torch.where(b["tokens"] > 0, (b["tokens"] - 1) % (n_sym - 1) + 1, b["tokens"])
    frames = valid(b["mel_lengths"], b["mel"].shape[2]).unsqueeze(1).float()
    mean = (b["mel"] * frames).sum((0, 2)) / frames.sum()
    std = (((b["mel"] - mean.view(1, -1, 1)) ** 2 * frames).sum((0, 2)) / frames.sum()).sqrt().clamp_min(1e-2)
    xs = stack_frames((b["mel"] - mean.view(1, -1, 1)) / std.view(1, -1, 1), b["mel_lengths"], 2)
    ty = torch.div(b["mel_lengths"] + 1, 2, rounding_mode="floor")
    ref = ((b["reference_mel"] - mean.view(1, -1, 1)) / std.view(1, -1, 1))[:, :, :128]
    rl = b["reference_lengths"].clamp(max=128)
    opt = torch.optim.Adam(tts.parameters(), lr=1e-3, betas=(0.9, 0.98), eps=1e-9)
    tts.train()
    times, cpu_times = [], []
    for i in range(-warmup, steps):
        start, cpu = time.perf_counter(), time.process_time()
        l_dec, l_prior, l_dur, d = tts(ids, b["token_lengths"], xs, ty, ref, rl)
        loss = l_dec + l_prior + l_dur
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(tts.parameters(), 1.0)
        opt.step()
        _ = (l_dec.item(), l_prior.item(), l_dur.item())
        if i >= 0:
            times.append((time.perf_counter() - start) * 1e3)
            cpu_times.append((time.process_time() - cpu) * 1e3)
    print(json.dumps(dict(step=statistics.median(times), step_cpu=statistics.median(cpu_times), parameters=sum(p.numel() for p in tts.parameters()))))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        check(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "time":
        time_steps(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) >= 6 and sys.argv[1] == "reference":
        time_reference(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(__doc__)
