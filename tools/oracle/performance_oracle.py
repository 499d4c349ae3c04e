#!/usr/bin/python3
"""Independent reference values for Fathom's classification/regression performance and target correlations.

Writes tests/Fathom.Monitoring.Tests/Fixtures/performance/<case>_{reference,current}.csv and expected.json. Each
expected value is keyed by its path in Fathom's JSON report (docs/monitoring-reports.md), computed with Debian's
scikit-learn (1.2: accuracy_score, precision_recall_fscore_support, confusion_matrix, roc_auc_score, roc_curve,
average_precision_score, log_loss on the binarized target as Evidently 0.4 calls it, brier_score_loss,
calibration_curve, r2_score, mean_absolute_error, mean_squared_error, mean_absolute_percentage_error) and SciPy
(pearsonr, spearmanr, chi2_contingency for Cramér's V). No pandas.
Run from the repository root:  /usr/bin/python3 tools/oracle/performance_oracle.py
"""
import csv
import json
import os

import numpy as np
from scipy import stats
from sklearn import metrics
from sklearn.calibration import calibration_curve

OUT = os.path.join("tests", "Fathom.Monitoring.Tests", "Fixtures", "performance")
rng = np.random.default_rng(20251127)
expected = {}


def write_csv(name, columns):
    names = list(columns)
    n = len(columns[names[0]])
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(names)
        for i in range(n):
            row = []
            for c in names:
                v = columns[c][i]
                if isinstance(v, (float, np.floating)):
                    row.append("" if np.isnan(v) else repr(float(v)))
                else:
                    row.append(str(v))
            w.writerow(row)


def num(v):
    v = float(v)
    return None if not np.isfinite(v) else v


def classification(case, side, y, pred, labels, probas=None, positive=None):
    """y, pred: label strings; labels: Fathom's sorted label list; probas: dict label -> array."""
    p = f"classification_performance.{side}"
    e = expected[case]
    e[f"{p}.rows"] = len(y)
    e[f"{p}.accuracy"] = num(metrics.accuracy_score(y, pred))
    present = sorted(set(y) | set(pred), key=lambda l: labels.index(l))
    pr, rc, f1, sup = metrics.precision_recall_fscore_support(y, pred, labels=present, zero_division=0)
    for name, avg in (("macro", "macro"), ("weighted", "weighted")):
        a = metrics.precision_recall_fscore_support(y, pred, average=avg, zero_division=0)
        e[f"{p}.{name}.precision"], e[f"{p}.{name}.recall"], e[f"{p}.{name}.f1"] = num(a[0]), num(a[1]), num(a[2])
    for i, label in enumerate(labels):
        k = f"{p}.classes[{i}]"
        e[f"{k}.label"] = label
        e[f"{k}.support"] = int(sum(1 for t in y if t == label))
        if label in present:
            j = present.index(label)
            e[f"{k}.precision"], e[f"{k}.recall"], e[f"{k}.f1"] = num(pr[j]), num(rc[j]), num(f1[j])
        else:
            e[f"{k}.precision"] = e[f"{k}.recall"] = e[f"{k}.f1"] = None
    matrix = metrics.confusion_matrix(y, pred, labels=labels)
    for r in range(len(labels)):
        for c in range(len(labels)):
            e[f"{p}.confusion_matrix.values[{r}][{c}]"] = int(matrix[r][c])
    if positive is not None:
        b = metrics.precision_recall_fscore_support(y, pred, pos_label=positive, average="binary", zero_division=0)
        e[f"{p}.precision"], e[f"{p}.recall"], e[f"{p}.f1"] = num(b[0]), num(b[1]), num(b[2])
        tn, fp, fn, tp = metrics.confusion_matrix([t == positive for t in y], [q == positive for q in pred], labels=[False, True]).ravel()
        e[f"{p}.tpr"] = num(tp / (tp + fn)) if tp + fn else None
        e[f"{p}.tnr"] = num(tn / (tn + fp)) if tn + fp else None
        e[f"{p}.fpr"] = num(fp / (fp + tn)) if fp + tn else None
        e[f"{p}.fnr"] = num(fn / (fn + tp)) if fn + tp else None
    else:
        e[f"{p}.precision"], e[f"{p}.recall"], e[f"{p}.f1"] = e[f"{p}.macro.precision"], e[f"{p}.macro.recall"], e[f"{p}.macro.f1"]
    if probas is None:
        e[f"{p}.roc_auc"] = e[f"{p}.log_loss"] = None
        return
    y = np.array(y)
    binarized = np.column_stack([(y == l).astype(int) for l in labels])
    matrix = np.column_stack([probas[l] for l in labels])
    e[f"{p}.log_loss"] = num(metrics.log_loss(binarized, matrix))
    aucs, aps = [], []
    for i, label in enumerate(labels):
        t = binarized[:, i]
        defined = 0 < t.sum() < len(t)
        auc = num(metrics.roc_auc_score(t, probas[label])) if defined else None
        ap = num(metrics.average_precision_score(t, probas[label])) if t.sum() > 0 else None
        e[f"{p}.classes[{i}].roc_auc"], e[f"{p}.classes[{i}].pr_auc"] = auc, ap
        aucs.append(auc)
        aps.append(ap)
    if positive is not None:
        i = labels.index(positive)
        e[f"{p}.roc_auc"], e[f"{p}.pr_auc"] = aucs[i], aps[i]
        t = (y == positive).astype(int)
        e[f"{p}.brier_score"] = num(metrics.brier_score_loss(t, probas[positive]))
        curve_classes = [positive]
    else:
        defined = [a for a in aucs if a is not None]
        e[f"{p}.roc_auc"] = float(np.mean(defined)) if defined else None
        defined = [a for a in aps if a is not None]
        e[f"{p}.pr_auc"] = float(np.mean(defined)) if defined else None
        e[f"{p}.brier_score"] = num(np.mean(np.sum((matrix - binarized) ** 2, axis=1)))
        curve_classes = labels
    for j, label in enumerate(curve_classes):
        t = (y == label).astype(int)
        true, predicted = calibration_curve(t, probas[label], n_bins=10, strategy="uniform")
        for b in range(len(true)):
            e[f"{p}.calibration[{j}].fraction_positive[{b}]"] = num(true[b])
            e[f"{p}.calibration[{j}].mean_predicted[{b}]"] = num(predicted[b])
        e[f"{p}.calibration[{j}].brier_score"] = num(metrics.brier_score_loss(t, probas[label]))
        fpr, tpr, _ = metrics.roc_curve(t, probas[label], drop_intermediate=False) if 0 < t.sum() < len(t) else ([], [], [])
        if len(fpr) <= 200:  # longer curves are thinned to 200 points in the report; their AUCs are still checked
            for q in range(len(fpr)):
                e[f"{p}.curves[{j}].roc.fpr[{q}]"] = num(fpr[q])
                e[f"{p}.curves[{j}].roc.tpr[{q}]"] = num(tpr[q])


def softmax(scores):
    z = np.exp(scores - scores.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


# 1. Binary: a 0/1 target and one probability column (P(1)), rounded so thresholds tie.
def binary_case(n, shift):
    y = rng.integers(0, 2, n)
    p = np.clip(np.round(1 / (1 + np.exp(-(2.2 * (y - 0.5) + rng.normal(shift, 1.0, n)))), 2), 0, 1)
    x = rng.normal(0, 1, n)
    return {"x": x, "target": y, "prediction": p}


expected["binary"] = {}
for side, n, shift in (("reference", 500, 0.0), ("current", 400, 0.6)):
    d = binary_case(n, shift)
    write_csv(f"binary_{side}.csv", d)
    y = [str(v) for v in d["target"]]
    pred = ["1" if v >= 0.5 else "0" for v in d["prediction"]]
    classification("binary", side, y, pred, ["0", "1"], {"1": d["prediction"], "0": 1 - d["prediction"]}, positive="1")

# 2. Multiclass with per-class probability columns; class "c" never occurs in the current target.
expected["multiclass"] = {}
labels = ["a", "b", "c"]
for side, n in (("reference", 600), ("current", 450)):
    k = rng.integers(0, 3 if side == "reference" else 2, n)
    scores = rng.normal(0, 1, (n, 3))
    scores[np.arange(n), k] += 1.5
    probs = np.round(softmax(scores), 3)
    y = [labels[i] for i in k]
    cols = {"f": rng.normal(0, 1, n), "target": y, "a": probs[:, 0], "b": probs[:, 1], "c": probs[:, 2]}
    write_csv(f"multiclass_{side}.csv", cols)
    pred = [labels[int(np.argmax(r))] for r in probs]  # idxmax: first column on ties, as the mapping order a, b, c
    classification("multiclass", side, y, pred, labels, {l: probs[:, i] for i, l in enumerate(labels)})

# 3. Labels only (no probabilities), and a predicted label ("z") the target never has.
expected["labels"] = {}
for side, n in (("reference", 300), ("current", 200)):
    y = rng.choice(["cat", "dog", "fox"], n, p=[0.5, 0.3, 0.2])
    pred = np.where(rng.random(n) < 0.7, y, rng.choice(["cat", "dog", "fox", "z"], n))
    write_csv(f"labels_{side}.csv", {"g": rng.normal(0, 1, n), "target": list(y), "prediction": list(pred)})
    classification("labels", side, list(y), list(pred), ["cat", "dog", "fox", "z"])

# 4. Edge cases: current all one class (ROC AUC undefined), reference predicted perfectly.
expected["edges"] = {}
yr = np.array([0, 1] * 50)
pr_ = yr.astype(float) * 0.8 + 0.1
write_csv("edges_reference.csv", {"target": yr, "prediction": pr_})
yc = np.ones(60, dtype=int)
pc = np.round(rng.random(60), 2)
write_csv("edges_current.csv", {"target": yc, "prediction": pc})
for side, y, p in (("reference", yr, pr_), ("current", yc, pc)):
    classification("edges", side, [str(v) for v in y], ["1" if v >= 0.5 else "0" for v in p], ["0", "1"], {"1": p, "0": 1 - p}, positive="1")


# 5. Regression, with zeros in the target (MAPE) and error bias over a numerical and a categorical feature.
def regression(case, side, y, p, features):
    e = expected[case]
    r = f"regression_performance.{side}"
    err = p - y
    e[f"{r}.rows"] = len(y)
    e[f"{r}.mean_error"] = num(np.mean(err))
    e[f"{r}.mean_abs_error"] = num(metrics.mean_absolute_error(y, p))
    e[f"{r}.rmse"] = num(np.sqrt(metrics.mean_squared_error(y, p)))
    e[f"{r}.r2_score"] = num(metrics.r2_score(y, p))
    ape = np.abs(err) / np.maximum(y, np.finfo(np.float64).eps)  # Evidently's formula
    if (y >= 0).all():
        assert np.isclose(100 * np.mean(ape), 100 * metrics.mean_absolute_percentage_error(y, p), rtol=1e-12)
    e[f"{r}.mean_abs_perc_error"] = num(100 * metrics.mean_absolute_percentage_error(y, p)) if (y >= 0).all() else num(100 * np.mean(ape))
    e[f"{r}.abs_error_max"] = num(np.max(np.abs(err)))
    e[f"{r}.error_std"] = num(np.std(err, ddof=1))
    e[f"{r}.abs_error_std"] = num(np.std(np.abs(err), ddof=1))
    e[f"{r}.abs_perc_error_std"] = num(np.std(ape, ddof=1))
    q5, q95 = np.quantile(err, 0.05), np.quantile(err, 0.95)
    e[f"{r}.error_quantile_5"], e[f"{r}.error_quantile_95"] = num(q5), num(q95)
    for name, mask in (("underestimation", err <= q5), ("majority", (err > q5) & (err < q95)), ("overestimation", err >= q95)):
        e[f"{r}.underperformance.{name}.mean_error"] = num(np.mean(err[mask]))
        e[f"{r}.underperformance.{name}.std_error"] = num(np.std(err[mask], ddof=1))
        e[f"{r}.underperformance.{name}.rows"] = int(mask.sum())
    for i, (name, values) in enumerate(features.items()):
        b = f"regression_performance.error_bias[{i}].{side}"
        if values.dtype.kind == "f":
            under, over = np.mean(values[err <= q5]), np.mean(values[err >= q95])
            e[f"{b}.majority"], e[f"{b}.under"], e[f"{b}.over"] = num(np.mean(values)), num(under), num(over)
            e[f"{b}.range"] = 0.0 if under == over else num(100 * abs(over - under) / (values.max() - values.min()))
        else:
            def mode(v):
                uniq, first, counts = np.unique(v, return_index=True, return_counts=True)
                best = max(range(len(uniq)), key=lambda j: (counts[j], -first[j]))
                return str(uniq[best])
            m, u, o = mode(values), mode(values[err <= q5]), mode(values[err >= q95])
            e[f"{b}.majority"], e[f"{b}.under"], e[f"{b}.over"] = m, u, o
            e[f"{b}.range"] = 1.0 if (m != u or o != m) else 0.0


expected["regression"] = {}
for side, n, bias in (("reference", 400, 0.0), ("current", 300, 1.0)):
    x = rng.normal(5, 2, n)
    c = rng.choice(["north", "south", "east"], n)
    y = np.round(np.maximum(0, 3 * x + rng.normal(0, 2, n)), 1)
    y[:7] = 0.0  # zeros in MAPE's denominator
    p = np.round(3 * x + bias + (c == "south") * 2 + rng.normal(0, 1.5, n), 2)
    write_csv(f"regression_{side}.csv", {"x": x, "c": c, "target": y, "prediction": p})
    regression("regression", side, y, p, {"x": x, "c": c})
# Perfect predictions: every error is 0.
expected["perfect"] = {}
yp = np.round(rng.normal(10, 3, 50), 1)
for side in ("reference", "current"):
    write_csv(f"perfect_{side}.csv", {"target": yp, "prediction": yp})
    e = expected["perfect"]
    e[f"regression_performance.{side}.mean_abs_error"] = num(metrics.mean_absolute_error(yp, yp))
    e[f"regression_performance.{side}.rmse"] = 0.0
    e[f"regression_performance.{side}.r2_score"] = num(metrics.r2_score(yp, yp))
    e[f"regression_performance.{side}.mean_abs_perc_error"] = num(100 * metrics.mean_absolute_percentage_error(yp, yp))

# 6. Target correlations: a numerical target (Pearson, Spearman with ties) and a categorical one (Cramér's V).
expected["correlations"] = {}
for side, n, strength in (("reference", 300, 1.0), ("current", 250, 0.2)):
    u = np.round(rng.normal(0, 1, n), 1)
    w = rng.normal(0, 1, n)
    t = np.round(strength * u + rng.normal(0, 1, n), 1)
    write_csv(f"correlations_{side}.csv", {"u": u, "w": w, "target": t})
    e = expected["correlations"]
    for i, name in enumerate(("u", "w")):
        v = {"u": u, "w": w}[name]
        e[f"target_correlations.features[{2 * i}].{side}"] = num(stats.pearsonr(t, v)[0])
        e[f"target_correlations.features[{2 * i + 1}].{side}"] = num(stats.spearmanr(t, v)[0])
expected["cramer"] = {}
for side, n, agree in (("reference", 300, 0.8), ("current", 300, 0.3)):
    t = rng.choice(["x", "y", "z"], n)
    g = np.where(rng.random(n) < agree, t, rng.choice(["x", "y", "z", "w"], n))
    h = rng.choice(["p", "q"], n)
    write_csv(f"cramer_{side}.csv", {"g": g, "h": h, "target": t})
    for i, v in enumerate((g, h)):
        rows, cols = np.unique(t), np.unique(v)
        table = np.array([[np.sum((t == r) & (v == c)) for c in cols] for r in rows])
        chi2 = stats.chi2_contingency(table, correction=False)[0]
        expected["cramer"][f"target_correlations.features[{i}].{side}"] = num(np.sqrt(chi2 / table.sum() / (min(table.shape) - 1)))

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print("wrote", sum(len(v) for v in expected.values()), "expected values")
