#!/usr/bin/env python3
"""Generator of FICTIONAL CVs (PDF/DOCX) with ground truth, plus hostile files.

  python3 Tools/samplegen/generate.py samples --out Samples --seed 1
  python3 Tools/samplegen/generate.py corpus --out DIR --seed 2 --count 300

Output is byte-for-byte reproducible for a given seed.  See README.md.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus      # noqa: E402
import hostile     # noqa: E402
import samples     # noqa: E402


def write(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def truth_path(out, fname):
    return os.path.join(out, "truth", os.path.splitext(fname)[0] + ".json")


def cmd_samples(args):
    names = set()
    for name, lang, fmt, fn in samples.SAMPLES:
        assert name not in names
        names.add(name)
        data, truth = samples.build(name, lang, fmt, fn, args.seed)
        write(os.path.join(args.out, name), data)
        write(truth_path(args.out, name), truth.dump().encode("utf-8"))
    if not args.no_hostile:
        hostile.build_all(os.path.join(args.out, "hostile"), args.seed)
    print(f"wrote {len(names)} samples" + ("" if args.no_hostile else
                                            f" and {len(hostile.EXPECT)} hostile files")
          + f" to {args.out}")


def cmd_corpus(args):
    n = 0
    for fname, data, truth in corpus.generate(args.seed, args.count):
        write(os.path.join(args.out, fname), data)
        write(truth_path(args.out, fname), truth.dump().encode("utf-8"))
        n += 1
    print(f"wrote {n} CVs to {args.out}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("samples", help="fixed sample set + truth + hostile files")
    s.add_argument("--out", default="Samples")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--no-hostile", action="store_true", help="skip Samples/hostile/")
    s.set_defaults(func=cmd_samples)
    c = sub.add_parser("corpus", help="random evaluation corpus + truth")
    c.add_argument("--out", required=True)
    c.add_argument("--seed", type=int, default=2)
    c.add_argument("--count", type=int, default=300)
    c.set_defaults(func=cmd_corpus)
    args = ap.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
