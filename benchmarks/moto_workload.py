#!/usr/bin/env python3
"""The mixed request workload of benches/model/mixed.rs, sent to moto
in-process through boto3 (moto's `mock_aws`: no server, no network).

Keep it in step with mixed.rs: the same setup (a queue, 20 rules with the
same patterns and an SQS target each, ten keys, ten ciphertexts), the same
operation mix in the same smooth weighted round-robin order, the same
parameters. Only the requests are timed, each on its own, so the output
also gives every operation's rate.

Prints one JSON object: versions, requests, seconds, requests_per_second,
per_operation rates, and the rate without GetMetricData (the SPEC §4 mix).

Usage: moto_workload.py [--requests N]
"""

import argparse
import datetime
import json
import os
import platform
import sys
import time

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_SESSION_TOKEN", "testing")
os.environ["AWS_DEFAULT_REGION"] = "us-west-2"

import boto3  # noqa: E402
import botocore  # noqa: E402
import moto  # noqa: E402
from moto import mock_aws  # noqa: E402

MIX = [
    ("kms", "CreateKey", 1),
    ("kms", "DescribeKey", 9),
    ("kms", "Encrypt", 20),
    ("kms", "Decrypt", 20),
    ("kms", "GenerateDataKey", 15),
    ("cloudwatch", "PutMetricData", 20),
    ("cloudwatch", "GetMetricData", 2),
    ("events", "PutEvents", 13),
]
KEYS = 10
SOURCES = ["app.orders", "app.payments", "app.inventory", "app.users"]
DETAIL_TYPES = ["Order Placed", "Payment Settled", "Stock Changed", "User Signed Up"]
STATUSES = ["ok", "pending", "failed", "failover", "ok"]


def cycle():
    """Smooth weighted round-robin over MIX, as mixed.rs::cycle."""
    total = sum(m[2] for m in MIX)
    credit = [0] * len(MIX)
    order = []
    for _ in range(total):
        for i, m in enumerate(MIX):
            credit[i] += m[2]
        pick = 0
        for i in range(1, len(MIX)):
            if credit[i] > credit[pick]:
                pick = i
        credit[pick] -= total
        order.append(pick)
    return order


def patterns():
    out = []
    for s, source in enumerate(SOURCES):
        out.append({"source": [source]})
        out.append({"source": [source], "detail-type": [DETAIL_TYPES[s]]})
        out.append({"source": [source], "detail": {"amount": [{"numeric": [">=", 250]}]}})
        out.append({"source": [source], "detail": {"status": [{"prefix": "fail"}]}})
        out.append(
            {
                "source": [source],
                "detail": {"status": [{"anything-but": ["ok", "pending"]}], "region": [{"exists": True}]},
            }
        )
    return out


def run(n_requests):
    clients = {name: boto3.client(name, region_name="us-west-2") for name in ("kms", "cloudwatch", "events", "sqs")}
    kms, cw, events, sqs = clients["kms"], clients["cloudwatch"], clients["events"], clients["sqs"]

    queue_url = sqs.create_queue(QueueName="bench-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    for i, pattern in enumerate(patterns()):
        name = f"rule-{i:02}"
        events.put_rule(Name=name, EventPattern=json.dumps(pattern))
        events.put_targets(Rule=name, Targets=[{"Id": "q", "Arn": queue_arn}])
    keys = [kms.create_key(Description=f"bench {i}")["KeyMetadata"]["KeyId"] for i in range(KEYS)]
    ciphertexts = [
        kms.encrypt(KeyId=k, Plaintext=f"secret {i}".encode())["CiphertextBlob"] for i, k in enumerate(keys)
    ]
    cw.list_metrics()  # the CloudWatch backend's first use, outside the timing
    now = datetime.datetime.now(datetime.timezone.utc)
    start, end = now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=1)

    order = cycle()
    requests = []
    for n in range(n_requests):
        service, op, _ = MIX[order[n % len(order)]]
        key = keys[n % KEYS]
        svc = f"svc{n % 5}"
        if op == "CreateKey":
            call = (kms.create_key, {"Description": f"bench key {n}"})
        elif op == "DescribeKey":
            call = (kms.describe_key, {"KeyId": key})
        elif op == "Encrypt":
            call = (kms.encrypt, {"KeyId": key, "Plaintext": f"payload {n}".encode()})
        elif op == "Decrypt":
            call = (kms.decrypt, {"CiphertextBlob": ciphertexts[n % KEYS]})
        elif op == "GenerateDataKey":
            call = (kms.generate_data_key, {"KeyId": key, "KeySpec": "AES_256"})
        elif op == "PutMetricData":
            dims = [{"Name": "Service", "Value": svc}]
            call = (
                cw.put_metric_data,
                {
                    "Namespace": "Bench/App",
                    "MetricData": [
                        {"MetricName": "Latency", "Dimensions": dims, "Value": float(n % 1000), "Unit": "Milliseconds"},
                        {"MetricName": "Requests", "Dimensions": dims, "Value": 1.0, "Unit": "Count"},
                    ],
                },
            )
        elif op == "GetMetricData":
            metric = {"Namespace": "Bench/App", "MetricName": "Latency", "Dimensions": [{"Name": "Service", "Value": svc}]}
            call = (
                cw.get_metric_data,
                {
                    "MetricDataQueries": [
                        {"Id": "latency", "MetricStat": {"Metric": metric, "Period": 60, "Stat": "Average"}}
                    ],
                    "StartTime": start,
                    "EndTime": end,
                },
            )
        else:
            s = n % len(SOURCES)
            detail = {"orderId": n, "amount": n % 500, "status": STATUSES[n % 5], "region": "us-west-2"}
            call = (
                events.put_events,
                {"Entries": [{"Source": SOURCES[s], "DetailType": DETAIL_TYPES[s], "Detail": json.dumps(detail)}]},
            )
        requests.append((op, call))

    spent = {}
    counts = {}
    for op, (fn, kwargs) in requests:
        t0 = time.perf_counter()
        fn(**kwargs)
        dt = time.perf_counter() - t0
        spent[op] = spent.get(op, 0.0) + dt
        counts[op] = counts.get(op, 0) + 1
    delivered = int(
        sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"][
            "ApproximateNumberOfMessages"
        ]
    )
    return spent, counts, delivered


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()
    with mock_aws():
        spent, counts, delivered = run(args.requests)
    total = sum(spent.values())
    without = {op: s for op, s in spent.items() if op != "GetMetricData"}
    result = {
        "moto": moto.__version__,
        "boto3": boto3.__version__,
        "botocore": botocore.__version__,
        "python": platform.python_version(),
        "requests": args.requests,
        "seconds": round(total, 3),
        "requests_per_second": round(args.requests / total, 1),
        "requests_per_second_without_GetMetricData": round(
            sum(c for op, c in counts.items() if op != "GetMetricData") / sum(without.values()), 1
        ),
        "per_operation": {
            op: {"count": counts[op], "requests_per_second": round(counts[op] / spent[op], 1)} for op in counts
        },
        "sqs_messages_delivered": delivered,
    }
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
