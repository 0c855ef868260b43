"""Python side of MelBench: HiFi-GAN mel_spectrogram with torch.stft, same clips/threads/batch as Program.cs.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/MelBench/mel_bench.py [threads=2] [clips=64] [seconds=5] [batch=1]
"""
import sys
import time

import numpy as np
import torch


def slaney_mel(sr, n_fft, n_mels, fmin, fmax):
    # librosa.filters.mel(htk=False, norm="slaney"), as in MyXtts.Core SlaneyMelFilterbank.
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    hz_to_mel = lambda f: np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, f / f_sp)
    mel_to_hz = lambda m: np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)
    fft_f = np.fft.rfftfreq(n_fft, 1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(np.array(fmin)), hz_to_mel(np.array(fmax)), n_mels + 2))
    ramps = np.subtract.outer(mel_f, fft_f)
    fdiff = np.diff(mel_f)
    w = np.maximum(0, np.minimum(-ramps[:-2] / fdiff[:-1, None], ramps[2:] / fdiff[1:, None]))
    return (w * (2.0 / (mel_f[2:] - mel_f[:-2]))[:, None]).astype(np.float32)


def main():
    a = sys.argv[1:]
    threads, clips = int(a[0]) if a else 2, int(a[1]) if len(a) > 1 else 64
    seconds, batch = float(a[2]) if len(a) > 2 else 5.0, int(a[3]) if len(a) > 3 else 1
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    sr, n_fft, hop, win = 22050, 1024, 256, 1024
    basis = torch.from_numpy(slaney_mel(sr, n_fft, 80, 0, 8000))
    window = torch.hann_window(win)
    torch.manual_seed(0)
    audio = (torch.rand(clips, int(seconds * sr)) * 2 - 1) * 0.5

    def mel(y):
        y = torch.nn.functional.pad(y.unsqueeze(1), ((n_fft - hop) // 2, (n_fft - hop) // 2), mode="reflect").squeeze(1)
        spec = torch.view_as_real(torch.stft(y, n_fft, hop, win, window, center=False, return_complex=True))
        return torch.log(torch.clamp(basis @ torch.sqrt(spec.pow(2).sum(-1) + 1e-9), min=1e-5))

    def run_all():
        with torch.no_grad():
            for start in range(0, clips, batch):
                mel(audio[start:start + batch])

    run_all()
    best = min(timed(run_all) for _ in range(3))
    print(f"python-torch-{torch.__version__} threads={threads} batch={batch} clips={clips} clip_s={seconds:g}: "
          f"{clips / best:.1f} clips/s, {clips * seconds / best:.0f}x real time")


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
