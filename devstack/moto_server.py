"""Start a real moto server on loopback: the local AWS wire endpoint for tests, demo and bench.

Never imported by the Lambda runtime path.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

import httpx
from moto.server import ThreadedMotoServer

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "ap-northeast-2",
    "AWS_REGION": "ap-northeast-2",
}


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class MotoServer:
    """A running ThreadedMotoServer and its endpoint URL."""

    server: ThreadedMotoServer
    port: int

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def configure(self, config: dict) -> None:
        """POST /moto-api/config, e.g. to make Step Functions really execute state machines."""
        httpx.post(f"{self.endpoint}/moto-api/config", json=config, timeout=10).raise_for_status()

    def reset(self) -> None:
        """Drop every resource (between tests that need a clean account)."""
        httpx.post(f"{self.endpoint}/moto-api/reset", timeout=10).raise_for_status()

    def stop(self) -> None:
        self.server.stop()


def start_moto(port: int | None = None, set_env: bool = True) -> MotoServer:
    """Start moto on 127.0.0.1; with set_env, point boto3 at it (AWS_ENDPOINT_URL, fake keys, MOTO_PORT)."""
    port = port or free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    moto = MotoServer(server=server, port=port)
    if set_env:
        os.environ.update(FAKE_CREDENTIALS)
        os.environ["AWS_ENDPOINT_URL"] = moto.endpoint
        os.environ["MOTO_PORT"] = str(port)
    return moto
