"""fundmatch in agent pipelines: a real LangChain chain and agent (fake LLMs) over the retriever and
the tool, and the MCP server driven by the mcp package's own client."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake import FakeListLLM
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import PromptTemplate
from langchain_core.runnables import RunnablePassthrough

from fundmatch.app.agents.langchain_tools import TOOL_NAME, FundmatchRetriever, fundmatch_tool
from fundmatch.app.agents.mcp_server import build_mcp_server
from fundmatch.app.wiring import ClientRanking, open_profile_store, open_recommender
from fundmatch.core.settings import load_settings
from tests.chat_fakes import build_fixture_index

HEAT = "We are an SME from Germany developing industrial heat pumps for process heat."


@pytest.fixture(scope="module")
def ranking(tmp_path_factory: pytest.TempPathFactory) -> ClientRanking:
    settings = load_settings(env=build_fixture_index(tmp_path_factory.mktemp("agents") / "data"))
    return ClientRanking(open_recommender(settings), open_profile_store(settings))


class PromptRecorder(BaseCallbackHandler):
    def __init__(self) -> None:
        self.prompts: list[str] = []

    def on_llm_start(self, serialized: dict[str, Any], prompts: list[str], **kwargs: Any) -> None:
        self.prompts.extend(prompts)


def test_a_retrieval_chain_puts_the_evidence_in_the_prompt(ranking: ClientRanking) -> None:
    retriever = FundmatchRetriever(ranking=ranking, k=2)
    documents = retriever.invoke(HEAT)
    assert len(documents) == 2 and documents[0].metadata["id"] == "HORIZON-CL5-2026-D3-01-05"
    assert documents[0].metadata["sources"][0] == "horizon_europe/topics.jsonl, Expected Outcome"

    prompt = PromptTemplate.from_template("Answer from the context only.\n{context}\n\nQuestion: {question}")
    llm = FakeListLLM(responses=["HORIZON-CL5-2026-D3-01-05 fits; deadline 2026-09-15."])
    chain = (
        {
            "context": retriever | (lambda docs: "\n\n".join(d.page_content for d in docs)),
            "question": RunnablePassthrough(),
        }
        | prompt
        | llm
        | StrOutputParser()
    )
    recorder = PromptRecorder()
    answer = chain.invoke(HEAT, config={"callbacks": [recorder]})
    assert answer.startswith("HORIZON-CL5-2026-D3-01-05 fits")
    (sent,) = recorder.prompts
    assert "HORIZON-CL5-2026-D3-01-05: Industrial heat pumps" in sent
    assert 'Evidence [horizon_europe/topics.jsonl, Expected Outcome]: "Expected Outcome:' in sent
    assert sent.endswith(f"Question: {HEAT}")


class ToolCallingFake(GenericFakeChatModel):
    """The fake chat model, told about tools (it answers from its script whatever they are)."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> ToolCallingFake:
        return self


def test_an_agent_calls_the_tool_and_reads_its_answer(ranking: ClientRanking) -> None:
    from langchain.agents import create_agent

    tool = fundmatch_tool(ranking, k=2)
    assert tool.name == TOOL_NAME and "description" in tool.args
    call = {"name": TOOL_NAME, "args": {"description": HEAT}, "id": "call-1", "type": "tool_call"}
    model = ToolCallingFake(
        messages=iter([AIMessage(content="", tool_calls=[call]), AIMessage(content="Done.")])
    )
    agent = create_agent(model, tools=[tool])
    messages = agent.invoke({"messages": [("user", "What funding fits my heat pumps?")]})["messages"]
    (tool_message,) = [m for m in messages if isinstance(m, ToolMessage)]
    answer = json.loads(tool_message.content)
    assert [r["id"] for r in answer["recommendations"]][:1] == ["HORIZON-CL5-2026-D3-01-05"]
    assert len(answer["recommendations"]) == 2
    assert answer["recommendations"][0]["evidence"][0]["source"].startswith("horizon_europe/topics.jsonl")
    assert messages[-1].content == "Done."
    loans = json.loads(tool.invoke({"description": HEAT + " We need a loan.", "programmes": ["InvestEU"]}))
    assert [r["programme"] for r in loans["recommendations"]] == ["InvestEU"]


def test_the_mcp_server_answers_its_client(ranking: ClientRanking) -> None:
    from mcp import Client

    async def session() -> tuple[list[str], dict, dict, bool]:
        async with Client(build_mcp_server(ranking)) as client:
            tools = sorted(tool.name for tool in (await client.list_tools()).tools)
            found = await client.call_tool("recommend", {"description": HEAT, "k": 2})
            detail = await client.call_tool("opportunity", {"opportunity_id": "HORIZON-CL5-2026-D3-01-05"})
            missing = await client.call_tool("opportunity", {"opportunity_id": "NOPE-1"})
            empty = await client.call_tool("recommend", {"description": ""})
            errors = [(r.is_error, r.content[0].text) for r in (missing, empty)]
            return tools, found.structured_content, detail.structured_content, errors

    tools, found, detail, errors = asyncio.run(session())
    assert tools == ["opportunity", "recommend"]
    assert [r["id"] for r in found["recommendations"]][:1] == ["HORIZON-CL5-2026-D3-01-05"]
    assert len(found["recommendations"]) == 2 and found["recommendations"][0]["evidence"]
    assert detail["opportunity"]["title"] == "Industrial heat pumps for low-temperature process heat"
    assert [p["id"] for p in detail["passages"]] == ["cl5-p1", "cl5-p2"]
    assert [is_error for is_error, _ in errors] == [True, True]
    assert errors[0][1].endswith("no opportunity 'NOPE-1' in the index")
    assert errors[1][1].endswith(
        "The project description is empty; describe your project in a sentence or more."
    )
