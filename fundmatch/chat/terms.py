"""The words for fundmatch's codes (status, verdict, organisation type, finance form, ...) in the
user's language; the codes themselves never reach the screen."""

from __future__ import annotations

from fundmatch.lang.i18n import NC_, tc

# (what the code names, code) -> the marked English word; the context tells a translator which
# sense of a short word is meant.
_WORDS: dict[tuple[str, str], tuple[str, str]] = {
    ("status", "open"): NC_("call status", "open"),
    ("status", "forthcoming"): NC_("call status", "forthcoming"),
    ("status", "closed"): NC_("call status", "closed"),
    ("status", "unknown"): NC_("call status", "status unknown"),
    ("verdict", "eligible"): NC_("eligibility verdict", "eligible"),
    ("verdict", "check"): NC_("eligibility verdict", "to check"),
    ("verdict", "not eligible"): NC_("eligibility verdict", "not eligible"),
    ("organisation", "sme"): NC_("organisation type", "SME"),
    ("organisation", "startup"): NC_("organisation type", "start-up"),
    ("organisation", "midcap"): NC_("organisation type", "small mid-cap"),
    ("organisation", "large"): NC_("organisation type", "large company"),
    ("organisation", "university"): NC_("organisation type", "university"),
    ("organisation", "research"): NC_("organisation type", "research organisation"),
    ("organisation", "public"): NC_("organisation type", "public body"),
    ("organisation", "cluster"): NC_("organisation type", "cluster organisation"),
    ("organisation", "ngo"): NC_("organisation type", "NGO"),
    ("finance", "grant"): NC_("form of finance", "grant"),
    ("finance", "loan"): NC_("form of finance", "loan"),
    ("finance", "guarantee"): NC_("form of finance", "guarantee"),
    ("finance", "equity"): NC_("form of finance", "equity"),
    # "ask for {form} financing": German and Polish need the genitive here.
    ("financing", "grant"): NC_("form of finance in 'financing in the form of ...'", "grant"),
    ("financing", "loan"): NC_("form of finance in 'financing in the form of ...'", "loan"),
    ("financing", "guarantee"): NC_("form of finance in 'financing in the form of ...'", "guarantee"),
    ("financing", "equity"): NC_("form of finance in 'financing in the form of ...'", "equity"),
    ("consortium", "alone"): NC_("how the applicant applies", "alone"),
    ("consortium", "consortium"): NC_("how the applicant applies", "in a consortium"),
    ("sector", "batteries"): NC_("sector", "batteries"),
    ("sector", "hydrogen"): NC_("sector", "hydrogen"),
    ("sector", "energy"): NC_("sector", "energy"),
    ("sector", "health"): NC_("sector", "health"),
    ("sector", "digital"): NC_("sector", "digital"),
    ("sector", "agrifood"): NC_("sector", "agriculture and food"),
    ("sector", "mobility"): NC_("sector", "mobility and transport"),
    ("sector", "circular"): NC_("sector", "circular economy"),
    ("sector", "climate"): NC_("sector", "climate"),
    ("sector", "space"): NC_("sector", "space"),
    ("sector", "culture"): NC_("sector", "culture and heritage"),
    ("sector", "security"): NC_("sector", "security and defence"),
    ("sector", "materials"): NC_("sector", "materials"),
    ("scheme", "horizon-ria"): NC_("subject of a sentence", "Research and innovation actions"),
    ("scheme", "horizon-ia"): NC_("subject of a sentence", "Innovation actions"),
    ("size", "small-scale"): NC_("subject of a sentence", "Small-scale projects"),
    ("size", "medium-scale"): NC_("subject of a sentence", "Medium-scale projects"),
    ("size", "large-scale"): NC_("subject of a sentence", "Large-scale projects"),
    ("activity", "PRC"): NC_("partner type", "private company"),
    ("activity", "HES"): NC_("partner type", "higher education"),
    ("activity", "REC"): NC_("partner type", "research organisation"),
    ("activity", "PUB"): NC_("partner type", "public body"),
    ("activity", "OTH"): NC_("partner type", "other"),
    ("window", "any"): NC_("deadline window", "any time"),
    ("window", "30"): NC_("deadline window", "30 days"),
    ("window", "90"): NC_("deadline window", "90 days"),
    ("window", "182"): NC_("deadline window", "6 months"),
    ("window", "365"): NC_("deadline window", "12 months"),
    ("language", "auto"): NC_("answer language", "automatic"),
    ("backend", "none"): NC_("answer backend", "templates only"),
    ("backend", "local"): NC_("answer backend", "local language model"),
    ("backend", "openai-compatible"): NC_("answer backend", "OpenAI-compatible server"),
}


def word(kind: str, code: str, language: str) -> str:
    """The word for ``code`` of ``kind`` (``status``, ``verdict``, ``organisation``, ``finance``,
    ``financing``, ``consortium``, ``sector``, ``scheme``, ``size``, ``activity``, ``window``, ``language``,
    ``backend``) in ``language``; the code itself when fundmatch has no word for it."""
    marked = _WORDS.get((kind, code))
    return tc(language, *marked) if marked else code
