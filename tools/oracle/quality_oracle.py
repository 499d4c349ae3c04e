#!/usr/bin/python3
"""Independent reference values for Fathom's data quality and drift report tests.

Writes tests/Fathom.Monitoring.Tests/Fixtures/quality_{reference,current}.csv and quality_expected.json,
computed with numpy (quantiles: numpy's default 'linear' method; std: ddof=1) and scipy (ks_2samp, default
'auto' mode, as Evidently calls it). Uses Debian's python3-numpy / python3-scipy, no pandas.
Run from the repository root:  /usr/bin/python3 tools/oracle/quality_oracle.py
"""
import csv
import json
import os

import numpy as np
from scipy import stats

OUT = os.path.join("tests", "Fathom.Monitoring.Tests", "Fixtures")
rng = np.random.default_rng(20240601)


def make(n, shift, scale, cats, cat_p, missing_every):
    x = rng.normal(10 + shift, 2 * scale, n)
    y = np.round(rng.exponential(3, n), 2)
    y[::missing_every] = np.nan
    k = rng.integers(0, 40, n).astype(float)  # integer-valued with ties; numerical (more than 5 values)
    c = rng.choice(cats, n, p=cat_p).astype(object)
    c[::missing_every + 3] = None
    return {"x": x, "y": y, "k": k, "c": c}


ref = make(400, 0.0, 1.0, ["red", "green", "blue"], [0.5, 0.3, 0.2], 17)
cur = make(300, 1.5, 1.3, ["red", "green", "blue", "violet"], [0.3, 0.3, 0.2, 0.2], 11)
# Exact duplicate rows: copy a few earlier rows onto later ones.
for data, pairs in ((ref, [(3, 50), (3, 51), (9, 99)]), (cur, [(5, 7)])):
    for src, dst in pairs:
        for col in data:
            data[col][dst] = data[col][src]


def write_csv(path, data):
    n = len(data["x"])
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(list(data))
        for i in range(n):
            row = []
            for col in data:
                v = data[col][i]
                if v is None or (isinstance(v, float) and np.isnan(v)):
                    row.append("")
                elif isinstance(v, (float, np.floating)):
                    row.append(repr(float(v)))
                else:
                    row.append(v)
            w.writerow(row)


def num_summary(values, fences):
    present = values[~np.isnan(values)]
    uniq, counts = np.unique(present, return_counts=True)
    order = sorted(range(len(uniq)), key=lambda i: (-counts[i], uniq[i]))[:5]
    iqr_low, iqr_high, z_low, z_high = fences
    return {
        "count": int(len(values)),
        "missing_count": int(np.isnan(values).sum()),
        "unique_count": int(len(uniq)),
        "min": float(present.min()),
        "max": float(present.max()),
        "mean": float(present.mean()),
        "std": float(present.std(ddof=1)),
        "p25": float(np.quantile(present, 0.25)),
        "p50": float(np.quantile(present, 0.5)),
        "p75": float(np.quantile(present, 0.75)),
        "most_common": [[repr(float(uniq[i])), int(counts[i])] for i in order],
        "iqr_outliers": int(((present < iqr_low) | (present > iqr_high)).sum()),
        "zscore_outliers": int(((present < z_low) | (present > z_high)).sum()),
    }


def fences(values):
    present = values[~np.isnan(values)]
    q1, q3 = np.quantile(present, [0.25, 0.75])
    mean, std = present.mean(), present.std(ddof=1)
    return (q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1), mean - 3 * std, mean + 3 * std)


def duplicated_rows(data):
    seen, dup = set(), 0
    for i in range(len(data["x"])):
        key = tuple("nan" if (isinstance(data[c][i], float) and np.isnan(data[c][i])) else data[c][i] for c in data)
        dup += key in seen
        seen.add(key)
    return dup


expected = {"columns": {}, "reference_duplicated_rows": duplicated_rows(ref), "current_duplicated_rows": duplicated_rows(cur)}
for col in ("x", "y", "k"):
    f = fences(ref[col])
    r = ref[col][~np.isnan(ref[col])]
    c = cur[col][~np.isnan(cur[col])]
    expected["columns"][col] = {
        "reference": num_summary(ref[col], f),
        "current": num_summary(cur[col], f),
        "out_of_range": int(((c < r.min()) | (c > r.max())).sum()),
        "ks_pvalue": float(stats.ks_2samp(r, c).pvalue),
    }
ref_c = [v for v in ref["c"] if v is not None]
cur_c = [v for v in cur["c"] if v is not None]
expected["columns"]["c"] = {
    "reference_missing": int(sum(v is None for v in ref["c"])),
    "current_missing": int(sum(v is None for v in cur["c"])),
    "new_categories": sorted(set(cur_c) - set(ref_c)),
    "new_category_rows": int(sum(v not in set(ref_c) for v in cur_c)),
    "current_most_common": sorted(([v, cur_c.count(v)] for v in set(cur_c)), key=lambda p: (-p[1], p[0]))[:5],
}

os.makedirs(OUT, exist_ok=True)
write_csv(os.path.join(OUT, "quality_reference.csv"), ref)
write_csv(os.path.join(OUT, "quality_current.csv"), cur)
with open(os.path.join(OUT, "quality_expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print("wrote", OUT)
