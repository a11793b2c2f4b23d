"""gunicorn settings for production: no query strings or client addresses in access logs."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
accesslog = "-"
# %(U)s is the path without its query string: postcodes and search terms stay out.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)s'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
