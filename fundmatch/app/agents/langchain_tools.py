"""fundmatch inside a LangChain pipeline: a ``BaseRetriever`` whose documents are the recommended
opportunities (their evidence as text, the facts as metadata), and a tool an agent can call.

    retriever = FundmatchRetriever.from_settings(k=5)
    chain = {"context": retriever | format_docs, "question": RunnablePassthrough()} | prompt | llm
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.tools import BaseTool, StructuredTool
from pydantic import ConfigDict, Field

from fundmatch.app.agents.records import agent_record
from fundmatch.app.wiring import ClientRanking
from fundmatch.core.models import Filters, Recommendation
from fundmatch.core.settings import Settings

TOOL_NAME = "recommend_eu_funding"


def recommendation_document(rec: Recommendation, language: str = "en") -> Document:
    """One opportunity as a LangChain document: title, why, eligibility and the cited passages."""
    record = agent_record(rec, language)
    lines = [
        f"{record['id']}: {record['title']} ({record['programme']}, {record['status']})",
        f"Eligibility: {record['eligibility']}. {' '.join(record['eligibility_reasons'])}".strip(),
    ]
    if record["why"]:
        lines.append(f"Why: {record['why']}")
    lines += [f'Evidence [{e["source"]}]: "{e["text"]}"' for e in record["evidence"]]
    metadata = {k: v for k, v in record.items() if k not in {"evidence", "eligibility_reasons", "why"}}
    metadata["sources"] = [e["source"] for e in record["evidence"]]
    return Document(page_content="\n".join(lines), metadata=metadata)


class FundmatchRetriever(BaseRetriever):
    """The opportunities that fit the query (a project description), best first, with evidence."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    ranking: ClientRanking
    k: int = Field(default=5, ge=1, le=50)
    filters: Filters | None = None
    client: str | None = None  # a saved client: its documents are searched too
    language: str = "en"

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **fields: Any) -> FundmatchRetriever:
        """A retriever over the index and models the settings name (opened once, here)."""
        from fundmatch.app.wiring import open_profile_store, open_recommender, query_translator
        from fundmatch.core.settings import load_settings

        settings = settings or load_settings()
        ranking = ClientRanking(
            open_recommender(settings), open_profile_store(settings), query_translator(settings)
        )
        return cls(ranking=ranking, **fields)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        run = self.ranking.run(query, None, self.filters, self.k, self.client)
        return [recommendation_document(rec, self.language) for rec in run.recommendations]


def fundmatch_tool(ranking: ClientRanking, k: int = 5) -> BaseTool:
    """A tool that answers a project description with the fitting EU funding opportunities as JSON."""

    def recommend_eu_funding(
        description: str, programmes: list[str] | None = None, include_closed: bool = False
    ) -> str:
        """Find EU funding (Horizon Europe with the EIC, Innovation Fund, InvestEU) that fits a project.

        Args:
            description: the project and the applicant in a few sentences, in en, de, fr, it, es or pl.
            programmes: only these programmes, e.g. ["InvestEU"]; default: the core programmes.
            include_closed: list closed calls too.
        """
        filters = Filters(
            programmes=tuple(programmes) if programmes else Filters().programmes,
            statuses=() if include_closed else Filters().statuses,
        )
        run = ranking.run(description, None, filters, k)
        if run.nothing_fits:
            return json.dumps({"nothing_fits": True, "recommendations": []})
        records = [agent_record(rec, run.profile.language) for rec in run.recommendations]
        return json.dumps({"nothing_fits": False, "recommendations": records}, ensure_ascii=False)

    return StructuredTool.from_function(recommend_eu_funding, name=TOOL_NAME, parse_docstring=True)
