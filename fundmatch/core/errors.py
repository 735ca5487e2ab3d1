"""Domain errors. Each one is shown to the user as a single line by the CLI and the app."""


class FundmatchError(Exception):
    """Base class for every error fundmatch reports to a user.

    ``message`` may be a catalogue message (marked with ``N_``) whose ``{placeholders}`` are filled
    from ``values``: ``str(error)`` is the English sentence, and the app shows it in the user's
    language from ``error.message`` and ``error.values``.
    """

    def __init__(self, message: str = "", /, **values: object) -> None:
        self.message = message
        self.values = values
        super().__init__(message.format(**values) if values else message)


class SettingsError(FundmatchError):
    """A setting is unknown or has an invalid value."""


class RegistryError(FundmatchError):
    """A pluggable component (embedder, vector store, LLM backend) was asked for by an unknown name."""


class SourceFileError(FundmatchError):
    """One input file cannot be read; the file is skipped and the run goes on."""


class ModelError(FundmatchError):
    """A model's weights are missing, corrupt or fail verification."""


class IndexNotFoundError(FundmatchError):
    """No index has been built yet at the configured location."""


class UpdateError(FundmatchError):
    """Fetching current data from the network failed."""


class LLMError(FundmatchError):
    """The configured language model backend failed or is unavailable."""


class QueryError(FundmatchError):
    """A query is empty, too long, or otherwise unusable."""


class IndexMismatchError(FundmatchError):
    """The index was built with another embedding model (or store) than the settings name."""


class IndexBusyError(FundmatchError):
    """Another ingest is writing the same index right now."""


class ProfileError(FundmatchError):
    """A saved client profile is unknown, misnamed, or the client database cannot be used."""
