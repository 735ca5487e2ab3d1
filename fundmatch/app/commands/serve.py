"""``fundmatch serve``: the HTTP API on a local port (FastAPI + uvicorn)."""

from __future__ import annotations

import ipaddress
import socket

import click

from fundmatch.core.errors import FundmatchError
from fundmatch.core.settings import load_settings


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses only this machine reaches."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port_free(host: str, port: int) -> None:
    """A FundmatchError in one line when nothing can listen on ``host:port``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise FundmatchError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


@click.command("serve")
@click.option("--host", help="Address to listen on (default: setting api_host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default: setting api_port, 8765).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the HTTP API: POST /recommend, GET /opportunities/ID, POST /chat, /profiles, GET /digest,
    GET /health; OpenAPI docs at /docs. Stop with Ctrl+C.

    Any address other than loopback needs the api_key setting (FUNDMATCH_API_KEY); requests then
    carry it as "Authorization: Bearer KEY". `fundmatch recommend` uses a server running on
    api_host:api_port when it has the same settings.
    """
    import uvicorn

    from fundmatch.app.api.server import create_app
    from fundmatch.app.api.services import ApiServices

    settings = load_settings()
    host = host or settings.api_host
    port = port or settings.api_port
    if not is_loopback(host) and not settings.api_key:
        raise FundmatchError(
            f"serving on {host} lets other machines in; set an api_key (FUNDMATCH_API_KEY) or use 127.0.0.1"
        )
    check_port_free(host, port)
    click.echo("Loading the index and the models…", err=True)
    app = create_app(ApiServices.open(settings))
    click.echo(f"fundmatch API on http://{host}:{port} (docs: /docs; Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("mcp")
def mcp_command() -> None:
    """Serve the MCP tools `recommend` and `opportunity` over stdio, for MCP clients (Claude Desktop,
    IDEs, agent frameworks): put `fundmatch mcp` in the client's server configuration."""
    from fundmatch.app.agents.mcp_server import build_mcp_server
    from fundmatch.app.wiring import ClientRanking, open_profile_store, open_recommender, query_translator

    settings = load_settings()
    ranking = ClientRanking(
        open_recommender(settings), open_profile_store(settings), query_translator(settings)
    )
    build_mcp_server(ranking).run("stdio")


COMMANDS: list[click.Command] = [serve, mcp_command]
