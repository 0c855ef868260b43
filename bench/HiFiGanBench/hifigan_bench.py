"""Real-time factor of jik876/hifi-gan's Generator (models.py, weight norm removed, random weights) in Python torch.
Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 hifigan_bench.py THREADS SECONDS REPEATS CONFIG...
Prints one line per config: CONFIG best_seconds audio_seconds."""
import sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import weight_norm, remove_weight_norm

LRELU_SLOPE = 0.1
CONFIGS = {
    "V1": ("1", [8, 8, 2, 2], [16, 16, 4, 4], 512, [3, 7, 11], [[1, 3, 5]] * 3),
    "V3": ("2", [8, 8, 4], [16, 16, 8], 256, [3, 5, 7], [[1, 2], [2, 6], [3, 12]]),
}

def pad(k, d=1):
    return (k * d - d) // 2

class ResBlock1(nn.Module):
    def __init__(self, ch, k, d):
        super().__init__()
        self.convs1 = nn.ModuleList([weight_norm(nn.Conv1d(ch, ch, k, 1, dilation=x, padding=pad(k, x))) for x in d[:3]])
        self.convs2 = nn.ModuleList([weight_norm(nn.Conv1d(ch, ch, k, 1, padding=pad(k))) for _ in d[:3]])
    def forward(self, x):
        for c1, c2 in zip(self.convs1, self.convs2):
            x = c2(F.leaky_relu(c1(F.leaky_relu(x, LRELU_SLOPE)), LRELU_SLOPE)) + x
        return x

class ResBlock2(nn.Module):
    def __init__(self, ch, k, d):
        super().__init__()
        self.convs = nn.ModuleList([weight_norm(nn.Conv1d(ch, ch, k, 1, dilation=x, padding=pad(k, x))) for x in d[:2]])
    def forward(self, x):
        for c in self.convs:
            x = c(F.leaky_relu(x, LRELU_SLOPE)) + x
        return x

class Generator(nn.Module):
    def __init__(self, rb, rates, kernels, ch, rk, rd):
        super().__init__()
        self.nk = len(rk)
        self.conv_pre = weight_norm(nn.Conv1d(80, ch, 7, 1, padding=3))
        self.ups = nn.ModuleList([weight_norm(nn.ConvTranspose1d(ch // 2 ** i, ch // 2 ** (i + 1), k, u, padding=(k - u) // 2))
                                  for i, (u, k) in enumerate(zip(rates, kernels))])
        block = ResBlock1 if rb == "1" else ResBlock2
        self.resblocks = nn.ModuleList([block(ch // 2 ** (i + 1), k, d) for i in range(len(rates)) for k, d in zip(rk, rd)])
        self.conv_post = weight_norm(nn.Conv1d(ch // 2 ** len(rates), 1, 7, 1, padding=3))
    def forward(self, x):
        x = self.conv_pre(x)
        for i, up in enumerate(self.ups):
            x = up(F.leaky_relu(x, LRELU_SLOPE))
            xs = sum(self.resblocks[i * self.nk + j](x) for j in range(self.nk))
            x = xs / self.nk
        return torch.tanh(self.conv_post(F.leaky_relu(x)))
    def remove(self):
        for m in self.modules():
            if hasattr(m, "weight_g"):
                remove_weight_norm(m)

def main():
    threads, seconds, repeats = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    frames = int(seconds * 22050 / 256)
    for name in sys.argv[4:]:
        g = Generator(*CONFIGS[name]).eval()
        g.remove()
        mel = torch.randn(1, 80, frames)
        with torch.no_grad():
            g(mel)
            best = float("inf")
            for _ in range(repeats):
                t = time.perf_counter()
                g(mel)
                best = min(best, time.perf_counter() - t)
        print(name, f"{best:.6f}", f"{frames * 256 / 22050:.6f}", flush=True)

if __name__ == "__main__":
    main()
