"""An MCP server (the ``mcp`` package's ``MCPServer``) with two tools: ``recommend`` and ``opportunity``.
Run it with ``fundmatch mcp`` (stdio), e.g. from an MCP client's server configuration."""

from __future__ import annotations

import threading
from typing import Any

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from fundmatch.app.agents.records import agent_record, opportunity_record
from fundmatch.app.wiring import ClientRanking
from fundmatch.core.errors import FundmatchError
from fundmatch.core.models import Filters

MAX_K = 20


def build_mcp_server(ranking: ClientRanking) -> MCPServer:
    """The MCP server over ``ranking`` (the snapshot's recommender and the saved clients)."""
    server = MCPServer(
        "fundmatch",
        instructions="EU funding that fits a project: call recommend with a project description, then "
        "opportunity with an id from its answer for the full text of that call.",
    )
    lock = threading.Lock()

    @server.tool()
    def recommend(
        description: str, k: int = 5, programmes: list[str] | None = None, include_closed: bool = False
    ) -> dict[str, Any]:
        """EU funding opportunities that fit a project description (en, de, fr, it, es or pl), best
        first, each with its eligibility check, why it fits and the programme text it rests on."""
        filters = Filters(
            programmes=tuple(programmes) if programmes else Filters().programmes,
            statuses=() if include_closed else Filters().statuses,
        )
        with lock:
            try:
                run = ranking.run(description, None, filters, max(1, min(k, MAX_K)))
            except FundmatchError as exc:
                raise ToolError(str(exc)) from None
        return {
            "nothing_fits": run.nothing_fits,
            "recommendations": [agent_record(rec, run.profile.language) for rec in run.recommendations],
        }

    @server.tool()
    def opportunity(opportunity_id: str) -> dict[str, Any]:
        """One opportunity by its topic or call id, with every passage of its programme text."""
        from fundmatch.chat.index_engine import IndexEngine

        with lock:
            engine = IndexEngine(ranking.recommender)
            found = engine.opportunity(opportunity_id)
            if found is None:
                raise ToolError(f"no opportunity {opportunity_id!r} in the index")
            return opportunity_record(found, engine.passages_for(found.id))

    return server
