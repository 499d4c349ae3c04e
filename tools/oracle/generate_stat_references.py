#!/usr/bin/python3
"""Reference values for Fathom.Monitoring's drift tests, computed with SciPy/NumPy.

Run with Debian's interpreter (apt-get install -y python3-scipy python3-numpy):
    /usr/bin/python3 tools/oracle/generate_stat_references.py
It writes tests/Fathom.Monitoring.Tests/Statistics/Reference/drift_references.json.

Evidently itself is not installed here; where Evidently wraps a SciPy function the wrapper is re-implemented below in
a few lines of NumPy, written from Evidently 0.4's sources (src/evidently/calculations/stattests/*.py,
utils.get_binned_data, registry._get_default_stattest). Each function names the Evidently file it mirrors.

Inputs are either listed explicitly (small cases) or described by a generator spec that the C# test reproduces
bit-for-bit (SplitMix64 uniforms, Box-Muller normals, optional rounding), so 100k-row cases stay small on disk.
The JSON also stores a checksum of each generated sample so a generator mismatch fails loudly instead of silently.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def generate(spec):
    """Same algorithm as GeneratedSample.cs."""
    rng = splitmix64(spec["seed"])
    uniform = lambda: (next(rng) >> 11) * (2.0 ** -53)
    n, kind = spec["n"], spec["gen"]
    out = []
    for _ in range(n):
        if kind == "normal":
            u1, u2 = uniform(), uniform()
            v = spec["loc"] + spec["scale"] * (math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2))
        elif kind == "uniform_int":
            v = float(spec["low"] + math.floor(uniform() * (spec["high"] - spec["low"])))
        elif kind == "categorical":
            u, cum, v = uniform(), 0.0, len(spec["weights"]) - 1
            for i, w in enumerate(spec["weights"]):
                cum += w
                if u < cum:
                    v = i
                    break
        else:
            raise ValueError(kind)
        if "decimals" in spec:
            scale = 10.0 ** spec["decimals"]
            v = math.floor(v * scale + 0.5) / scale
        out.append(v)
    return np.array(out, dtype=np.int64 if kind == "categorical" else np.float64)


# ---- Evidently 0.4 wrappers, re-implemented (see module docstring) -------------------------------------------------

def value_shares(ref, cur):
    keys = np.union1d(ref, cur)  # Evidently iterates a set; sums do not depend on the order
    r = np.array([np.count_nonzero(ref == k) for k in keys]) / len(ref)
    c = np.array([np.count_nonzero(cur == k) for k in keys]) / len(cur)
    return r, c


def get_binned_data(ref, cur, kind, fill_zeroes=True):
    """utils.get_binned_data."""
    if kind == "num" and len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, bins)[0] / len(ref)
        c = np.histogram(cur, bins)[0] / len(cur)
    else:
        r, c = value_shares(ref, cur)
    if fill_zeroes:
        for p in (r, c):
            m = min(p[p != 0])
            np.place(p, p == 0, m / 10 ** 6 if m <= 0.0001 else 0.0001)
    return r, c


def counts_union(ref, cur):
    keys = np.union1d(ref, cur)
    return (np.array([np.count_nonzero(ref == k) for k in keys], dtype=float),
            np.array([np.count_nonzero(cur == k) for k in keys], dtype=float))


def ev_ks(ref, cur, kind):  # ks_stattest.py
    r = stats.ks_2samp(ref, cur)
    return r.statistic, r.pvalue


def ev_chisquare(ref, cur, kind):  # chisquare_stattest.py
    rc, cc = counts_union(ref, cur)
    r = stats.chisquare(cc, rc * (len(cur) / len(ref)))
    return r.statistic, r.pvalue


def ev_z(ref, cur, kind):  # z_stattest.py
    if len(np.unique(ref)) == 1 and len(np.unique(cur)) == 1 and np.unique(ref)[0] == np.unique(cur)[0]:
        return 0.0, 1.0
    first = sorted(np.union1d(ref, cur))[0]
    a, b = (ref != first).astype(float), (cur != first).astype(float)
    n1, n2 = len(a), len(b)
    p1, p2 = float(sum(a)) / n1, float(sum(b)) / n2
    pooled = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return z, 2 * (1 - stats.norm.cdf(np.abs(z)))


def ev_wasserstein(ref, cur, kind):  # wasserstein_distance_norm.py
    d = stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)
    return d, d


def ev_psi(ref, cur, kind):  # psi.py
    r, c = get_binned_data(ref, cur, kind)
    v = float(np.sum((r - c) * np.log(r / c)))
    return v, v


def ev_kl_div(ref, cur, kind):  # kl_div.py
    r, c = get_binned_data(ref, cur, kind)
    v = stats.entropy(r, c)
    return v, v


def ev_jensenshannon(ref, cur, kind):  # jensenshannon.py
    r, c = get_binned_data(ref, cur, kind, fill_zeroes=False)
    v = distance.jensenshannon(r, c, 2)
    return v, v


def ev_hellinger(ref, cur, kind):  # hellinger_distance.py
    keys = np.union1d(ref, cur)
    if kind == "cat":
        r, c = value_shares(ref, cur)
        s = float(np.sum(np.sqrt(r * c)))
    else:
        bins = np.histogram_bin_edges(keys, bins="sturges")
        h1 = np.histogram(ref, bins=bins, density=True)[0]
        h2 = np.histogram(cur, bins=bins, density=True)[0]
        width = (max(keys) - min(keys)) / len(h1)
        s = float(sum(math.sqrt(h1[i] * h2[i]) * width for i in range(len(h1))))
    v = math.sqrt(1 - np.clip(s, 0, 1))
    return v, v


def ev_anderson(ref, cur, kind):  # anderson_darling_stattest.py
    r = stats.anderson_ksamp([ref, cur])
    return r.statistic, r.significance_level


def ev_cramer_von_mises(ref, cur, kind):
    # cramer_von_mises_stattest.py carries its own copy of SciPy's test whose 'auto' switches to the asymptotic
    # p-value above 10 values (SciPy's own switch is at 20); the formulas are SciPy's, so call SciPy with that method.
    method = "exact" if max(len(ref), len(cur)) <= 10 else "asymptotic"
    r = stats.cramervonmises_2samp(ref, cur, method=method)
    return r.statistic, r.pvalue


def ev_mannw(ref, cur, kind):  # mann_whitney_urank_stattest.py (0.4: alternative="less")
    r = stats.mannwhitneyu(ref, cur, alternative="less")
    return r.statistic, r.pvalue


def mannw_two_sided(ref, cur, kind):  # Fathom's textbook variant
    r = stats.mannwhitneyu(ref, cur, alternative="two-sided")
    return r.statistic, r.pvalue


def ev_t_test(ref, cur, kind):  # t_test.py
    r = stats.ttest_ind(ref, cur)
    return r.statistic, r.pvalue


def ev_ed(ref, cur, kind):  # energy_distance.py
    v = stats.energy_distance(ref, cur)
    return v, v


def ev_es(ref, cur, kind):  # epps_singleton_stattest.py (refuses a zero interquartile range)
    if stats.iqr(np.hstack((ref, cur))) == 0:
        raise ValueError("interquartile range is zero")
    r = stats.epps_singleton_2samp(ref, cur)
    return r.statistic, r.pvalue


def ev_fisher_exact(ref, cur, kind):
    # fisher_exact_stattest.py + utils.generate_fisher2x2_contingency_table (which also demands equal sizes; Fathom
    # does not). Columns: [first category, other]; the two-sided p-value does not depend on that order.
    first = sorted(np.union1d(ref, cur))[0]
    table = [[np.count_nonzero(cur == first), np.count_nonzero(cur != first)],
             [np.count_nonzero(ref == first), np.count_nonzero(ref != first)]]
    r = stats.fisher_exact(table)
    return r[0], r[1]


def ev_g_test(ref, cur, kind):
    # g_stattest.py passes raw reference counts as f_exp, which SciPy >= 1.9 rejects unless both samples have the same
    # size. Fathom scales the reference counts to the current total (as chisquare does): identical when sizes match.
    rc, cc = counts_union(ref, cur)
    r = stats.power_divergence(cc, rc * (len(cur) / len(ref)), lambda_="log-likelihood")
    return r.statistic, r.pvalue


def ev_tvd_statistic(ref, cur, kind):  # tvd_stattest.py (_total_variation_distance; p-value is a permutation test)
    rc, cc = counts_union(ref, cur)
    return 0.5 * np.sum(np.abs(rc / rc.sum() - cc / cc.sum()))


def ev_tvd(ref, cur, kind):
    observed = ev_tvd_statistic(ref, cur, kind)
    np.random.seed(0)
    combined = np.concatenate([ref, cur])
    hold = []
    for _ in range(1000):
        perm = np.random.permutation(combined)
        hold.append(ev_tvd_statistic(perm[:len(ref)], perm[len(ref):], kind))
    return observed, float(np.mean(observed <= np.abs(np.array(hold))))


def chisquare_contingency(ref, cur, kind):  # Fathom's textbook two-sample chi-square
    rc, cc = counts_union(ref, cur)
    r = stats.chi2_contingency(np.array([rc, cc]))
    return r[0], r[1]


def ev_mmd(ref, cur, kind):  # mmd_stattest.py (0.4): RBF kernel, median heuristic on reference pairs, 100 permutations
    x = ref.reshape(-1, 1)
    y = cur.reshape(-1, 1)
    dxx = (x ** 2).T - 2 * x @ x.T + x ** 2
    sigma = (0.5 * np.percentile(dxx.flatten(), 50, method="nearest")) ** 0.5
    if sigma == 0:
        sigma = (0.5 * 1) ** 0.5
    gamma = 1.0 / (2.0 * sigma ** 2)
    kern = lambda a, b: np.exp(-gamma * ((b ** 2).T - 2 * a @ b.T + a ** 2))
    kxx, kxy, kyy = kern(x, x), kern(x, y), kern(y, y)
    k = np.concatenate((np.concatenate((kxx, kxy), axis=1), np.concatenate((kxy.T, kyy), axis=1)), axis=0)
    k = k - np.diag(np.diagonal(k))
    ny = y.shape[0]

    def mmd(km):
        nx = km.shape[0] - ny
        return (1 / (nx * (nx - 1))) * km[:-ny, :-ny].sum() + (1 / (ny * (ny - 1))) * km[-ny:, -ny:].sum() \
            - 2.0 * km[-ny:, :-ny].mean()

    observed = mmd(k)
    rng = np.random.default_rng(0)
    perms = []
    for _ in range(100):
        idx = rng.permutation(k.shape[0])
        perms.append(mmd(k[idx][:, idx]))
    return observed, float(np.mean(observed <= np.array(perms)))


TESTS = {
    "ks": ev_ks, "chisquare": ev_chisquare, "z": ev_z, "wasserstein": ev_wasserstein, "psi": ev_psi,
    "kl_div": ev_kl_div, "jensenshannon": ev_jensenshannon, "hellinger": ev_hellinger, "anderson": ev_anderson,
    "cramer_von_mises": ev_cramer_von_mises, "mannw": ev_mannw, "mannw_two_sided": mannw_two_sided,
    "t_test": ev_t_test, "ed": ev_ed, "es": ev_es, "fisher_exact": ev_fisher_exact, "g_test": ev_g_test,
    "TVD": ev_tvd, "chisquare_contingency": chisquare_contingency, "emperical_mmd": ev_mmd,
}

# Randomised p-values (permutations with another RNG than NumPy's) compare within an absolute tolerance; their
# statistics compare exactly.
PERMUTATION_P_ATOL = {"TVD": 0.07, "emperical_mmd": 0.15}


def normal(n, seed, loc=0.0, scale=1.0, decimals=None):
    spec = {"gen": "normal", "n": n, "seed": seed, "loc": loc, "scale": scale}
    if decimals is not None:
        spec["decimals"] = decimals
    return spec


def ints(n, seed, low, high):
    return {"gen": "uniform_int", "n": n, "seed": seed, "low": low, "high": high}


def cats(n, seed, weights):
    return {"gen": "categorical", "n": n, "seed": seed, "weights": weights}


NUM_SAMPLES = {
    "shifted_normal_200": (normal(200, 1), normal(180, 2, loc=0.3)),
    "same_normal_40": (normal(40, 3), normal(40, 4)),
    "equal_sizes_25": (normal(25, 5, decimals=2), normal(25, 6, loc=0.8, decimals=2)),
    "ties_integers": (ints(300, 7, 0, 12), ints(250, 8, 1, 12)),
    "few_values": (ints(500, 9, 0, 4), ints(400, 10, 0, 4)),
    "small_7_vs_6": ([0.5, 1.2, 3.3, 2.2, 0.1, 4.4, 2.8], [1.9, 3.1, 5.2, 4.8, 2.5, 3.9]),
    "tiny_3_vs_4": ([1.0, 2.0, 3.0], [2.5, 3.5, 4.5, 5.5]),
    "n1_vs_5": ([0.7], [0.1, 0.4, 0.9, 1.3, 2.0]),
    "exact_5000_7000": (normal(5000, 11), normal(7000, 12, loc=0.05, scale=1.1)),
    "asymptotic_100k": (normal(100000, 13, decimals=3), normal(90000, 14, loc=0.01, decimals=3)),
    "asymptotic_small_en": (normal(20000, 15), normal(120, 16, loc=0.2)),
    "asymptotic_same": (normal(12000, 17), normal(11000, 18)),
    "constant_both": ([2.0] * 30, [2.0] * 20),
    "constant_reference": ([1.0] * 50, [1.0] + [1.5] * 39),
    "wide_scale": (normal(1500, 20, loc=1000.0, scale=250.0, decimals=1), normal(1400, 21, loc=1040.0, scale=260.0, decimals=1)),
}

CAT_SAMPLES = {
    "three_categories": (cats(400, 31, [0.5, 0.3, 0.2]), cats(350, 32, [0.4, 0.35, 0.25]), 3),
    "binary": (cats(300, 33, [0.6, 0.4]), cats(280, 34, [0.5, 0.5]), 2),
    "binary_same": (cats(200, 35, [0.7, 0.3]), cats(200, 36, [0.7, 0.3]), 2),
    "unseen_in_reference": ([0, 1, 1, 2, 0, 1, 2, 2, 1, 0], [0, 1, 3, 2, 1, 1, 3, 0, 2, 1, 1], 4),
    "missing_in_current": ([0, 1, 2, 2, 1, 0, 2, 1], [0, 0, 1, 1, 0, 1], 3),
    "constant_same": ([1] * 20, [1] * 15, 2),
    "constant_different": ([0] * 20, [1] * 15, 2),
    "n1": ([1], [0, 1, 1, 0, 1], 2),
    "many_categories_100k": (cats(100000, 37, [0.3, 0.2, 0.15, 0.1, 0.1, 0.05, 0.05, 0.05]),
                             cats(80000, 38, [0.28, 0.22, 0.15, 0.1, 0.1, 0.05, 0.05, 0.05]), 8),
}

NUMERICAL_TESTS = ["ks", "wasserstein", "psi", "kl_div", "jensenshannon", "hellinger", "anderson", "cramer_von_mises",
                   "mannw", "mannw_two_sided", "t_test", "ed", "es", "emperical_mmd"]
CATEGORICAL_TESTS = ["chisquare", "z", "psi", "kl_div", "jensenshannon", "hellinger", "fisher_exact", "g_test", "TVD",
                     "chisquare_contingency"]
# O(n^2) or permutation tests are only run on samples where that stays cheap in the oracle and in C#.
QUADRATIC = {"emperical_mmd": 2500, "TVD": 20000, "es": None}


def materialize(sample):
    return generate(sample) if isinstance(sample, dict) else np.array(sample)


def describe(sample, values):
    if isinstance(sample, dict):
        return {"generator": sample, "checksum": float(np.sum(values)), "head": values[:3].tolist()}
    return {"values": values.tolist()}


def finite_or_none(v):
    v = float(v)
    return v if math.isfinite(v) else ("inf" if v > 0 else "-inf" if v < 0 else "nan")


def case(test, kind, name, ref_spec, cur_spec, category_count=None):
    ref, cur = materialize(ref_spec), materialize(cur_spec)
    limit = QUADRATIC.get(test, 10 ** 9)
    if limit is not None and max(len(ref), len(cur)) > limit:
        return None
    if test == "fisher_exact" and category_count != 2:
        return None
    if test in ("z",) and len(np.union1d(ref, cur)) > 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            statistic, score = TESTS[test](ref, cur, kind)
        except (ValueError, ArithmeticError, np.linalg.LinAlgError) as error:
            return {"test": test, "kind": kind, "name": name, "reference": describe(ref_spec, ref),
                    "current": describe(cur_spec, cur), "category_count": category_count, "scipy_error": str(error)}
    entry = {"test": test, "kind": kind, "name": name, "reference": describe(ref_spec, ref),
             "current": describe(cur_spec, cur), "statistic": finite_or_none(statistic),
             "drift_score": finite_or_none(score)}
    if category_count is not None:
        entry["category_count"] = category_count
    if test in PERMUTATION_P_ATOL:
        entry["drift_score_atol"] = PERMUTATION_P_ATOL[test]
    return entry


def main():
    cases = []
    for test in NUMERICAL_TESTS:
        for name, (r, c) in NUM_SAMPLES.items():
            cases.append(case(test, "num", name, r, c))
    for test in CATEGORICAL_TESTS:
        for name, (r, c, k) in CAT_SAMPLES.items():
            cases.append(case(test, "cat", name, r, c, k))
    cases = [c for c in cases if c is not None]
    out = {
        "generated_by": "tools/oracle/generate_stat_references.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "cases": cases,
    }
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    path = os.path.join(root, "tests", "Fathom.Monitoring.Tests", "Statistics", "Reference", "drift_references.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases -> {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
