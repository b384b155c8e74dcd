"""The process's one botocore session and the client settings of every AWS call the function makes.

botocore directly, not boto3: boto3's import pulls in s3transfer (~70 ms of cold start) and we use no
boto3 resources. One session per process: each new session loads the endpoint and service models again
(~0.15 s of a cold start), so the secrets read at start-up and the handler's clients share this one.
"""

from __future__ import annotations

import threading
from typing import Any

_session: Any = None
_lock = threading.Lock()


def client(service: str, region: str, endpoint_url: str | None = None) -> Any:
    """A botocore client with short timeouts and standard retries.

    Short, because Channel.io waits on the webhook and a state-machine Task has the function's timeout.
    """
    import botocore.session
    from botocore.config import Config

    global _session
    with _lock:  # a botocore session is not thread-safe; its clients are
        if _session is None:
            _session = botocore.session.get_session()
        config = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "max_attempts": 3})
        return _session.create_client(service, region_name=region, endpoint_url=endpoint_url, config=config)
