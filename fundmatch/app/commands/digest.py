"""``fundmatch digest``: what is new or changed for each saved client since its last digest."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from fundmatch.clients.digest_render import FORMATS, client_calendar, digest_json, digest_markdown
from fundmatch.core.errors import ProfileError
from fundmatch.core.settings import load_settings


def file_stem(name: str) -> str:
    """A client's name as a file name."""
    return re.sub(r"[^\w.-]+", "-", name).strip("-.") or "client"


@click.command("digest")
@click.option("--profile", "names", multiple=True, help="Only this saved client (repeatable).")
@click.option(
    "--all", "every", is_flag=True, help="Every saved client (the default when no --profile is given)."
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="List what was new or changed from this date on (YYYY-MM-DD), including what earlier digests reported.",
)
@click.option("--format", "output", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "--k", default=10, show_default=True, type=click.IntRange(1, 50), help="How many results per client."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one file per client into this folder instead of printing.",
)
def digest(names: tuple[str, ...], every: bool, since, output: str, k: int, out: Path | None) -> None:
    """Rank every saved client again against the current index and list what is new or changed since
    its last digest: new opportunities, changed deadlines or budgets, calls that opened, deadlines
    within 30, 14 or 7 days; each with why it fits and the eligibility check, in the client's
    language. A second digest with nothing new says so.

    --format ics writes each client's calendar (every deadline of its current list, with reminders
    30, 14 and 7 days before) and does not count as a digest. Run it from cron after
    `fundmatch update && fundmatch ingest` and mail the Markdown (see the README).
    """
    from fundmatch.app.wiring import ClientRanking, open_profile_store, open_recommender, query_translator
    from fundmatch.clients.digest_state import DigestBook

    if names and every:
        raise ProfileError("give --profile NAME or --all, not both")
    settings = load_settings()
    store = open_profile_store(settings)
    chosen = [store.get(name) for name in names] if names else store.all()
    if not chosen:
        raise ProfileError(
            "no saved profile yet; add one with `fundmatch profiles add NAME --description TEXT`"
        )
    if output == "ics" and len(chosen) > 1 and out is None:
        raise ProfileError("--format ics writes one calendar per client; give --profile NAME or --out DIR")
    ranking = ClientRanking(open_recommender(settings), store, query_translator(settings))
    rank = ranking.ranker(k)
    today = settings.as_of or date.today()
    if output == "ics":
        files = {
            p.name: client_calendar(p.name, rank(p) if p.description.strip() else [], p.language)
            for p in chosen
        }
    else:
        book = DigestBook(store)
        digests = [book.run(p, rank, today, since.date() if since else None) for p in chosen]
        render = digest_markdown if output == "md" else digest_json
        files = {d.profile.name: render([d]) for d in digests} if out else {"": render(digests)}
    if out is None:
        for text in files.values():
            click.echo(text, nl=False)
        return
    from fundmatch.corpus.fetch_http import write_atomic

    for name, text in files.items():
        write_atomic(out / f"{file_stem(name)}.{output}", text.encode("utf-8"))
    click.echo(f"Wrote {len(files)} file(s) to {out}", err=True)


COMMANDS: list[click.Command] = [digest]
