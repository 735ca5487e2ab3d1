"""fundmatch for LLM and agent pipelines: a LangChain retriever and tool, and an MCP server."""
