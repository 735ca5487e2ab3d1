"""An advisor's clients: saved profiles in SQLite, "new since" digests, deadline calendars and the
private call documents searched with the snapshot for one client."""
