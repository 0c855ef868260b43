#!/usr/bin/env python3
"""How well audio-only tempo features tell a voice from its tempo twin (docs/model.md, "Speaking rate").

    /usr/bin/python3 bench/quality/tempo-features.py CORPUS [EVERY]

CORPUS is a sample corpus (`myxtts dataset make-sample --speakers 8`: metadata.csv, wavs/, voices.tsv). For every
EVERY-th clip (default 3) it computes the log mean spectral flux of a log band spectrum (the feature behind
model.reference_rate_conditioning) and a syllable-peak rate, then per twin pair: the feature's slope against the
recorded tempo ratio, its sentence-to-sentence spread within a speaker, and the ratio a regression from one clip would
reproduce (the slope diluted by var(signal) / (var(signal) + var(noise))). Needs numpy only.
"""
import collections, csv, math, sys, wave
import numpy as np

def read(path):
    with wave.open(path) as w:
        x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768
        return x, w.getframerate()

def features(x, rate):
    hop, win = int(rate * 0.0116), int(rate * 0.046)
    frames = 1 + (len(x) - win) // hop
    index = np.arange(win)[None, :] + hop * np.arange(frames)[:, None]
    power = np.abs(np.fft.rfft(x[index] * np.hanning(win), axis=1)) ** 2
    edges = np.unique(np.geomspace(3, power.shape[1] - 1, 81).astype(int))
    bands = np.log(np.stack([power[:, edges[i]:edges[i + 1] + 1].sum(1) for i in range(len(edges) - 1)], 1) + 1e-6)
    loud = bands.max(1)
    speech = loud > loud.max() - 10
    flux = np.abs(np.diff(bands, axis=0)).mean()
    envelope = np.convolve(np.log(power.sum(1) + 1e-8), np.ones(5) / 5, 'same')
    peaks, last = 0, -100
    for i in range(1, len(envelope) - 1):
        if envelope[i] > envelope[i - 1] and envelope[i] >= envelope[i + 1] and envelope[i] > envelope.max() - 5 and i - last >= 8:
            peaks, last = peaks + 1, i
    seconds = speech.sum() * hop / rate
    return {'log_flux': math.log(flux), 'log_peak_rate': math.log(max(peaks, 1) / max(seconds, 1e-3))}

def main(corpus, every=3):
    voices = list(csv.DictReader(open(f'{corpus}/voices.tsv'), delimiter='\t'))
    tempo = {v['speaker']: float(v['rate']) for v in voices}        # duration stretch: > 1 is slower
    by_speaker = collections.defaultdict(list)
    for n, row in enumerate(csv.reader(open(f'{corpus}/metadata.csv'), delimiter='|', quoting=csv.QUOTE_NONE)):
        if n % every: continue
        x, rate = read(f'{corpus}/wavs/{row[0]}.wav')
        by_speaker[row[0].split('_')[0]].append(features(x, rate))
    twins = collections.defaultdict(list)
    for v in voices: twins[(v['engine'], v['voice'], v['pitch'])].append(v['speaker'])
    for name in ('log_flux', 'log_peak_rate'):
        spread = np.sqrt(np.mean([np.var([f[name] for f in by_speaker[s]]) for s in by_speaker]))
        slopes, gaps = [], []
        for pair in twins.values():
            if len(pair) != 2: continue
            a, b = pair
            gap = np.mean([f[name] for f in by_speaker[a]]) - np.mean([f[name] for f in by_speaker[b]])
            log_speed = math.log(tempo[b] / tempo[a])                   # > 0 when a is faster
            slopes.append(gap / log_speed); gaps.append(abs(gap))
        signal = (np.mean(gaps) / 2) ** 2
        dilution = signal / (signal + spread ** 2)
        print(f'{name}: slope vs log tempo {np.mean(slopes):.2f}, twin gap {np.mean(gaps):.3f}, within-speaker sd {spread:.3f}, '
              f'dilution {dilution:.3f}: a one-clip regression reproduces {dilution:.0%} of the log tempo ratio '
              f'(1.11 recorded -> {math.exp(dilution * math.log(1.11)):.3f})')

if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
