-- The kiosk's answers run "Bardzo źle … Bardzo dobrze": a yes/no question
-- ("Czy obsługa była uprzejma?") reads oddly on that scale. Where the office
-- still asks the first version's questions, a new version asks the same things
-- phrased for the scale (same codes, so the reports compare them over months;
-- answers keep the version they were given to).
do $$
declare
    latest uuid;
    next_version integer;
    created uuid;
begin
    select questionnaire_id, version + 1 into latest, next_version
    from questionnaire order by version desc limit 1;
    if latest is null or not exists (
        select 1 from survey_question
        where questionnaire_id = latest and code = 'courtesy' and text_pl = 'Czy obsługa była uprzejma?')
    then
        return;
    end if;
    insert into questionnaire (version) values (next_version) returning questionnaire_id into created;
    insert into survey_question (questionnaire_id, position, code, text_pl, text_en, text_uk)
    select created, position, code,
           case code when 'courtesy' then 'Jak oceniasz uprzejmość obsługi?'
                     when 'clarity' then 'Jak oceniasz jasność udzielonych informacji?'
                     else text_pl end,
           case code when 'courtesy' then 'How do you rate the courtesy of the service?'
                     when 'clarity' then 'How do you rate the clarity of the information?'
                     when 'overall' then 'How do you rate your visit overall?'
                     else text_en end,
           case code when 'courtesy' then 'Як ви оцінюєте ввічливість обслуговування?'
                     when 'clarity' then 'Як ви оцінюєте зрозумілість наданої інформації?'
                     when 'overall' then 'Як ви загалом оцінюєте візит?'
                     else text_uk end
    from survey_question where questionnaire_id = latest;
end $$;
