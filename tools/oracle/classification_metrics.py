#!/usr/bin/python3
"""Reference values for Fathom.Training's own classification metrics, computed with scikit-learn.

Fathom computes accuracy, per-class and macro precision/recall/F1 and the confusion matrix itself (ML.NET gives no F1
or macro means); log-loss, AUC, MAE, RMSE and R2 come from ML.NET's evaluators and are tested against them instead.
Run from the repository root with Debian's interpreter (apt-get install -y python3-sklearn):
    /usr/bin/python3 tools/oracle/classification_metrics.py
It writes tests/Fathom.Training.Tests/Reference/classification_metrics.json.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

OUT = os.path.join("tests", "Fathom.Training.Tests", "Reference", "classification_metrics.json")
rng = np.random.default_rng(20261127)


def case(name, classes, actual, predicted):
    labels = list(range(len(classes)))
    precision, recall, f1, support = precision_recall_fscore_support(actual, predicted, labels=labels, zero_division=0)
    macro = precision_recall_fscore_support(actual, predicted, labels=labels, average="macro", zero_division=0)
    return {
        "name": name,
        "classes": classes,
        "actual": [int(a) for a in actual],
        "predicted": [int(p) for p in predicted],
        "accuracy": accuracy_score(actual, predicted),
        "precision": precision.tolist(),
        "recall": recall.tolist(),
        "f1": f1.tolist(),
        "support": support.tolist(),
        "precision_macro": macro[0],
        "recall_macro": macro[1],
        "f1_macro": macro[2],
        "confusion_matrix": confusion_matrix(actual, predicted, labels=labels).tolist(),
    }


def noisy(actual, k, accuracy):
    """Predictions that are right with the given probability, otherwise a random class."""
    wrong = rng.integers(0, k, size=len(actual))
    return np.where(rng.random(len(actual)) < accuracy, actual, wrong)


cases = []
# Five imbalanced classes like seattle-weather's.
weather = rng.choice(5, size=300, p=[0.05, 0.45, 0.4, 0.03, 0.07])
cases.append(case("imbalanced_five_classes", ["drizzle", "rain", "sun", "snow", "fog"], weather, noisy(weather, 5, 0.7)))
# A class that is never predicted (precision 0 by zero_division) and one absent from the actual labels.
actual = rng.choice([0, 1, 2], size=120)
predicted = np.where(noisy(actual, 3, 0.6) == 2, 0, noisy(actual, 3, 0.6))
predicted = np.where(predicted == 2, 1, predicted)
cases.append(case("class_never_predicted_and_class_absent", ["a", "b", "c", "d"], actual, predicted))
# Binary, as fathom train orders it: false, true.
binary = (rng.random(500) < 0.2).astype(int)
cases.append(case("binary_rare_positive", ["false", "true"], binary, noisy(binary, 2, 0.85)))

# One case per line: small diffs when a case changes.
with open(OUT, "w") as f:
    f.write('{"generator": "tools/oracle/classification_metrics.py", "sklearn": "%s", "cases": [\n' % sklearn.__version__)
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print(f"wrote {OUT}: {len(cases)} cases (scikit-learn {sklearn.__version__})")
