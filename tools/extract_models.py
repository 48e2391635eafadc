#!/usr/bin/env python3
"""Extract the trimmed AWS service models the playground validates against.

Reads botocore's machine-readable service models (Apache-2.0) and writes
`models/<service>.json`: for each operation we implement, its input/output
shape names and error names, plus every shape reachable from them with only
the fields that describe structure and constraints (type, members, required,
min, max, pattern, enum, list member, map key/value). Documentation text is
dropped.

Usage: python3 tools/extract_models.py [--botocore DIR]
Without --botocore it downloads the pinned botocore wheel with pip into a
temporary folder. The output is committed; re-run only to update the models.
"""
import argparse, gzip, json, os, subprocess, sys, tempfile, zipfile

BOTOCORE_VERSION = "1.44.8"

OPERATIONS = {
    "kms": ("kms/2014-11-01", [
        "CreateKey", "DescribeKey", "ListKeys", "CreateAlias", "UpdateAlias", "DeleteAlias",
        "ListAliases", "UpdateKeyDescription", "TagResource", "UntagResource", "ListResourceTags",
        "EnableKey", "DisableKey", "GetParametersForImport", "ImportKeyMaterial",
        "DeleteImportedKeyMaterial", "ScheduleKeyDeletion", "CancelKeyDeletion",
        "EnableKeyRotation", "DisableKeyRotation", "GetKeyRotationStatus", "RotateKeyOnDemand",
        "ListKeyRotations", "Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey",
        "GenerateDataKeyWithoutPlaintext", "GenerateRandom", "GetKeyPolicy", "GetPublicKey",
        "Sign", "Verify", "GenerateMac", "VerifyMac"]),
    "cloudwatch": ("cloudwatch/2010-08-01", [
        "PutMetricData", "ListMetrics", "GetMetricStatistics", "GetMetricData", "PutMetricAlarm",
        "DescribeAlarms", "DescribeAlarmsForMetric", "DeleteAlarms", "DescribeAlarmHistory",
        "SetAlarmState", "EnableAlarmActions", "DisableAlarmActions"]),
    "sns": ("sns/2010-03-31", [
        "CreateTopic", "DeleteTopic", "ListTopics", "GetTopicAttributes", "Subscribe",
        "ConfirmSubscription", "Unsubscribe", "ListSubscriptions", "ListSubscriptionsByTopic",
        "GetSubscriptionAttributes", "Publish"]),
    "events": ("events/2015-10-07", [
        "PutRule", "DescribeRule", "ListRules", "DeleteRule", "EnableRule", "DisableRule",
        "PutTargets", "RemoveTargets", "ListTargetsByRule", "ListRuleNamesByTarget", "PutEvents",
        "TestEventPattern"]),
    "logs": ("logs/2014-03-28", [
        "CreateLogGroup", "DeleteLogGroup", "DescribeLogGroups", "CreateLogStream",
        "DescribeLogStreams", "PutLogEvents", "GetLogEvents", "FilterLogEvents",
        "PutMetricFilter", "DeleteMetricFilter", "DescribeMetricFilters", "TestMetricFilter",
        "PutRetentionPolicy"]),
    "cloudtrail": ("cloudtrail/2013-11-01", [
        "CreateTrail", "DeleteTrail", "DescribeTrails", "GetTrailStatus", "StartLogging",
        "StopLogging", "UpdateTrail", "LookupEvents"]),
    "sqs": ("sqs/2012-11-05", [
        "CreateQueue", "DeleteQueue", "GetQueueUrl", "ListQueues", "SendMessage",
        "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes",
        "PurgeQueue"]),
    "kinesis": ("kinesis/2013-12-02", [
        "CreateStream", "DeleteStream", "ListStreams", "DescribeStreamSummary", "ListShards",
        "PutRecord", "GetShardIterator", "GetRecords"]),
    "lambda": ("lambda/2015-03-31", [
        "CreateFunction", "DeleteFunction", "GetFunction", "ListFunctions", "Invoke"]),
}

# Members AWS requires that the playground deliberately does not: the playground
# runs no code, so a Lambda function is only a named target with an invocation
# log and needs neither an execution role nor a deployment package. Keep this
# list minimal; every entry is a documented departure from AWS's validation.
RELAX_REQUIRED = {
    "lambda": {"CreateFunctionRequest": ["Role", "Code"]},
}

# Members whose shape the playground replaces because the botocore model is
# stricter than the service: ReceiveMessage's (deprecated) AttributeNames is
# typed with the queue-attribute enum, yet SQS accepts message system
# attribute names there, and the AWS CLI's own receive-message example passes
# `--attribute-names SenderId SentTimestamp`.
MEMBER_SHAPE_OVERRIDES = {
    "sqs": {("ReceiveMessageRequest", "AttributeNames"): "MessageSystemAttributeList"},
}

KEEP = ("type", "required", "min", "max", "pattern", "enum", "exception", "error")
KEEP_MEMBER = ("shape", "location", "locationName", "deprecated", "idempotencyToken")


def load(root, path):
    with gzip.open(os.path.join(root, "botocore", "data", path, "service-2.json.gz")) as f:
        return json.load(f)


def trim(root, service, path, ops):
    model = load(root, path)
    shapes = model["shapes"]
    out_shapes, out_ops = {}, {}

    def visit(name):
        if name in out_shapes:
            return
        s = shapes[name]
        t = {k: s[k] for k in KEEP if k in s}
        out_shapes[name] = t
        if "members" in s:
            t["members"] = {m: {k: v for k, v in ref.items() if k in KEEP_MEMBER}
                            for m, ref in s["members"].items()}
            for ref in s["members"].values():
                visit(ref["shape"])
        for part in ("member", "key", "value"):
            if part in s:
                t[part] = s[part]["shape"]
                visit(s[part]["shape"])

    for op in ops:
        o = model["operations"][op]
        entry = {"errors": [e["shape"] for e in o.get("errors", [])]}
        for io in ("input", "output"):
            if io in o:
                entry[io] = o[io]["shape"]
                visit(o[io]["shape"])
        if "http" in o and model["metadata"]["protocol"] == "rest-json":
            entry["http"] = {k: o["http"][k] for k in ("method", "requestUri") if k in o["http"]}
        out_ops[op] = entry
    for e in {e for op in out_ops.values() for e in op["errors"]}:
        visit(e)
    for (shape, member), target in MEMBER_SHAPE_OVERRIDES.get(service, {}).items():
        visit(target)
        out_shapes[shape]["members"][member]["shape"] = target
    for shape, members in RELAX_REQUIRED.get(service, {}).items():
        required = [m for m in out_shapes[shape].get("required", []) if m not in members]
        if required:
            out_shapes[shape]["required"] = required
        else:
            out_shapes[shape].pop("required", None)
    meta = {k: model["metadata"][k] for k in ("apiVersion", "endpointPrefix", "protocol", "serviceId", "targetPrefix") if k in model["metadata"]}
    return {"service": service, "botocore": BOTOCORE_VERSION, "metadata": meta,
            "operations": out_ops, "shapes": dict(sorted(out_shapes.items()))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--botocore", help="folder that contains botocore/data")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "models"))
    args = ap.parse_args()
    root = args.botocore
    if root is None:
        tmp = tempfile.mkdtemp()
        subprocess.check_call([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                               f"botocore=={BOTOCORE_VERSION}", "-d", tmp])
        wheel = next(f for f in os.listdir(tmp) if f.endswith(".whl"))
        zipfile.ZipFile(os.path.join(tmp, wheel)).extractall(tmp)
        root = tmp
    os.makedirs(args.out, exist_ok=True)
    for service, (path, ops) in OPERATIONS.items():
        data = trim(root, service, path, ops)
        with open(os.path.join(args.out, f"{service}.json"), "w") as f:
            json.dump(data, f, indent=1, sort_keys=False)
            f.write("\n")
        print(f"{service}: {len(data['operations'])} operations, {len(data['shapes'])} shapes")


if __name__ == "__main__":
    main()
