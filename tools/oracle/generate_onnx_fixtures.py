#!/usr/bin/python3
"""Builds the small ONNX models the Fathom.Models tests load, and the predictions they must give.

Run with Debian's python3-onnx (apt-get install -y python3-onnx): /usr/bin/python3 tools/oracle/generate_onnx_fixtures.py
The graphs use the same operators and output layout as sklearn-onnx (LinearClassifier + ZipMap, label and
probability outputs), so they stand in for scikit-learn models exported to ONNX. Expected outputs are computed here
with NumPy, independently of ONNX Runtime, and written next to the models as expected.json.
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Fathom.Models.Tests", "Fixtures", "onnx")
OPSETS = [helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 1)]


def save(graph, name):
    model = helper.make_model(graph, opset_imports=OPSETS, producer_name="fathom-fixtures", ir_version=8)
    onnx.checker.check_model(model)
    onnx.save_model(model, os.path.join(OUT, name + ".onnx"))


def softmax(scores):
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def linear_regressor():
    w = np.array([[0.5], [-1.25], [2.0]], dtype=np.float32)
    b = np.array([0.75], dtype=np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["float_input", "W"], ["xw"]), helper.make_node("Add", ["xw", "B"], ["variable"])],
        "linear_regressor",
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, 3])],
        [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])],
        [helper.make_tensor("W", TensorProto.FLOAT, [3, 1], w.flatten()), helper.make_tensor("B", TensorProto.FLOAT, [1], b)],
    )
    save(graph, "linear_regressor")
    x = np.array([[1, 2, 3], [0.5, -1, 4], [10, 0, -2], [0, 0, 0]], dtype=np.float64)
    return {"inputs": {"columns": ["x1", "x2", "x3"], "data": x.tolist()},
            "variable": (x @ w.astype(np.float64) + b).flatten().tolist()}


def iris_classifier():
    coef = np.array([[0.4, 1.2, -2.1, -0.9], [0.3, -1.1, 0.5, -0.8], [-0.7, -0.1, 1.6, 1.7]], dtype=np.float32)
    intercepts = np.array([0.2, 1.5, -1.7], dtype=np.float32)
    classes = [0, 1, 2]
    nodes = [
        helper.make_node("LinearClassifier", ["float_input"], ["label", "probability_tensor"], domain="ai.onnx.ml",
                         coefficients=coef.flatten().tolist(), intercepts=intercepts.tolist(),
                         classlabels_ints=classes, multi_class=0, post_transform="SOFTMAX"),
        helper.make_node("Identity", ["label"], ["output_label"]),
        helper.make_node("ZipMap", ["probability_tensor"], ["output_probability"], domain="ai.onnx.ml", classlabels_int64s=classes),
    ]
    seq_map = onnx.TypeProto()
    seq_map.sequence_type.elem_type.map_type.key_type = TensorProto.INT64
    seq_map.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = TensorProto.FLOAT
    graph = helper.make_graph(
        nodes, "iris_classifier",
        [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, [None, 4])],
        [helper.make_tensor_value_info("output_label", TensorProto.INT64, [None]), helper.make_value_info("output_probability", seq_map)],
    )
    save(graph, "iris_classifier_zipmap")
    x = np.array([[5.1, 3.5, 1.4, 0.2], [6.2, 2.9, 4.3, 1.3], [7.7, 3.0, 6.1, 2.3], [5.9, 3.0, 5.1, 1.8]], dtype=np.float64)
    p = softmax(x @ coef.T.astype(np.float64) + intercepts)
    return {"inputs": {"columns": ["sepal_length", "sepal_width", "petal_length", "petal_width"], "data": x.tolist()},
            "output_label": [classes[i] for i in p.argmax(axis=1)], "classes": [str(c) for c in classes],
            "output_probability": p.tolist()}


def churn_classifier():
    coef = np.array([[0.05, -0.8], [-0.05, 0.8]], dtype=np.float32)
    intercepts = np.array([0.6, -0.6], dtype=np.float32)
    nodes = [
        helper.make_node("Concat", ["age", "income"], ["features"], axis=1),
        helper.make_node("LinearClassifier", ["features"], ["label", "probabilities"], domain="ai.onnx.ml",
                         coefficients=coef.flatten().tolist(), intercepts=intercepts.tolist(),
                         classlabels_strings=["no", "yes"], multi_class=0, post_transform="SOFTMAX"),
    ]
    graph = helper.make_graph(
        nodes, "churn_classifier",
        [helper.make_tensor_value_info("age", TensorProto.FLOAT, [None, 1]), helper.make_tensor_value_info("income", TensorProto.FLOAT, [None, 1])],
        [helper.make_tensor_value_info("label", TensorProto.STRING, [None]), helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])],
    )
    save(graph, "churn_classifier")
    x = np.array([[25, 1.2], [61, 0.1], [40, 2.5], [33, 0.9]], dtype=np.float64)
    p = softmax(x @ coef.T.astype(np.float64) + intercepts)
    return {"inputs": {"columns": ["age", "income"], "data": x.tolist()},
            "label": [["no", "yes"][i] for i in p.argmax(axis=1)], "probabilities": p.tolist()}


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    expected = {"linear_regressor": linear_regressor(), "iris_classifier_zipmap": iris_classifier(), "churn_classifier": churn_classifier()}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
