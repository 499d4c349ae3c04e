"""Locust load test for a Fathom (or any MLflow-protocol) model server.

    locust -f loadtest/locustfile.py --host http://127.0.0.1:8080 --headless -u 64 -r 16 -t 30s

ROW_FILE (default loadtest/row.json) holds one dataframe_split row of the model's inputs; ROWS sets rows per request.
"""
import json
import os

from locust import FastHttpUser, constant, task

_ROWS = int(os.environ.get("ROWS", "1"))
with open(os.environ.get("ROW_FILE", os.path.join(os.path.dirname(__file__), "row.json")), encoding="utf-8") as handle:
    _SPEC = json.load(handle)
_BODY = json.dumps({"dataframe_split": {"columns": _SPEC["columns"], "data": [_SPEC["data"]] * _ROWS}})


class ScoringUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def invocations(self):
        with self.client.post("/invocations", data=_BODY, headers={"Content-Type": "application/json"},
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
            elif "predictions" not in response.json():
                response.failure("no predictions in the response")
