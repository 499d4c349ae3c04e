#!/usr/bin/python3
"""Independent reference values for Fathom's multivariate drift (src/Fathom.Monitoring/Multivariate).

Writes tests/Fathom.Monitoring.Tests/Fixtures/multivariate_{reference,current}.csv and multivariate_expected.json:
- PCA reconstruction error as NannyML's DataReconstructionDriftCalculator computes it, re-implemented with
  scikit-learn (SimpleImputer mean / most_frequent, a normalized count encoding as category_encoders' CountEncoder,
  StandardScaler, PCA(n_components=0.65)), thresholds from 10 reference chunks (n // 10 rows, remainder kept),
  mean +- 3 std (ddof=1) of the chunk means;
- Mahalanobis distance with numpy (np.cov, np.linalg.inv) on the same standardized features, chi2.ppf(0.975, d);
- Pearson correlations over pairwise-complete rows (pandas' DataFrame.corr rule, written with numpy);
- the domain classifier's ROC AUC with scikit-learn's HistGradientBoostingClassifier (depth 2, 40 rounds, learning
  rate 0.2, l2 1, 63 bins, min 20 rows per leaf) under Fathom's fold rule (the i-th row of each class in fold i % 5);
  Fathom's own trees differ in detail, so the test allows 0.03;
- roc_auc_score on fixed scores with ties (exact).
Uses Debian's python3-numpy / python3-scipy / python3-sklearn, no pandas. Run from the repository root:
    /usr/bin/python3 tools/oracle/multivariate_oracle.py
"""
import csv
import json
import os

import numpy as np
from scipy import stats
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

OUT = os.path.join("tests", "Fathom.Monitoring.Tests", "Fixtures")
rng = np.random.default_rng(20261127)
NUMERICAL = ["a", "b", "c", "d"]


def make(n, rho, shift, cat_p):
    z = rng.normal(size=(n, 3))
    a = z[:, 0]
    b = rho * z[:, 0] + np.sqrt(1 - rho * rho) * z[:, 1]  # correlation with a changes between datasets
    c = 5 + 2 * z[:, 2] + shift
    d = np.round(rng.exponential(2, n), 3)
    d[::13] = np.nan
    g = rng.choice(["x", "y", "z"], n, p=cat_p).astype(object)
    g[::29] = None
    return {"a": a, "b": b, "c": c, "d": d, "g": g}


ref = make(1003, 0.8, 0.0, [0.5, 0.3, 0.2])
cur = make(700, 0.1, 0.6, [0.3, 0.3, 0.4])


def write_csv(path, data):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(list(data))
        for i in range(len(data["a"])):
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


def matrix(data):
    return np.column_stack([data[c].astype(float) for c in NUMERICAL])


# Preprocessing fitted on the reference, as NannyML: impute, count-encode categories, standardize.
num_imputer = SimpleImputer(strategy="mean").fit(matrix(ref))
cat_ref = np.array([v if v is not None else np.nan for v in ref["g"]], dtype=object).reshape(-1, 1)
cat_imputer = SimpleImputer(strategy="most_frequent", missing_values=np.nan).fit(cat_ref)
imputed_ref_cat = cat_imputer.transform(cat_ref).ravel()
values, counts = np.unique(imputed_ref_cat.astype(str), return_counts=True)
shares = dict(zip(values, counts / len(imputed_ref_cat)))


def encode(data):
    num = num_imputer.transform(matrix(data))
    cat = np.array([v if v is not None else np.nan for v in data["g"]], dtype=object).reshape(-1, 1)
    cat = cat_imputer.transform(cat).ravel()
    enc = np.array([shares.get(str(v), 0.0) for v in cat])
    return np.column_stack([num, enc])


scaler = StandardScaler().fit(encode(ref))
zr = scaler.transform(encode(ref))
zc = scaler.transform(encode(cur))
pca = PCA(n_components=0.65, random_state=16).fit(zr)


def reconstruction_error(z):
    return np.linalg.norm(z - pca.inverse_transform(pca.transform(z)), axis=1)


er, ec = reconstruction_error(zr), reconstruction_error(zc)


def chunk_thresholds(scores):
    size = len(scores) // 10
    means = [scores[i:i + size].mean() for i in range(0, len(scores), size)]
    means = np.array(means)
    return means.mean() - 3 * means.std(ddof=1), means.mean() + 3 * means.std(ddof=1)


cov = np.cov(zr, rowvar=False)
inv = np.linalg.inv(cov)
mr = np.sqrt(np.einsum("ij,jk,ik->i", zr, inv, zr))
mc = np.sqrt(np.einsum("ij,jk,ik->i", zc, inv, zc))
limit = stats.chi2.ppf(0.975, zr.shape[1])


def pairwise_corr(data):
    out = {}
    for i, x in enumerate(NUMERICAL):
        for y in NUMERICAL[i + 1:]:
            u, v = data[x].astype(float), data[y].astype(float)
            ok = ~np.isnan(u) & ~np.isnan(v)
            out[f"{x}|{y}"] = float(np.corrcoef(u[ok], v[ok])[0, 1])
    return out


# Domain classifier: categories as ordinal codes (missing as NaN), folds by Fathom's rule.
cats = {"x": 0.0, "y": 1.0, "z": 2.0}


def classifier_matrix(data):
    g = np.array([cats[v] if v is not None else np.nan for v in data["g"]])
    return np.column_stack([matrix(data), g])


X = np.vstack([classifier_matrix(ref), classifier_matrix(cur)])
y = np.concatenate([np.zeros(len(ref["a"])), np.ones(len(cur["a"]))])
fold = np.concatenate([np.arange(len(ref["a"])) % 5, np.arange(len(cur["a"])) % 5])
oof = np.zeros(len(y))
for k in range(5):
    model = HistGradientBoostingClassifier(max_iter=40, learning_rate=0.2, max_depth=2, max_leaf_nodes=4, l2_regularization=1.0,
                                           min_samples_leaf=20, max_bins=63, early_stopping=False,
                                           categorical_features=[4], random_state=0)
    model.fit(X[fold != k], y[fold != k])
    oof[fold == k] = model.predict_proba(X[fold == k])[:, 1]

auc_scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.1]
auc_labels = [0, 0, 1, 1, 1, 0, 1, 0]

expected = {
    "pca_components": int(pca.n_components_),
    "pca_explained_variance": float(pca.explained_variance_ratio_.sum()),
    "pca_reference_mean": float(er.mean()),
    "pca_current_mean": float(ec.mean()),
    "pca_thresholds": [float(t) for t in chunk_thresholds(er)],
    "mahalanobis_reference_mean": float(mr.mean()),
    "mahalanobis_current_mean": float(mc.mean()),
    "mahalanobis_thresholds": [float(t) for t in chunk_thresholds(mr)],
    "mahalanobis_limit": float(limit),
    "mahalanobis_current_share_beyond": float((mc ** 2 > limit).mean()),
    "mahalanobis_reference_share_beyond": float((mr ** 2 > limit).mean()),
    "mahalanobis_first_current_rows": [float(v) for v in mc[:5]],
    "pca_first_current_rows": [float(v) for v in ec[:5]],
    "reference_correlations": pairwise_corr(ref),
    "current_correlations": pairwise_corr(cur),
    "domain_classifier_auc_sklearn": float(roc_auc_score(y, oof)),
    "auc_scores": auc_scores,
    "auc_labels": auc_labels,
    "auc": float(roc_auc_score(auc_labels, auc_scores)),
}

os.makedirs(OUT, exist_ok=True)
write_csv(os.path.join(OUT, "multivariate_reference.csv"), ref)
write_csv(os.path.join(OUT, "multivariate_current.csv"), cur)
with open(os.path.join(OUT, "multivariate_expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print("wrote", OUT, json.dumps({k: v for k, v in expected.items() if "correl" not in k and "first" not in k}))
