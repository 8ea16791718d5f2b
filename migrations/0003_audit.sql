-- Append-only audit log (RODO accountability, §3.6, Std 12).

create table audit_event (
    audit_event_id bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    actor_id uuid references staff,
    -- what the actor typed or was called at the time, kept even if the account changes
    actor_login text,
    ip inet,
    action text not null check (action ~ '^[a-z_.]{3,60}$'),
    target_type text,
    target_id text,
    detail jsonb not null default '{}',
    request_id text
);
create index audit_event_time_idx on audit_event (occurred_at desc);
create index audit_event_actor_idx on audit_event (actor_id, occurred_at desc);
create index audit_event_action_idx on audit_event (action, occurred_at desc);

-- Nobody, the application's own role included, may change or remove what was recorded.
create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only' using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

revoke update, delete, truncate on audit_event from public;
revoke update, delete, truncate on audit_event from current_user;
