-- §7.4: the residents' satisfaction survey on kiosk tablets, and the supervisor's
-- monthly assessment of each front-desk employee.

-- The questionnaire, in versions: editing it makes a new version, and every answer
-- keeps the version it answered. The newest version is the one asked.
create table questionnaire (
    questionnaire_id uuid primary key default gen_random_uuid(),
    version integer not null unique check (version > 0),
    created_by uuid references staff,
    created_at timestamptz not null default now()
);

create table survey_question (
    survey_question_id uuid primary key default gen_random_uuid(),
    questionnaire_id uuid not null references questionnaire,
    position smallint not null check (position between 1 and 10),
    -- stable across versions (e.g. "courtesy"): reports compare a question over months
    code text not null check (code ~ '^[a-z][a-z0-9_]{1,29}$'),
    text_pl text not null check (length(text_pl) between 3 and 200),
    text_en text not null check (length(text_en) between 3 and 200),
    text_uk text not null check (length(text_uk) between 3 and 200),
    unique (questionnaire_id, position),
    unique (questionnaire_id, code)
);

-- A tablet enrolled by an admin: the device keeps a random token in a cookie, the
-- office keeps its SHA-256. A kiosk bound to a desk invites the client of each
-- visit finished there; one without a desk (at the exit) answers for the office.
create table kiosk (
    kiosk_id uuid primary key default gen_random_uuid(),
    name text not null unique check (length(name) between 2 and 100),
    desk_id uuid references desk,
    token_hash bytea unique,
    -- one-time code typed on the tablet to enrol it, valid for a short while
    enrol_code_hash bytea unique,
    enrol_code_expires_at timestamptz,
    created_by uuid references staff,
    created_at timestamptz not null default now(),
    enrolled_at timestamptz,
    revoked_at timestamptz,
    last_seen_at timestamptz
);
-- one working kiosk per desk: an invitation goes to exactly one tablet
create unique index kiosk_desk_idx on kiosk (desk_id) where revoked_at is null and desk_id is not null;

-- "Please rate your visit": made when a visit is finished at a desk with a kiosk.
create table survey_invitation (
    survey_invitation_id uuid primary key default gen_random_uuid(),
    kiosk_id uuid not null references kiosk,
    visit_id uuid not null unique references visit,
    staff_id uuid references staff,
    desk_id uuid references desk,
    department_id uuid references department,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    -- put on the kiosk's screen (once: after a timeout or "cancel" it is not shown again)
    shown_at timestamptz
);
create index survey_invitation_kiosk_idx on survey_invitation (kiosk_id, created_at desc);

-- One answer: the scores are in survey_score. Attributed to the visit's clerk,
-- desk and department through the invitation, or to the office (exit kiosk);
-- never to the resident.
create table survey_answer (
    survey_answer_id uuid primary key default gen_random_uuid(),
    questionnaire_id uuid not null references questionnaire,
    kiosk_id uuid not null references kiosk,
    -- each invitation is answered once
    survey_invitation_id uuid unique references survey_invitation,
    -- each form (and its resending after a network drop) is recorded once
    submission_key uuid not null unique,
    staff_id uuid references staff,
    desk_id uuid references desk,
    department_id uuid references department,
    lang text not null check (lang in ('pl', 'en', 'uk')),
    -- shown to supervisors only
    comment text check (length(comment) between 1 and 1000),
    answered_at timestamptz not null default now()
);
create index survey_answer_staff_idx on survey_answer (staff_id, answered_at);
create index survey_answer_time_idx on survey_answer (answered_at);
create index survey_answer_kiosk_idx on survey_answer (kiosk_id, answered_at);

create table survey_score (
    survey_answer_id uuid not null references survey_answer on delete cascade,
    survey_question_id uuid not null references survey_question,
    score smallint not null check (score between 1 and 5),
    primary key (survey_answer_id, survey_question_id)
);

-- §7.4.1, 3, 4: what only a supervisor can judge, per employee and month.
create table staff_assessment (
    staff_id uuid not null references staff,
    month date not null check (extract(day from month) = 1),
    availability smallint not null check (availability between 1 and 5),
    discipline smallint not null check (discipline between 1 and 5),
    kindness smallint not null check (kindness between 1 and 5),
    comment text not null default '' check (length(comment) <= 2000),
    assessed_by uuid references staff,
    assessed_at timestamptz not null default now(),
    primary key (staff_id, month)
);

-- Reports over months read finished visits by time, whoever served them.
create index visit_finished_idx on visit (finished_at) where status = 'done';
create index visit_redirect_from_idx on visit_redirect (from_staff_id, redirected_at);
create index visit_redirect_to_idx on visit_redirect (to_staff_id, redirected_at);
create index callback_staff_due_idx on callback (staff_id, due_on);
create index away_notice_staff_idx on away_notice (staff_id, started_at);

-- The first questionnaire (Lubawa standards: courtesy, clear information,
-- waiting time; and overall satisfaction). Admins edit it into new versions.
with q as (insert into questionnaire (version) values (1) returning questionnaire_id)
insert into survey_question (questionnaire_id, position, code, text_pl, text_en, text_uk)
select q.questionnaire_id, v.position, v.code, v.text_pl, v.text_en, v.text_uk
from q, (values
    (1, 'courtesy', 'Czy obsługa była uprzejma?', 'Were you treated courteously?',
        'Чи були з вами ввічливі?'),
    (2, 'clarity', 'Czy informacje były jasne i zrozumiałe?', 'Was the information clear and easy to understand?',
        'Чи була інформація чіткою та зрозумілою?'),
    (3, 'waiting', 'Jak oceniasz czas oczekiwania?', 'How do you rate the waiting time?',
        'Як ви оцінюєте час очікування?'),
    (4, 'overall', 'Jak ogólnie oceniasz wizytę w urzędzie?', 'Overall, how satisfied are you with your visit?',
        'Наскільки ви загалом задоволені візитом?')
) as v (position, code, text_pl, text_en, text_uk);
