#!/usr/bin/env python3
"""Closest-voice accuracy over *distinct* voices from a `myxtts evaluate` metrics.json.

    bench/quality/distinct-voice-accuracy.py CORPUS/voices.tsv EVAL_DIR/metrics.json

The sample corpus's flite voices come in tempo twins (the same voice at two speaking rates, `voices.tsv` columns
engine + voice). `myxtts evaluate` identifies the closest of all speakers; this counts an output as correct when the
speaker it was identified as is the reference's voice or its tempo twin, which is the issue's "closest voice over the
distinct voices" (twins cannot be told apart by timbre statistics: ground truth reaches ~50 % 8-way).
"""
import csv, json, sys

voices = {r["speaker"]: (r["engine"], r["voice"]) for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
lines = json.load(open(sys.argv[2]))["lines"]
total = correct = exact = 0
for line in lines:
    ident = line["metrics"].get("voice_identification")
    if not ident: continue
    total += 1
    got = ident["texts"]["identified_as"]
    correct += voices[got] == voices[line["speaker"]]
    exact += got == line["speaker"]
print(f"{total} outputs, {len(set(voices.values()))} distinct voices: distinct-voice accuracy {correct / total:.3f}, "
      f"speaker (8-way) accuracy {exact / total:.3f}")
