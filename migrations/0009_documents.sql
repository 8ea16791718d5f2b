-- Printed documents fit to sign: an employee's position (stanowisko) as written
-- on an authorisation ("Inspektor", "Podinspektor ds. rejestracji pojazdów").
alter table staff add column job_title text not null default ''
    check (length(job_title) <= 120 and job_title !~ '[[:cntrl:]]');
