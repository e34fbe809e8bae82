"""The storage layer: the only code that talks to the database. `database.Store` opens it (migrating on
first use) and answers in plain values (tracker.values), never ORM rows; `models` holds the typed rows.
The migrations are in the top-level `db/` folder, installed as `tracker.migrations`."""
