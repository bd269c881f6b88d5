#!/usr/bin/env python3
"""pick_seeds.py — choose which merged libFuzzer inputs a slow target's committed corpus keeps.

    pick_seeds.py CONTROL_FILE BUDGET CUTS

CONTROL_FILE is what `-merge=1 -merge_control_file=F FRESH OTHER...` wrote: the files (the first
ones FRESH's, the named seeds), and for each file the features it added over every file run
before it (smallest first). The standalone driver (standalone_main.c) runs every committed seed
once per cut: min(length, CUTS) + 1 runs, and for `client` and `client_flight` each run does real
cryptography twice; so a seed's cost is min(length, CUTS) + 1. This picks, greedily, the inputs
of the other directories that add the most features per unit of cost, until BUDGET runs are
spent or the target has MAX_FILES seeds, and prints their paths, one a line. (Features are
credited to the smallest file that has them, as libFuzzer's merge does; the pick is a heuristic,
not an optimal cover.)
"""
import sys

# standalone_main.c reads at most 256 seeds per target (MAX_SEEDS) and ignores the rest; stop at
# 200 in all, leaving room for regression seeds.
MAX_FILES = 200


def main():
    control, budget, cuts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(control) as f:
        lines = f.read().splitlines()
    n_files, n_first = int(lines[0]), int(lines[1])
    paths = lines[2:2 + n_files]
    size = {}
    features = {}
    for line in lines[2 + n_files:]:
        words = line.split()
        if not words:
            continue
        if words[0] == "STARTED":
            size[int(words[1])] = int(words[2])
        elif words[0] == "FT":
            features[int(words[1])] = set(map(int, words[2:]))
    have = set()
    for i in range(n_first):
        have |= features.get(i, set())
    candidates = [i for i in range(n_first, n_files) if i in size]
    picked = []
    left = budget
    while n_first + len(picked) < MAX_FILES:
        best, best_score = None, 0.0
        for i in candidates:
            cost = min(size[i], cuts) + 1
            if cost > left:
                continue
            new = len(features.get(i, set()) - have)
            if new > 0 and new / cost > best_score:
                best, best_score = i, new / cost
        if best is None:
            break
        picked.append(best)
        have |= features.get(best, set())
        left -= min(size[best], cuts) + 1
        candidates.remove(best)
    for i in picked:
        print(paths[i])
    added = set()
    for i in range(n_first, n_files):
        added |= features.get(i, set())
    kept = len(have) - sum(len(features.get(i, set())) for i in range(n_first))
    print(f"pick_seeds: {len(picked)} of {n_files - n_first} inputs, {kept} of {len(added)} new features,"
          f" {budget - left} of {budget} runs", file=sys.stderr)


if __name__ == "__main__":
    main()
