-- The data protection officer (inspektor ochrony danych, RODO Art. 37-39): a role of
-- its own, and the erasures done at a person's request (Art. 17) with their reason.

alter table staff_role drop constraint staff_role_role_check;
alter table staff_role add constraint staff_role_role_check
    check (role in ('clerk', 'info_point', 'director', 'department_head', 'secretary', 'supervisor', 'admin', 'iod'));

-- One erasure: who, when, why, and which records were anonymised (kind and id).
-- The person's data themselves are not kept here: that is the point.
create table erasure (
    erasure_id uuid primary key default gen_random_uuid(),
    erased_at timestamptz not null,
    erased_by uuid not null references staff,
    reason text not null check (length(reason) between 3 and 1000),
    -- [{"kind": "callback", "id": "…"}, …]
    records jsonb not null default '[]'
);
create index erasure_time_idx on erasure (erased_at desc);
