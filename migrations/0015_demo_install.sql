-- Written by `okienko demo-data` when it loads the demo office into an empty database:
-- this database is a demo, and loading the demo again is safe. A database without
-- this row that holds anything (a real office) is refused by `okienko demo-data`.
create table demo_install (
    only_row boolean primary key default true check (only_row),
    loaded_at timestamptz not null default now()
);
