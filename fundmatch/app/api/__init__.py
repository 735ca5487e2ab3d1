"""The HTTP API (`fundmatch serve`): FastAPI routes over the recommender, the chat, the saved clients
and their digests, and the client `fundmatch recommend` uses to reach a running server."""
