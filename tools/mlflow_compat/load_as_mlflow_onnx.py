#!/usr/bin/python3
"""Loads a model package the way MLflow 2.17's `mlflow.onnx` does, and prints what it found as JSON.

Usage: /usr/bin/python3 tools/mlflow_compat/load_as_mlflow_onnx.py MODEL_DIR
Needs Debian's python3-onnx and python3-yaml (MLflow itself is not in Debian's packages, so its loading steps are
replayed here from mlflow/onnx/__init__.py and mlflow/models/model.py):
- `mlflow.pyfunc.load_model` reads MLmodel, takes `flavors.python_function`, imports its `loader_module` and calls
  `_load_pyfunc(os.path.join(model_dir, conf["data"]))`; mlflow.onnx's wrapper then reads MLmodel again from that
  file's parent folder and opens the file with ONNX Runtime;
- `mlflow.onnx.load_model` takes `flavors.onnx.data` and runs `onnx.checker.check_model(file)` then `onnx.load(file)`;
- the signature's `inputs`/`outputs` are JSON strings, and `saved_input_example_info` names a file in the folder.
Any step that would fail in MLflow exits with status 1 and says which.
"""
import json
import os
import sys
from pathlib import Path

import onnx
import yaml


def fail(message):
    print(json.dumps({"ok": False, "error": message}))
    sys.exit(1)


def main(model_dir):
    mlmodel_path = os.path.join(model_dir, "MLmodel")
    if not os.path.isfile(mlmodel_path):
        fail("no MLmodel file in " + model_dir)
    with open(mlmodel_path) as f:
        meta = yaml.safe_load(f)
    flavors = meta.get("flavors") or {}

    pyfunc = flavors.get("python_function")
    if pyfunc is None:
        fail("MLmodel has no python_function flavor: mlflow.pyfunc.load_model would refuse it")
    if pyfunc.get("loader_module") != "mlflow.onnx":
        fail("python_function.loader_module is %r, not 'mlflow.onnx'" % pyfunc.get("loader_module"))
    pyfunc_data = os.path.join(model_dir, pyfunc["data"])
    if not os.path.isfile(os.path.join(str(Path(pyfunc_data).parent), "MLmodel")):
        fail("mlflow.onnx's wrapper reads MLmodel beside python_function.data, and there is none")

    onnx_flavor = flavors.get("onnx")
    if onnx_flavor is None:
        fail("MLmodel has no onnx flavor: mlflow.onnx.load_model would refuse it")
    providers = onnx_flavor.get("providers")
    if providers is not None and not all(isinstance(p, str) for p in providers):
        fail("onnx.providers must be a list of strings")
    model_file = os.path.join(model_dir, onnx_flavor["data"])
    try:
        onnx.checker.check_model(model_file)
        model = onnx.load(model_file)
    except Exception as e:  # noqa: BLE001 - any failure is MLflow's failure too
        fail("onnx could not load %s: %s" % (model_file, e))

    signature = meta.get("signature") or {}
    inputs = json.loads(signature["inputs"]) if "inputs" in signature else None
    outputs = json.loads(signature["outputs"]) if signature.get("outputs") else None

    example = meta.get("saved_input_example_info")
    if example is not None and not os.path.isfile(os.path.join(model_dir, example["artifact_path"])):
        fail("saved_input_example_info names %s, which is not in the folder" % example["artifact_path"])

    initializers = {i.name for i in model.graph.initializer}
    print(json.dumps({
        "ok": True,
        "graph_inputs": [i.name for i in model.graph.input if i.name not in initializers],
        "graph_outputs": [o.name for o in model.graph.output],
        "signature_inputs": [c.get("name") for c in inputs] if inputs is not None else None,
        "signature_outputs": [c.get("name") for c in outputs] if outputs is not None else None,
        "input_example": example,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
