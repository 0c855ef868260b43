#!/usr/bin/env python3
"""WER of the outputs over WER of Griffin-Lim on the ground truth, with a bootstrap interval, from a `myxtts evaluate`
metrics.json (or several, pooled: the same checkpoint evaluated on parts of one held-out set).

    bench/quality/wer-ratio-interval.py EVAL_DIR/metrics.json [MORE/metrics.json ...]

Why an interval: PocketSphinx flips words on timing changes of a few percent, and the ceiling (Griffin-Lim on the
ground-truth mels) makes few errors, so the ratio of two small error counts swings widely from one subset of lines to
the next. Resampling is by sentence (all voices of a sentence together), since a hard sentence is hard for every voice.
"""
import json, random, sys
from collections import defaultdict

by_sentence = defaultdict(lambda: [0, 0, 0])   # sentence -> [output errors, ceiling errors, words]
for path in sys.argv[1:]:
    for line in json.load(open(path))["lines"]:
        m = line["metrics"]
        out, ceil = m["intelligibility"]["values"], m["intelligibility_griffin_lim_ground_truth"]["values"]
        row = by_sentence[line["text"].strip().lower()]
        row[0] += out["word_errors"]; row[1] += ceil["word_errors"]; row[2] += out["reference_words"]
rows = list(by_sentence.values())
errors, ceiling, words = (sum(r[i] for r in rows) for i in range(3))
rng = random.Random(0)
ratios = []
for _ in range(10000):
    sample = [rows[rng.randrange(len(rows))] for _ in rows]
    e, c = sum(r[0] for r in sample), sum(r[1] for r in sample)
    ratios.append(e / c if c else float("inf"))
ratios.sort()
lo, hi = ratios[int(0.025 * len(ratios))], ratios[int(0.975 * len(ratios)) - 1]
print(f"{len(rows)} sentences, {words} words: WER {errors / words:.1%}, Griffin-Lim on ground truth {ceiling / words:.1%}, "
      f"ratio {errors / ceiling:.2f} (95 % bootstrap interval over sentences {lo:.2f}-{hi:.2f}); "
      f"P(ratio <= 1.2) = {sum(r <= 1.2 for r in ratios) / len(ratios):.2f}")
