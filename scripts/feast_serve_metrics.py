#!/usr/bin/env python3
"""`feast serve --metrics` with its Prometheus endpoint on a port of our choice.

Feast 0.66 always binds the metrics endpoint to port 8000; tests and the demo
run beside other servers, so this moves it:

    feast_serve_metrics.py METRICS_PORT --chdir REPO serve --metrics --port 6566 ...
"""

import sys

import feast.metrics as metrics

port = int(sys.argv.pop(1))
original = metrics.start_metrics_server
metrics.start_metrics_server = lambda store, *args, **kwargs: original(store, port, *args[1:], **kwargs)

from feast.cli.cli import cli  # noqa: E402  (after the patch)

sys.argv[0] = "feast"
cli()
