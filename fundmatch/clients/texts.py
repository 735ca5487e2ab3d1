"""The digest's sentences in en, de, fr, it, es and pl (facts and labels come from chat/templates.py)."""

from __future__ import annotations

_EN = {
    "digest_title": "fundmatch digest for {name}, {date}",
    "digest_first": "First digest for this client: {n} opportunities fit now.",
    "digest_count": "{n} new or changed since the last digest ({date}).",
    "digest_since": "{n} new or changed since {date}.",
    "digest_nothing": "Nothing new or changed since the last digest ({date}).",
    "digest_nothing_since": "Nothing new or changed since {date}.",
    "digest_nothing_first": "No opportunity fits this client with its profile and filters.",
    "digest_no_description": "This client has no project description; add one to rank opportunities for it.",
    "change_new": "New",
    "change_deadline": "Deadline changed: {before} → {after}",
    "change_budget": "Budget changed: {before} → {after}",
    "change_opened": "Now open for submission",
    "change_closing": "Closes in {days} days ({date})",
    "rolling": "rolling",
}

_DE = {
    "digest_title": "fundmatch-Übersicht für {name}, {date}",
    "digest_first": "Erste Übersicht für diesen Kunden: {n} Ausschreibungen passen jetzt.",
    "digest_count": "{n} neu oder geändert seit der letzten Übersicht ({date}).",
    "digest_since": "{n} neu oder geändert seit {date}.",
    "digest_nothing": "Nichts Neues oder Geändertes seit der letzten Übersicht ({date}).",
    "digest_nothing_since": "Nichts Neues oder Geändertes seit {date}.",
    "digest_nothing_first": "Keine Ausschreibung passt zu diesem Kunden mit seinem Profil und seinen Filtern.",
    "digest_no_description": "Dieser Kunde hat keine Projektbeschreibung; fügen Sie eine hinzu, um Ausschreibungen für ihn zu finden.",
    "change_new": "Neu",
    "change_deadline": "Frist geändert: {before} → {after}",
    "change_budget": "Budget geändert: {before} → {after}",
    "change_opened": "Jetzt zur Einreichung geöffnet",
    "change_closing": "Schließt in {days} Tagen ({date})",
    "rolling": "laufend",
}

_FR = {
    "digest_title": "Synthèse fundmatch pour {name}, {date}",
    "digest_first": "Première synthèse pour ce client : {n} opportunités correspondent aujourd'hui.",
    "digest_count": "{n} nouveautés ou changements depuis la dernière synthèse ({date}).",
    "digest_since": "{n} nouveautés ou changements depuis le {date}.",
    "digest_nothing": "Rien de nouveau ni de modifié depuis la dernière synthèse ({date}).",
    "digest_nothing_since": "Rien de nouveau ni de modifié depuis le {date}.",
    "digest_nothing_first": "Aucune opportunité ne correspond à ce client avec son profil et ses filtres.",
    "digest_no_description": "Ce client n'a pas de description de projet ; ajoutez-en une pour classer les opportunités.",
    "change_new": "Nouveau",
    "change_deadline": "Date limite modifiée : {before} → {after}",
    "change_budget": "Budget modifié : {before} → {after}",
    "change_opened": "Désormais ouvert aux candidatures",
    "change_closing": "Clôture dans {days} jours ({date})",
    "rolling": "en continu",
}

_IT = {
    "digest_title": "Riepilogo fundmatch per {name}, {date}",
    "digest_first": "Primo riepilogo per questo cliente: {n} opportunità sono adatte ora.",
    "digest_count": "{n} novità o modifiche dall'ultimo riepilogo ({date}).",
    "digest_since": "{n} novità o modifiche dal {date}.",
    "digest_nothing": "Niente di nuovo o modificato dall'ultimo riepilogo ({date}).",
    "digest_nothing_since": "Niente di nuovo o modificato dal {date}.",
    "digest_nothing_first": "Nessuna opportunità è adatta a questo cliente con il suo profilo e i suoi filtri.",
    "digest_no_description": "Questo cliente non ha una descrizione del progetto; aggiungetene una per classificare le opportunità.",
    "change_new": "Nuovo",
    "change_deadline": "Scadenza modificata: {before} → {after}",
    "change_budget": "Budget modificato: {before} → {after}",
    "change_opened": "Ora aperto alle domande",
    "change_closing": "Chiude tra {days} giorni ({date})",
    "rolling": "continuativa",
}

_ES = {
    "digest_title": "Resumen de fundmatch para {name}, {date}",
    "digest_first": "Primer resumen para este cliente: {n} oportunidades encajan ahora.",
    "digest_count": "{n} novedades o cambios desde el último resumen ({date}).",
    "digest_since": "{n} novedades o cambios desde el {date}.",
    "digest_nothing": "Nada nuevo ni modificado desde el último resumen ({date}).",
    "digest_nothing_since": "Nada nuevo ni modificado desde el {date}.",
    "digest_nothing_first": "Ninguna oportunidad encaja con este cliente con su perfil y sus filtros.",
    "digest_no_description": "Este cliente no tiene descripción del proyecto; añada una para clasificar oportunidades.",
    "change_new": "Nueva",
    "change_deadline": "Plazo modificado: {before} → {after}",
    "change_budget": "Presupuesto modificado: {before} → {after}",
    "change_opened": "Ahora abierta a solicitudes",
    "change_closing": "Cierra en {days} días ({date})",
    "rolling": "continuo",
}

_PL = {
    "digest_title": "Przegląd fundmatch dla {name}, {date}",
    "digest_first": "Pierwszy przegląd dla tego klienta: pasuje teraz {n} możliwości.",
    "digest_count": "{n} nowych lub zmienionych od ostatniego przeglądu ({date}).",
    "digest_since": "{n} nowych lub zmienionych od {date}.",
    "digest_nothing": "Nic nowego ani zmienionego od ostatniego przeglądu ({date}).",
    "digest_nothing_since": "Nic nowego ani zmienionego od {date}.",
    "digest_nothing_first": "Żadna możliwość nie pasuje do tego klienta przy jego profilu i filtrach.",
    "digest_no_description": "Ten klient nie ma opisu projektu; dodaj go, aby uszeregować możliwości.",
    "change_new": "Nowe",
    "change_deadline": "Zmieniony termin: {before} → {after}",
    "change_budget": "Zmieniony budżet: {before} → {after}",
    "change_opened": "Teraz otwarty na wnioski",
    "change_closing": "Zamyka się za {days} dni ({date})",
    "rolling": "w trybie ciągłym",
}

TEXTS: dict[str, dict[str, str]] = {"en": _EN, "de": _DE, "fr": _FR, "it": _IT, "es": _ES, "pl": _PL}


def digest_text(language: str, key: str, **values: object) -> str:
    """The sentence ``key`` in ``language`` (English when unsupported), filled with ``values``."""
    table = TEXTS.get(language, _EN)
    return table.get(key, _EN[key]).format(**values)
