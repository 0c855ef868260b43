"""Generates the small checkpoint files the tests read (run once with Debian's /usr/bin/python3 + python3-torch 1.13;
the tests themselves never need Python). Every tensor is arange-based so the tests compute the expected values."""
import collections, os, pickle, torch

def arange(n, dtype):
    return torch.arange(n).to(dtype)

def state():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    sd = collections.OrderedDict()
    sd["f32"] = torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4
    sd["f64"] = torch.arange(5, dtype=torch.float64) / 3
    sd["f16"] = torch.arange(4, dtype=torch.float16) / 2
    sd["bf16"] = torch.arange(4, dtype=torch.bfloat16) * 1.5
    sd["i64"] = torch.arange(3, dtype=torch.int64) - 1
    sd["i32"] = torch.arange(3, dtype=torch.int32) * 7
    sd["u8"] = torch.arange(4, dtype=torch.uint8) + 250
    sd["bool"] = torch.tensor([True, False, True])
    sd["scalar"] = torch.tensor(42, dtype=torch.int64)
    sd["transposed"] = base.t()                 # non-contiguous: stride (1, 6)
    sd["sliced"] = base[1:, ::2]                # offset 6, stride (6, 2), shares base's storage
    sd["base"] = base
    return sd

here = os.path.dirname(os.path.abspath(__file__))
sd = state()
torch.save(sd, os.path.join(here, "dtypes.pt"))
torch.save(sd, os.path.join(here, "dtypes_legacy.pt"), _use_new_zipfile_serialization=False)
torch.save({"model": sd, "config": {"hidden": [1, 2], "name": "x", "rate": 0.5, "flag": True, "none": None},
            "step": 12, "blob": b"\x00\xffab"}, os.path.join(here, "wrapped.pth"))

class Exploit:
    def __reduce__(self):
        return (os.system, ("echo this must never run",))
torch.save({"weights": torch.zeros(2), "payload": Exploit()}, os.path.join(here, "pickled_callable.pth"))
