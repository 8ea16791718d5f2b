//! The one catalogue of every text shown to people, in Polish (default) and English.
//!
//! A key missing in one language does not compile; the tests below check that no
//! text is empty and that both languages use the same `{placeholders}`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Pl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Pl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Pl => "pl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "pl" => Some(Lang::Pl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Pl => &PL,
            Lang::En => &EN,
        }
    }

    /// The language's own name, shown on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Pl => "Polski",
            Lang::En => "English",
        }
    }
}

/// A text of the catalogue named before the language is known (`|t| t.nav_home`).
pub type Text = fn(&Texts) -> &'static str;

/// Replaces `{name}` in a catalogue text.
pub fn fill(text: &str, name: &str, value: &str) -> String {
    text.replace(&format!("{{{name}}}"), value)
}

/// "2 znaki", "5 znaków": the Polish plural of "character" (English has one form).
pub fn characters(t: &Texts, n: usize) -> &'static str {
    match (n, n % 10, n % 100) {
        (1, _, _) => t.chars_one,
        (_, 2..=4, r) if !(12..=14).contains(&r) => t.chars_few,
        _ => t.chars_many,
    }
}

macro_rules! catalogue {
    ($($key:ident: $pl:literal, $en:literal;)*) => {
        pub struct Texts { $(pub $key: &'static str,)* }
        pub static PL: Texts = Texts { $($key: $pl,)* };
        pub static EN: Texts = Texts { $($key: $en,)* };
        impl Texts {
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }
    };
}

catalogue! {
    // Layout
    app_name: "Okienko", "Okienko";
    skip_to_content: "Przejdź do treści", "Skip to content";
    main_nav: "Menu główne", "Main menu";
    nav_home: "Strona główna", "Home";
    nav_staff: "Pracownicy", "Staff";
    nav_departments: "Komórki", "Departments";
    nav_desks: "Stanowiska", "Desks";
    nav_audit: "Dziennik zdarzeń", "Audit log";
    nav_password: "Zmień hasło", "Change password";
    sign_out: "Wyloguj się", "Sign out";
    signed_in_as: "Zalogowano jako {name}", "Signed in as {name}";
    language: "Język", "Language";
    language_changed: "Zmieniono język.", "Language changed.";
    footer_note: "Biuro Obsługi Mieszkańców", "Citizens' front desk";
    error_summary_title: "Popraw następujące błędy", "There is a problem";
    error_prefix: "Błąd:", "Error:";
    yes: "Tak", "Yes";
    no: "Nie", "No";
    save: "Zapisz", "Save";
    cancel: "Anuluj", "Cancel";
    edit: "Edytuj", "Edit";
    actions: "Działania", "Actions";
    status: "Status", "Status";
    active: "Aktywne", "Active";
    inactive: "Nieaktywne", "Inactive";
    none_value: "brak", "none";
    filter: "Filtruj", "Filter";
    clear_filters: "Wyczyść filtry", "Clear filters";
    previous_page: "Poprzednia strona", "Previous page";
    next_page: "Następna strona", "Next page";
    page_of: "Strona {page}", "Page {page}";
    pagination: "Stronicowanie", "Pagination";
    saved: "Zapisano zmiany.", "Changes saved.";

    // Field validation
    field_required: "Wpisz wartość w tym polu", "Enter a value in this field";
    field_too_long: "Tekst jest za długi (najwyżej {max} znaków)", "The text is too long (at most {max} characters)";
    field_too_short: "Wpisz co najmniej {min} {chars}", "Enter at least {min} {chars}";
    chars_one: "znak", "character";
    chars_few: "znaki", "characters";
    chars_many: "znaków", "characters";
    field_bad_chars: "Pole zawiera niedozwolone znaki. Wpisz tekst ponownie, bez wklejania.", "The field contains characters that are not allowed (such as a NUL character or invalid encoding)";
    field_choose: "Wybierz jedną z opcji", "Choose one of the options";
    ask_login: "Wpisz login", "Enter your login";
    ask_password: "Wpisz hasło", "Enter your password";
    ask_current_password: "Wpisz obecne hasło", "Enter your current password";
    ask_new_password: "Wpisz nowe hasło", "Enter a new password";
    ask_confirm_password: "Wpisz nowe hasło jeszcze raz", "Enter the new password again";
    ask_full_name: "Wpisz imię i nazwisko", "Enter the full name";
    ask_staff_login: "Wpisz login pracownika", "Enter the employee's login";
    ask_roles: "Zaznacz co najmniej jedną rolę", "Tick at least one role";
    ask_department: "Wybierz komórkę", "Choose the department";
    ask_department_symbol: "Wpisz symbol komórki", "Enter the department's symbol";
    ask_department_name: "Wpisz nazwę komórki", "Enter the department's name";
    ask_desk_number: "Wpisz numer stanowiska", "Enter the desk number";
    ask_desk_floor: "Wpisz piętro (0 to parter)", "Enter the floor (0 is the ground floor)";
    ask_client_name: "Wpisz imię i nazwisko klienta", "Enter the client's name";
    ask_client_address: "Wpisz adres klienta", "Enter the client's address";
    ask_client_phone: "Wpisz telefon klienta", "Enter the client's phone number";
    ask_case_kind: "Wybierz rodzaj sprawy", "Choose the kind of matter";
    ask_hv_reason: "Wpisz, dlaczego klient nie może przyjść do urzędu", "Enter why the client cannot come to the office";
    ask_instruction: "Wpisz polecenie dla komórki", "Enter the instruction for the department";
    ask_reason: "Wpisz uzasadnienie", "Enter the reason";
    ask_drafter: "Wybierz osobę, która przygotuje upoważnienia", "Choose who drafts the authorisations";
    ask_visit_day: "Wpisz dzień wizyty jako DD.MM.RRRR, np. 02.12.2026", "Enter the day of the visit as DD.MM.YYYY, e.g. 02.12.2026";
    ask_visit_time: "Wpisz godzinę jako GG:MM, np. 10:30", "Enter the time as HH:MM, e.g. 10:30";
    ask_phone: "Wpisz numer telefonu", "Enter the phone number";
    ask_question: "Wpisz pytanie klienta", "Enter the caller's question";
    ask_promise: "Wybierz obiecany termin", "Choose the promised date";
    ask_callback_outcome: "Wpisz, co przekazano klientowi", "Enter what the caller was told";
    ask_callback_status: "Wybierz wynik oddzwonienia", "Choose the result of the call";
    ask_new_date: "Wpisz nowy termin jako DD.MM.RRRR, np. 28.11.2026", "Enter the new date as DD.MM.YYYY, e.g. 28.11.2026";
    ask_repromise_note: "Wpisz, jak poinformowano klienta", "Enter how the caller was told";
    ask_back_at: "Wpisz godzinę jako GG:MM, np. 14:45", "Enter the time as HH:MM, e.g. 14:45";
    ask_substitute: "Wybierz osobę z listy albo zostaw pole puste", "Choose a colleague from the list, or leave it empty";
    ask_employee: "Wybierz pracownika", "Choose the employee";
    ask_first_day: "Wpisz pierwszy dzień nieobecności, np. 21.11.2026", "Enter the first day of the absence, e.g. 21.11.2026";
    ask_last_day: "Wpisz ostatni dzień nieobecności, np. 21.11.2026", "Enter the last day of the absence, e.g. 21.11.2026";
    ask_absence_kind: "Wybierz rodzaj nieobecności", "Choose the kind of absence";
    ask_score: "Wybierz ocenę od 1 do 5", "Choose a score from 1 to 5";
    ask_procedure_name: "Wpisz nazwę sprawy", "Enter the name of the matter";
    ask_closed_day: "Wpisz datę dnia wolnego, np. 24.12.2026", "Enter the day off, e.g. 24.12.2026";
    ask_closed_reason: "Wpisz powód zamknięcia urzędu", "Enter why the office is closed";
    ask_redirect_to: "Wybierz osobę, do której kierujesz klienta", "Choose whom to send the client to";
    ask_redirect_note: "Wpisz, czego klient potrzebuje", "Enter what the client needs";
    ask_delay_reason: "Wpisz powód opóźnienia", "Enter the reason for the delay";
    ask_outcome: "Wybierz wynik obsługi", "Choose the outcome of the service";
    ask_settle_by: "Wpisz termin załatwienia sprawy podany klientowi, np. 28.11.2026", "Enter the date given to the client, e.g. 28.11.2026";
    ask_forms_handed: "Wpisz, jakie druki wydano", "Enter which forms were handed over";
    ask_refusal_reason: "Wpisz powód odmowy", "Enter the reason for refusing";
    ask_kiosk_name: "Wpisz nazwę kiosku", "Enter the kiosk's name";
    away_back_at_past: "Godzina powrotu musi być późniejsza niż teraz", "The time you are back must be later than now";
    field_number: "Wpisz liczbę całkowitą", "Enter a whole number";

    // Signing in
    login_title: "Logowanie", "Sign in";
    login_lead: "Zaloguj się, aby obsługiwać klientów i sprawy urzędu.", "Sign in to serve clients and handle the office's cases.";
    login_label: "Login", "Login";
    password_label: "Hasło", "Password";
    login_button: "Zaloguj się", "Sign in";
    login_failed: "Nieprawidłowy login lub hasło", "The login or password is incorrect";
    login_throttled: "Zbyt wiele nieudanych prób. Spróbuj ponownie za {seconds} s.", "Too many failed attempts. Try again in {seconds} s.";
    login_required_msg: "Zaloguj się, aby zobaczyć tę stronę.", "Sign in to see this page.";
    signed_out_msg: "Wylogowano. Do zobaczenia!", "You have signed out. Goodbye!";
    session_expired_msg: "Sesja wygasła. Zaloguj się ponownie.", "Your session has expired. Please sign in again.";
    form_expired_msg: "Formularz wygasł. Sprawdź dane i wyślij go ponownie.", "The form has expired. Check the details and send it again.";

    // Home
    home_title: "Strona główna", "Home";
    home_greeting: "Dzień dobry, {name}", "Good day, {name}";
    home_roles: "Twoje role", "Your roles";
    home_department: "Komórka", "Department";
    home_no_roles: "Nie masz jeszcze przypisanej roli. Poproś administratora o jej nadanie.", "You have no role yet. Ask an administrator to assign one.";
    home_today: "Co możesz dziś zrobić", "What you can do today";
    home_account: "Twoje konto", "Your account";
    home_password_card: "Zmień swoje hasło. Używaj hasła, którego nie używasz nigdzie indziej.", "Change your password. Use one you do not use anywhere else.";
    home_staff_card: "Konta pracowników, ich role i komórki.", "Staff accounts, their roles and departments.";
    home_departments_card: "Komórki merytoryczne i ich symbole w znakach spraw.", "Departments and their symbols in case references.";
    home_desks_card: "Stanowiska obsługi: numer, piętro, pokój, komórka.", "Service desks: number, floor, room, department.";
    home_audit_card: "Zdarzenia w systemie: kto, co i kiedy.", "Who did what in the system, and when.";
    home_accounts_count: "Aktywne konta: {count}", "Active accounts: {count}";
    home_events_today: "Zdarzenia dziś: {count}", "Events today: {count}";

    home_desk_card: "Wzywaj klientów, obsługuj i zapisuj wynik.", "Call clients, serve them and record the outcome.";
    home_register_card: "Przyjmij klienta, wydaj numer, poproś o obsługę na parterze lub wideotłumacza.", "Take in a client, give a ticket, ask for service on the ground floor or the interpreter.";
    home_callbacks_card: "Obiecane oddzwonienia, od najpilniejszych.", "Promised callbacks, most urgent first.";
    home_callbacks_count: "Otwarte: {count}, po terminie: {overdue}", "Open: {count}, overdue: {overdue}";
    home_overdue_card: "Oddzwonienia wszystkich pracowników po terminie.", "Everyone's overdue callbacks.";
    home_overdue_count: "Po terminie: {count}", "Overdue: {count}";
    home_absences_card: "Urlopy, szkolenia i inne nieobecności całodniowe.", "Leave, training and other whole-day absences.";
    home_late_count: "Spóźnione powroty na stanowisko: {count}", "Late back at the desk: {count}";
    home_directory_card: "Kto gdzie pracuje, numery telefonów i kto jest teraz na stanowisku.", "Who sits where, their phone, whether they are available now.";
    home_procedures_card: "Co klient ma przynieść, ile zapłacić, gdzie złożyć.", "What the client brings, pays and where to file.";
    home_closed_days_card: "Dni wolne urzędu, które przesuwają terminy.", "The office's days off, which move deadlines.";
    nav_desk: "Stanowisko", "Desk";
    nav_register: "Rejestracja", "Register";
    nav_callbacks: "Oddzwonienia", "Callbacks";
    nav_directory: "Wykaz", "Directory";
    nav_procedures: "Karty usług", "Procedures";
    nav_home_visits: "Wizyty domowe", "Home visits";
    home_home_visits_card: "Wnioski o wizytę w domu klienta (§5.3), które czekają na Twój krok.", "Home-visit requests (§5.3) waiting for your step.";
    home_home_visits_count: "Czekają na Ciebie: {count}", "Waiting for you: {count}";

    // Roles and what each does (§ of the Piotrków regulation in brackets)
    role_clerk: "Pracownik BOM", "Front-desk clerk";
    role_info_point: "Punkt Informacyjny", "Information point";
    role_director: "Dyrektor BOMiNO", "BOMiNO director";
    role_department_head: "Kierownik komórki", "Department head";
    role_secretary: "Sekretarz Miasta", "City Secretary";
    role_supervisor: "Przełożony", "Supervisor";
    role_admin: "Administrator", "Administrator";
    role_iod: "Inspektor ochrony danych", "Data protection officer";
    duty_clerk: "Obsługuje klientów przy stanowisku, kieruje ich do właściwych pracowników i oddzwania w obiecanym terminie (§4, §6.3).", "Serves clients at the desk, sends them to the competent colleague and calls back when promised (§4, §6.3).";
    duty_info_point: "Udziela pierwszej informacji i przyjmuje wnioski o wizytę urzędnika w domu klienta (§5.3, Załącznik Nr 1).", "Gives first information and registers requests for an official's home visit (§5.3, Attachment 1).";
    duty_director: "Dekretuje wnioski o wizyty domowe do właściwych komórek i nadzoruje obsługę (§5.3).", "Decrees home-visit requests to the competent departments and oversees the service (§5.3).";
    duty_department_head: "Wyznacza pracowników i termin wizyty domowej w sprawach swojej komórki (§5.3).", "Names the employees and the date of a home visit in the department's cases (§5.3).";
    duty_secretary: "Zatwierdza imienne upoważnienia do wizyt domowych i czuwa nad przestrzeganiem regulaminu (§5.3, §9).", "Signs the named home-visit authorisations and oversees the regulation (§5.3, §9).";
    duty_supervisor: "Ocenia zaangażowanie pracowników BOM na podstawie faktów i ankiet (§7.4).", "Evaluates the front-desk staff's engagement from facts and surveys (§7.4).";
    duty_admin: "Zarządza kontami pracowników, komórkami i stanowiskami oraz przegląda dziennik zdarzeń.", "Manages staff accounts, departments and desks, and reviews the audit log.";
    duty_iod: "Odpowiada na żądania mieszkańców dotyczące ich danych (art. 15 i 17 RODO), prowadzi rejestr czynności przetwarzania (art. 30) i sprawdza, kto odczytał dane szczególnie chronione.", "Answers residents' requests about their data (GDPR Art. 15 and 17), keeps the register of processing activities (Art. 30) and checks who read protected data.";

    // Password change
    password_title: "Zmień hasło", "Change your password";
    password_current: "Obecne hasło", "Current password";
    password_new: "Nowe hasło", "New password";
    password_new_hint: "Od 8 do 128 znaków. Najlepiej kilka słów, których nie łączy nic oczywistego.", "8 to 128 characters. Several unrelated words work well.";
    password_confirm: "Powtórz nowe hasło", "Repeat the new password";
    password_button: "Zmień hasło", "Change password";
    password_changed: "Hasło zostało zmienione.", "Your password has been changed.";
    password_wrong_current: "Obecne hasło jest nieprawidłowe", "The current password is incorrect";
    password_too_short: "Hasło musi mieć co najmniej 8 znaków", "The password must have at least 8 characters";
    password_too_long: "Hasło może mieć najwyżej 128 znaków", "The password can have at most 128 characters";
    password_common: "To hasło jest zbyt popularne.", "This password is too common.";
    password_like_login: "Hasło nie może być takie samo jak login", "The password cannot be the same as the login";
    password_mismatch: "Hasła nie są takie same", "The passwords do not match";
    // Password strength (zxcvbn's warnings and suggestions, in our words)
    password_weak: "To hasło łatwo odgadnąć.", "This password is easy to guess.";
    password_warn_key_rows: "Rzędy klawiszy z klawiatury łatwo odgadnąć.", "Straight rows of keys are easy to guess.";
    password_warn_key_patterns: "Krótkie wzory z klawiatury łatwo odgadnąć.", "Short keyboard patterns are easy to guess.";
    password_warn_repeats: "Powtórzenia (aaa, abcabc) łatwo odgadnąć.", "Repeats like aaa or abcabc are easy to guess.";
    password_warn_like_common: "To hasło przypomina bardzo popularne hasło.", "This is similar to a commonly used password.";
    password_warn_sequences: "Ciągi (abc, 1234) łatwo odgadnąć.", "Sequences like abc or 1234 are easy to guess.";
    password_warn_years: "Niedawne lata łatwo odgadnąć.", "Recent years are easy to guess.";
    password_warn_one_word: "Jedno słowo łatwo odgadnąć.", "A word by itself is easy to guess.";
    password_warn_dates: "Daty łatwo odgadnąć.", "Dates are easy to guess.";
    password_warn_names: "Imiona i nazwiska łatwo odgadnąć.", "Names and surnames are easy to guess.";
    password_tip_few_words: "Użyj kilku słów, ale nie znanych zwrotów.", "Use a few words, avoid common phrases.";
    password_tip_no_symbols_needed: "Symbole, cyfry i wielkie litery nie są potrzebne.", "Symbols, digits or capital letters are not needed.";
    password_tip_add_word: "Dodaj jeszcze jedno lub dwa słowa.", "Add another word or two.";
    password_tip_capitals: "Wielkie litery niewiele pomagają.", "Capital letters do not help very much.";
    password_tip_reversed: "Słowa pisane wspak niewiele trudniej odgadnąć.", "Reversed words are not much harder to guess.";
    password_tip_substitutions: "Przewidywalne zamiany (@ zamiast a, 0 zamiast o) niewiele pomagają.", "Predictable substitutions like @ for a do not help very much.";
    password_tip_keyboard: "Użyj dłuższego wzoru z klawiatury, z większą liczbą zakrętów.", "Use a longer keyboard pattern with more turns.";
    password_tip_repeats: "Unikaj powtarzania słów i znaków.", "Avoid repeated words and characters.";
    password_tip_sequences: "Unikaj ciągów znaków.", "Avoid sequences.";
    password_tip_years: "Unikaj dat i lat, które się z Tobą kojarzą, i niedawnych lat.", "Avoid recent years and dates associated with you.";

    // Your sessions (ASVS 7.5.2) and the password change an admin's password requires (issue 12, finding 11)
    nav_sessions: "Twoje sesje", "Your sessions";
    home_sessions_card: "Zobacz urządzenia, na których trwa Twoja sesja, i wyloguj te, których nie używasz.", "See where you are signed in and sign out devices you no longer use.";
    sessions_title: "Twoje sesje", "Your sessions";
    sessions_lead: "Urządzenia, na których trwa teraz Twoja sesja. Jeśli nie rozpoznajesz któregoś z nich, zakończ jego sesję i zmień hasło.", "The devices you are signed in on now. If you do not recognise one, end its session and change your password.";
    sessions_caption: "Zalogowane urządzenia", "Signed-in devices";
    sessions_device_col: "Urządzenie", "Device";
    sessions_address_col: "Adres IP", "IP address";
    sessions_signed_in_col: "Zalogowano", "Signed in";
    sessions_last_seen_col: "Ostatnia aktywność", "Last active";
    sessions_this_one: "To urządzenie", "This device";
    sessions_end: "Zakończ sesję", "End session";
    sessions_end_others: "Wyloguj wszystkie inne urządzenia", "Sign out all other devices";
    sessions_no_others: "Nie masz innych aktywnych sesji.", "You have no other active sessions.";
    sessions_hint: "Aby zakończyć sesję na tym urządzeniu, wyloguj się.", "To end the session on this device, sign out.";
    sessions_ended_one: "Sesja została zakończona. Na tamtym urządzeniu trzeba będzie zalogować się ponownie.", "The session has ended. That device must sign in again.";
    sessions_ended_others: "Zakończone sesje: {count}.", "Sessions ended: {count}.";
    sessions_already_ended: "Ta sesja jest już zakończona.", "That session has already ended.";
    sessions_device: "{browser} w systemie {system}", "{browser} on {system}";
    sessions_device_system: "Przeglądarka w systemie {system}", "A browser on {system}";
    sessions_device_unknown: "Nieznane urządzenie", "Unknown device";
    action_auth_session_ended: "Zakończenie innej własnej sesji", "Own other session ended";
    action_auth_other_sessions_ended: "Zakończenie wszystkich innych własnych sesji", "All own other sessions ended";
    password_must_change_title: "Ustaw własne hasło", "Choose your own password";
    password_must_change_text: "Twoje obecne hasło zostało ustawione przez administratora. Zanim przejdziesz dalej, wybierz nowe hasło, którego nie zna nikt poza Tobą. W polu „Obecne hasło” wpisz hasło otrzymane od administratora.", "Your current password was set by an administrator. Before you go on, choose a new password that nobody but you knows. In “Current password”, type the password the administrator gave you.";
    audit_field_must_change_password: "Zmiana hasła wymagana przy logowaniu", "Password change required at sign-in";
    audit_field_required_by_admin: "Wymagana po ustawieniu hasła przez administratora", "Required after an administrator set the password";
    audit_field_address: "Adres", "Address";

    // The second factor (TOTP authenticator and recovery codes; issue 12)
    sf_title: "Logowanie dwuetapowe", "Two-step sign-in";
    home_second_factor_card: "Po haśle kod z aplikacji w telefonie: konto jest bezpieczne, nawet gdy ktoś pozna hasło.", "After the password, a code from an app on your phone: your account stays safe even if someone learns the password.";
    sf_step_two: "Krok 2 z 2", "Step 2 of 2";
    sf_code_title: "Kod z aplikacji", "Code from your app";
    sf_code_lead: "Hasło jest prawidłowe. Aby dokończyć logowanie, wpisz kod, który pokazuje teraz aplikacja uwierzytelniająca w Twoim telefonie.", "Your password is right. To finish signing in, enter the code your phone's authenticator app shows now.";
    sf_code_label: "Kod z aplikacji lub kod zapasowy", "Code from the app or a recovery code";
    sf_code_hint: "6 cyfr z aplikacji uwierzytelniającej. Bez telefonu wpisz jeden z kodów zapasowych – każdy działa tylko raz.", "The 6 digits from your authenticator app. Without your phone, enter one of your recovery codes – each works once.";
    sf_ask_code: "Wpisz kod z aplikacji lub kod zapasowy", "Enter the code from your app or a recovery code";
    sf_recovery_label: "Kod zapasowy", "Recovery code";
    sf_recovery_hint: "Jeden z dziesięciu kodów otrzymanych przy włączaniu logowania dwuetapowego, np. abcd-efgh-ijkl-mnop-qrst-uvwx. Każdy działa tylko raz.", "One of the ten codes given when two-step sign-in was turned on, e.g. abcd-efgh-ijkl-mnop-qrst-uvwx. Each works once.";
    sf_use_recovery: "Nie mam przy sobie telefonu – wpiszę kod zapasowy", "I do not have my phone – enter a recovery code";
    sf_use_app: "Wpiszę kod z aplikacji", "Enter the code from the app";
    sf_code_deadline: "Na ten krok masz {minutes} minut; potem trzeba będzie ponownie podać hasło.", "You have {minutes} minutes for this step; after that you will need to enter your password again.";
    sf_start_again: "Zacznij od nowa", "Start again";
    sf_step_expired: "Czas na drugi krok logowania minął. Zaloguj się ponownie.", "The time for the second step has run out. Please sign in again.";
    sf_too_many_codes: "Zbyt wiele błędnych kodów. Zaloguj się ponownie, podając hasło.", "Too many wrong codes. Please sign in again with your password.";
    sf_code_wrong: "Ten kod jest nieprawidłowy. Sprawdź, czy zegar w telefonie ustawia się automatycznie, i wpisz aktualny kod", "This code is not right. Check that your phone sets its clock automatically, and enter the current code";
    sf_code_malformed: "Wpisz 6 cyfr z aplikacji albo kod zapasowy (24 znaki)", "Enter the 6 digits from the app or a recovery code (24 characters)";
    sf_code_replayed: "Ten kod został już użyty. Poczekaj, aż aplikacja pokaże nowy kod, i wpisz go", "This code has already been used. Wait for the app to show a new code and enter that one";
    sf_recovery_code_used: "Ten kod zapasowy został już wykorzystany. Każdy kod działa tylko raz – wpisz inny", "This recovery code has already been used. Each code works once – enter another one";
    sf_recovery_used_msg: "Zalogowano kodem zapasowym. Pozostałe kody zapasowe: {count}. Nowe można utworzyć na stronie „Logowanie dwuetapowe”.", "Signed in with a recovery code. Recovery codes left: {count}. New ones can be made on the “Two-step sign-in” page.";
    sf_enrol_title: "Włącz logowanie dwuetapowe", "Turn on two-step sign-in";
    sf_replace_title: "Przenieś logowanie na inny telefon", "Move two-step sign-in to another phone";
    sf_enrol_required_lead: "Urząd wymaga logowania dwuetapowego od osób pełniących Twoją rolę, bo mają one dostęp do danych szczególnie chronionych, np. numerów PESEL. Zanim skorzystasz z systemu, skonfiguruj aplikację uwierzytelniającą – zajmie to kilka minut.", "The office requires two-step sign-in for your role, which reaches specially protected data such as PESEL numbers. Set up an authenticator app before using the system – it takes a few minutes.";
    sf_enrol_lead: "Po włączeniu każde logowanie będzie wymagało, oprócz hasła, kodu z aplikacji w Twoim telefonie. Konto będzie bezpieczne, nawet gdy ktoś pozna hasło.", "Once it is on, every sign-in asks, besides your password, for a code from an app on your phone. Your account stays safe even if someone learns the password.";
    sf_replace_lead: "Nowy telefon zastąpi dotychczasowy: stara aplikacja i dotychczasowe kody zapasowe przestaną działać, a inne sesje tego konta zostaną zakończone.", "The new phone replaces the old one: the old app and your current recovery codes stop working, and your other sessions are ended.";
    sf_enrol_install: "Zainstaluj w telefonie aplikację uwierzytelniającą, np. Microsoft Authenticator, Google Authenticator lub FreeOTP (jeśli jeszcze jej nie masz).", "Install an authenticator app on your phone, such as Microsoft Authenticator, Google Authenticator or FreeOTP (if you do not have one yet).";
    sf_enrol_scan: "W aplikacji wybierz dodanie konta i zeskanuj ten kod QR:", "In the app, choose to add an account and scan this QR code:";
    sf_qr_label: "Kod QR do zeskanowania aplikacją uwierzytelniającą", "QR code to scan with the authenticator app";
    sf_enrol_by_hand: "Jeśli nie możesz zeskanować kodu, wpisz w aplikacji ten klucz:", "If you cannot scan the code, type this key into the app:";
    sf_enrol_settings: "Rodzaj: oparty na czasie (TOTP), 6 cyfr, nowy kod co 30 sekund.", "Type: time-based (TOTP), 6 digits, a new code every 30 seconds.";
    sf_enrol_open_app: "Otwórz w aplikacji na tym urządzeniu", "Open in an app on this device";
    sf_enrol_confirm: "Wpisz poniżej kod, który pokazuje teraz aplikacja – w ten sposób potwierdzisz, że wszystko działa.", "Enter below the code the app shows now – this confirms that everything works.";
    sf_password_hint: "Zmiana sposobu logowania wymaga potwierdzenia hasłem.", "Changing how you sign in needs your password.";
    sf_current_code_label: "Kod z dotychczasowej aplikacji lub kod zapasowy", "Code from your current app or a recovery code";
    sf_current_code_hint: "6 cyfr z aplikacji, której używasz teraz, albo jeden z kodów zapasowych.", "The 6 digits from the app you use now, or one of your recovery codes.";
    sf_ask_current_code: "Wpisz kod z dotychczasowej aplikacji lub kod zapasowy", "Enter the code from your current app or a recovery code";
    sf_new_code_label: "Kod z aplikacji", "Code from the app";
    sf_new_code_hint: "Kod, który aplikacja pokazuje teraz dla właśnie dodanego konta.", "The code the app shows now for the account you have just added.";
    sf_ask_new_code: "Wpisz kod z aplikacji", "Enter the code from the app";
    sf_new_code_wrong: "Ten kod nie pasuje. Sprawdź, czy aplikacja dodała konto z tego kodu QR i czy zegar telefonu ustawia się automatycznie, a potem wpisz aktualny kod", "This code does not match. Check that the app added the account from this QR code and that the phone sets its clock automatically, then enter the current code";
    sf_new_code_malformed: "Wpisz 6 cyfr, które pokazuje aplikacja", "Enter the 6 digits the app shows";
    sf_enrol_sign_in_button: "Włącz i zaloguj się", "Turn on and sign in";
    sf_enrol_button: "Włącz logowanie dwuetapowe", "Turn on two-step sign-in";
    sf_replace_button: "Przenieś na nowy telefon", "Move to the new phone";
    sf_codes_title: "Kody zapasowe", "Recovery codes";
    sf_enrolled_msg: "Logowanie dwuetapowe jest włączone.", "Two-step sign-in is on.";
    sf_codes_renewed_msg: "Utworzono nowe kody zapasowe. Poprzednie przestały działać.", "New recovery codes have been made. The previous ones no longer work.";
    sf_codes_lead: "Gdy nie będzie przy Tobie telefonu, zalogujesz się jednym z tych kodów. Każdy działa tylko raz.", "When you do not have your phone, you can sign in with one of these codes. Each works once.";
    sf_codes_keep: "Zapisz je teraz – wydrukuj lub przepisz – i przechowuj w bezpiecznym miejscu, z dala od telefonu. Nie pokażemy ich ponownie; w razie potrzeby utworzysz nowe.", "Save them now – print or copy them – and keep them somewhere safe, away from your phone. They will not be shown again; you can make new ones when needed.";
    sf_codes_continue: "Przejdź dalej", "Continue";
    sf_lead: "Po haśle system prosi o kod z aplikacji uwierzytelniającej w telefonie. Dzięki temu samo hasło nie wystarczy, by ktoś wszedł na Twoje konto.", "After the password, the system asks for a code from an authenticator app on your phone, so a password alone is not enough to enter your account.";
    sf_state: "Stan", "Status";
    sf_on: "Włączone", "On";
    sf_off: "Wyłączone", "Off";
    sf_on_since: "od {date}", "since {date}";
    sf_codes_left: "Niewykorzystane: {count} z 10", "Unused: {count} of 10";
    sf_codes_none: "Brak – utwórz nowe, zanim będą potrzebne", "None – make new ones before you need them";
    sf_required_key: "Wymagane przez urząd", "Required by the office";
    sf_required_yes: "Tak – dla Twojej roli", "Yes – for your role";
    sf_required_no: "Nie – możesz je włączyć z własnej inicjatywy", "No – you may turn it on yourself";
    sf_renew_codes_title: "Utwórz nowe kody zapasowe", "Make new recovery codes";
    sf_renew_codes_lead: "Dotychczasowe kody zapasowe przestaną działać. Potwierdź hasłem i kodem z aplikacji (albo jednym z dotychczasowych kodów zapasowych).", "Your current recovery codes will stop working. Confirm with your password and a code from the app (or one of your current recovery codes).";
    sf_renew_codes_button: "Utwórz nowe kody", "Make new codes";
    sf_lost_phone_title: "Zgubiony lub nowy telefon", "Lost or new phone";
    sf_lost_phone: "Zaloguj się kodem zapasowym i przenieś logowanie na nowy telefon. Bez telefonu i bez kodów zapasowych poproś administratora o usunięcie drugiego składnika – przy następnym logowaniu skonfigurujesz aplikację od nowa.", "Sign in with a recovery code and move two-step sign-in to your new phone. Without the phone and the codes, ask an administrator to remove your second factor – you will set up the app again at your next sign-in.";
    sf_reset_title: "Usunąć drugi składnik logowania: {name}?", "Remove the second factor of {name}?";
    sf_reset_lead: "Logowanie dwuetapowe jest włączone od {date}. Usuń je tylko na osobistą prośbę tej osoby, gdy nie ma ani telefonu, ani kodów zapasowych.", "Two-step sign-in has been on since {date}. Remove it only when this person asks in person, having neither the phone nor the recovery codes.";
    sf_reset_removes: "Aplikacja uwierzytelniająca i wszystkie kody zapasowe tego konta przestaną działać.", "The authenticator app and every recovery code of this account stop working.";
    sf_reset_sessions: "Wszystkie sesje tego konta zostaną zakończone.", "Every session of this account is ended.";
    sf_reset_next: "Przy następnym logowaniu, jeśli rola tego wymaga, trzeba będzie od razu skonfigurować nową aplikację.", "At the next sign-in, if a role requires it, a new app must be set up straight away.";
    sf_reset_check: "Usunięcie zostanie zapisane w dzienniku zdarzeń.", "The removal is recorded in the audit log.";
    sf_reset_button: "Usuń drugi składnik i zakończ sesje", "Remove the second factor and end sessions";
    sf_reset_link: "Usuń drugi składnik (zgubiony telefon)", "Remove the second factor (lost phone)";
    sf_reset_done: "Usunięto drugi składnik logowania: {name}. Sesje tego konta zostały zakończone.", "The second factor of {name} was removed and the account's sessions ended.";
    sf_reset_nothing: "To konto nie ma drugiego składnika logowania.", "This account has no second factor.";
    sf_admin_off: "Przy następnym logowaniu system poprosi o konfigurację, jeśli wymaga jej rola.", "The next sign-in asks to set it up if a role requires it.";
    sf_admin_missing: "Bez logowania dwuetapowego", "No two-step sign-in";
    action_auth_second_factor_enrolled: "Włączenie logowania dwuetapowego", "Two-step sign-in turned on";
    action_auth_second_factor_failed: "Błędny kod logowania dwuetapowego", "Wrong two-step sign-in code";
    action_auth_recovery_code_used: "Użycie kodu zapasowego", "Recovery code used";
    action_auth_recovery_codes_renewed: "Nowe kody zapasowe", "New recovery codes";
    action_auth_second_factor_reset: "Usunięcie drugiego składnika logowania", "Second factor removed";
    audit_field_factor: "Drugi składnik", "Second factor";
    audit_field_left: "Pozostałe kody zapasowe", "Recovery codes left";
    audit_field_replaced: "Nowy telefon", "New phone";
    audit_field_sessions_ended: "Zakończone sesje", "Sessions ended";
    audit_reason_wrong_code: "błędny kod", "wrong code";
    audit_reason_replayed_code: "kod już użyty", "code already used";
    audit_reason_used_recovery_code: "kod zapasowy już wykorzystany", "recovery code already used";
    audit_reason_no_second_factor: "drugi składnik usunięty w międzyczasie", "second factor removed meanwhile";
    audit_factor_totp: "kod z aplikacji", "code from the app";
    audit_factor_recovery_code: "kod zapasowy", "recovery code";

    // Administration: staff
    staff_title: "Pracownicy", "Staff";
    staff_new: "Dodaj pracownika", "Add an employee";
    staff_edit_title: "Edycja konta: {name}", "Edit account: {name}";
    staff_caption: "Konta pracowników", "Staff accounts";
    staff_name: "Imię i nazwisko", "Full name";
    staff_login: "Login", "Login";
    staff_login_hint: "Małe litery, cyfry, kropka, myślnik lub podkreślenie, np. anna.kowalska", "Lower-case letters, digits, dot, hyphen or underscore, e.g. anna.kowalska";
    staff_job_title: "Stanowisko służbowe (nieobowiązkowe)", "Job title (optional)";
    staff_job_title_one_line: "Wpisz nazwę stanowiska w jednym wierszu", "Enter the job title on one line";
    staff_phone_invalid: "Wpisz numer telefonu: cyfry, spacje, +, -, / i nawiasy, np. 44 732 18 10", "Enter a phone number: digits, spaces, +, -, / and brackets, e.g. 44 732 18 10";
    staff_address_form: "Zwrot grzecznościowy", "Form of address";
    staff_address_form_hint: "Używany w dokumentach o tej osobie, np. „upoważniam Panią” na upoważnieniu. Bez wyboru teksty pozostają neutralne.", "Used in documents about this person, e.g. the authorisation's „upoważniam Panią”. Without it the texts stay neutral.";
    staff_address_pani: "Pani", "Ms (Pani)";
    staff_address_pan: "Pan", "Mr (Pan)";
    staff_address_none: "Nie podano", "Not given";
    staff_job_title_hint: "Nazwa stanowiska taka jak na upoważnieniu, np. Inspektor (nie numer stanowiska obsługi)", "As written on an authorisation, e.g. Inspektor (not a desk number)";
    staff_phone: "Telefon służbowy", "Work phone";
    staff_phone_hint: "Numer wewnętrzny lub bezpośredni, np. 44 732 18 10", "Extension or direct number, e.g. 44 732 18 10";
    staff_department: "Komórka", "Department";
    staff_roles: "Role", "Roles";
    staff_roles_hint: "Pracownik może mieć kilka ról.", "An employee may hold several roles.";
    staff_active: "Konto aktywne", "Account active";
    staff_active_hint: "Wyłączenie konta natychmiast kończy wszystkie sesje pracownika.", "Deactivating the account ends all the employee's sessions at once.";
    staff_password_initial: "Hasło początkowe", "Initial password";
    staff_password_reset: "Nowe hasło (opcjonalnie)", "New password (optional)";
    staff_password_reset_hint: "Zostaw puste, aby nie zmieniać. Przekaż hasło pracownikowi osobiście.", "Leave empty to keep it. Hand the password to the employee in person.";
    staff_login_taken: "Ten login jest już zajęty", "This login is already taken";
    staff_login_invalid: "Login może zawierać małe litery, cyfry, kropkę, myślnik i podkreślenie (od 2 do 50 znaków)", "The login may contain lower-case letters, digits, dot, hyphen and underscore (2 to 50 characters)";
    staff_created: "Dodano konto pracownika.", "The employee's account has been added.";
    staff_cannot_deactivate_self: "Nie możesz wyłączyć własnego konta", "You cannot deactivate your own account";
    staff_cannot_drop_own_admin: "Nie możesz odebrać sobie roli administratora", "You cannot remove your own administrator role";

    // Administration: departments
    departments_title: "Komórki merytoryczne", "Departments";
    departments_caption: "Komórki i ich symbole", "Departments and their symbols";
    department_new: "Dodaj komórkę", "Add a department";
    department_edit_title: "Edycja komórki: {name}", "Edit department: {name}";
    department_symbol: "Symbol", "Symbol";
    department_symbol_hint: "Wielkie litery, cyfry lub myślniki, np. USC. Używany w znaku sprawy.", "Capital letters, digits or hyphens, e.g. USC. Used in case references.";
    department_name: "Nazwa", "Name";
    department_symbol_invalid: "Symbol: od 1 do 16 wielkich liter, cyfr lub myślników; pierwszy znak to litera", "The symbol is 1 to 16 capital letters, digits or hyphens, starting with a letter";
    department_symbol_taken: "Komórka o tym symbolu już istnieje", "A department with this symbol already exists";
    department_name_taken: "Komórka o tej nazwie już istnieje", "A department with this name already exists";
    department_created: "Dodano komórkę.", "The department has been added.";

    // Administration: desks
    desks_title: "Stanowiska obsługi", "Service desks";
    desks_caption: "Stanowiska, piętra i komórki", "Desks, floors and departments";
    desk_new: "Dodaj stanowisko", "Add a desk";
    desk_edit_title: "Edycja stanowiska {number}", "Edit desk {number}";
    desk_number: "Numer stanowiska", "Desk number";
    desk_number_hint: "Do 10 liter lub cyfr, np. 4 albo 12A", "Up to 10 letters or digits, e.g. 4 or 12A";
    desk_floor: "Piętro", "Floor";
    desk_floor_hint: "0 oznacza parter", "0 means the ground floor";
    desk_room: "Pokój", "Room";
    desk_number_invalid: "Numer to od 1 do 10 liter, cyfr lub myślników", "The number is 1 to 10 letters, digits or hyphens";
    desk_number_taken: "Stanowisko o tym numerze już istnieje", "A desk with this number already exists";
    desk_floor_invalid: "Piętro to liczba od -5 do 50", "The floor is a number from -5 to 50";
    desk_created: "Dodano stanowisko.", "The desk has been added.";
    ground_floor: "parter", "ground floor";

    // Audit log
    audit_title: "Dziennik zdarzeń", "Audit log";
    audit_caption: "Zdarzenia, od najnowszych", "Events, newest first";
    audit_lead: "Zapisy są tylko dopisywane: nikt, także administrator, nie może ich zmienić ani usunąć.", "Entries are only ever appended: nobody, administrators included, can change or remove them.";
    audit_when: "Kiedy", "When";
    audit_who: "Kto", "Who";
    audit_address: "Adres IP", "IP address";
    audit_action: "Zdarzenie", "Event";
    audit_record: "Dotyczy", "Concerns";
    audit_detail: "Szczegóły", "Details";
    audit_from: "Od dnia", "From";
    audit_to: "Do dnia", "To";
    audit_date_hint: "Na przykład 21.11.2026", "For example 21.11.2026";
    audit_actor: "Login", "Login";
    audit_any_action: "Wszystkie zdarzenia", "All events";
    audit_empty: "Brak zdarzeń spełniających kryteria.", "No events match the filters.";
    audit_bad_date: "Wpisz datę jako DD.MM.RRRR, np. 21.11.2026", "Enter a date as DD.MM.YYYY, e.g. 21.11.2026";

    // Errors
    error_back_home: "Wróć do strony głównej", "Go back to the home page";
    error_400_title: "Niepoprawne żądanie", "Bad request";
    error_400_text: "Przeglądarka wysłała dane, których system nie rozumie. Wróć i spróbuj ponownie.", "The browser sent data we cannot understand. Go back and try again.";
    error_403_title: "Brak dostępu", "Access denied";
    error_403_text: "Nie masz uprawnień do tej strony. Jeśli potrzebujesz dostępu, poproś administratora.", "You do not have permission to see this page. Ask an administrator if you need access.";
    error_csrf_title: "Formularz wygasł", "The form has expired";
    error_csrf_text: "Ze względów bezpieczeństwa formularz stracił ważność (np. po wylogowaniu lub długiej przerwie). Wróć, odśwież stronę i wyślij go ponownie.", "For security the form is no longer valid (for example after signing out or a long pause). Go back, reload the page and send it again.";
    error_404_title: "Nie znaleziono strony", "Page not found";
    error_404_text: "Sprawdź adres lub wróć do strony głównej.", "Check the address or go back to the home page.";
    error_405_title: "Niedozwolona operacja", "Operation not allowed";
    error_405_text: "Tej strony nie można użyć w ten sposób.", "This page cannot be used this way.";
    error_409_title: "Dane zostały zmienione", "The data has changed";
    error_409_text: "Te dane zostały w międzyczasie zmienione. Odśwież stronę, aby zobaczyć aktualny stan.", "Somebody else changed this data meanwhile. Reload the page to see its current state.";
    error_413_title: "Za dużo danych", "Too much data";
    error_413_text: "Przesłane dane są zbyt duże. Skróć teksty i spróbuj ponownie.", "The data sent is too large. Shorten the texts and try again.";
    error_422_title: "Niepoprawne dane", "Invalid data";
    error_422_text: "Nie udało się odczytać formularza. Wróć i sprawdź wpisane dane.", "The form could not be read. Go back and check what you entered.";
    error_429_title: "Zbyt wiele prób", "Too many attempts";
    error_429_text: "Wysłano zbyt wiele żądań. Odczekaj chwilę i spróbuj ponownie.", "Too many requests were sent. Wait a moment and try again.";
    error_500_title: "Wystąpił błąd", "Something went wrong";
    error_500_text: "Przepraszamy, wystąpił nieoczekiwany błąd. Został zapisany i zajmiemy się nim. Spróbuj ponownie za chwilę.", "Sorry, an unexpected error occurred. It has been recorded. Try again in a moment.";
    error_503_title: "Usługa chwilowo niedostępna", "Service temporarily unavailable";
    error_503_text: "System nie może teraz połączyć się z bazą danych. Spróbuj ponownie za chwilę; dane nie zostały utracone.", "The system cannot reach its database right now. Try again in a moment; no data has been lost.";
    error_reference: "Identyfikator błędu: {id}", "Reference: {id}";

    // Common
    search: "Szukaj", "Search";
    remove: "Usuń", "Remove";
    refresh: "Odśwież", "Refresh";
    print: "Drukuj", "Print";
    print_hint: "Możesz też nacisnąć Ctrl+P.", "You can also press Ctrl+P.";
    one_per_line: "Wpisz każdą pozycję w osobnym wierszu.", "One item per line.";
    minutes_ago: "{minutes} min temu", "{minutes} min ago";
    phone_hint: "Np. 600 100 200 lub 44 732 18 10; numer zagraniczny z kodem kraju, np. +380 67 123 4567", "E.g. 600 100 200 or 44 732 18 10; a foreign number with its country code, e.g. +380 67 123 4567";
    phone_invalid: "Wpisz istniejący numer telefonu: polski (9 cyfr, np. 600 100 200 lub 44 732 18 10) albo zagraniczny z kodem kraju (np. +380 67 123 4567)", "Enter a phone number that exists: Polish (9 digits, e.g. 600 100 200 or 44 732 18 10) or foreign with its country code (e.g. +380 67 123 4567)";

    // Procedure cards
    procedures_title: "Karty usług", "Procedure cards";
    procedures_lead: "Co klient musi przynieść, jakie druki wypełnić, ile i gdzie zapłacić, gdzie złożyć i kiedy sprawa będzie załatwiona.", "What the client must bring, which forms to fill, what to pay and where, where to file and when the case will be settled.";
    procedures_search: "Szukaj sprawy", "Find a case";
    procedures_search_hint: "Słowami klienta, np. dowód, meldunek, podatek", "In the client's words, e.g. ID card, registration, tax";
    procedures_none: "Nie znaleziono żadnej karty usługi.", "No procedure card found.";
    procedures_caption: "Karty usług", "Procedure cards";
    procedure_card: "Karta usługi", "Procedure card";
    procedure_new: "Dodaj kartę usługi", "Add a procedure card";
    procedure_name: "Nazwa sprawy", "Name of the case";
    procedure_name_taken: "Ta komórka ma już kartę o tej nazwie", "This department already has a card with this name";
    procedure_keywords: "Słowa kluczowe", "Keywords";
    procedure_keywords_hint: "Słowa, których używają klienci, np. dowód, zgubiony, paszport", "Words clients use, e.g. ID card, lost, passport";
    procedure_documents: "Wymagane dokumenty", "Documents to bring";
    procedure_forms: "Druki", "Forms";
    procedure_forms_hint: "Nazwa druku i gdzie go dostać (w urzędzie, na stronie BIP). Każdy w osobnym wierszu.", "The form's name and where to get it (at the office, on the BIP website). One per line.";
    procedure_fees: "Opłaty", "Fees";
    procedure_payment: "Gdzie zapłacić", "Where to pay";
    procedure_payment_hint: "Np. kasa urzędu (bez prowizji), przelew na rachunek, poczta (Std 9.7)", "E.g. the office's cash desk (no commission), bank transfer, post office (Std 9.7)";
    procedure_legal_basis: "Podstawa prawna", "Legal basis";
    procedure_settle_time: "Termin załatwienia", "Time to settle";
    procedure_where_to_file: "Gdzie złożyć", "Where to file";
    procedure_needs_client_data: "Sprawa wymaga danych klienta", "The case needs the client's details";
    procedure_needs_client_data_hint: "Tylko wtedy przy rejestracji wizyty pytamy o imię, nazwisko i telefon.", "Only then is the client asked for a name and phone number when a visit is registered.";
    procedure_checklist: "Lista kroków dla klienta", "Checklist for the client";
    checklist_lead: "Co trzeba zrobić, krok po kroku.", "What to do, step by step.";
    checklist_bring: "Przygotuj dokumenty", "Prepare these documents";
    checklist_forms: "Wypełnij druki", "Fill in these forms";
    checklist_pay: "Wnieś opłatę", "Pay the fee";
    checklist_file: "Złóż wniosek", "File the application";
    checklist_wait: "Termin załatwienia sprawy", "When the case will be settled";

    // Visits and the desk
    visit_register: "Zarejestruj klienta", "Register a client";
    visit_register_button: "Zarejestruj i wydaj numer", "Register and give a ticket";
    visit_registered: "Zarejestrowano. Numer klienta: {ticket}.", "Registered. The client's ticket: {ticket}.";
    visit_case_kind: "Rodzaj sprawy", "Kind of case";
    visit_case_kind_hint: "Wybierz z kart usług; komórka zostanie ustalona sama.", "Choose from the procedure cards; the department follows from it.";
    visit_case_or_department: "Wybierz rodzaj sprawy albo komórkę", "Choose a kind of case or a department";
    visit_needs: "Potrzeby klienta", "The client's needs";
    visit_needs_hint: "Nie pytaj klienta o powód (§5.1.3).", "Do not ask the client why (§5.1.3).";
    visit_priority: "Obsługa poza kolejnością", "Serve out of turn";
    visit_priority_short: "Poza kolejnością", "Out of turn";
    visit_ground_floor: "Obsługa na parterze", "Serve on the ground floor";
    visit_ground_floor_short: "Parter", "Ground floor";
    visit_interpreter: "Potrzebny wideotłumacz języka migowego", "Needs the sign-language video interpreter";
    visit_interpreter_short: "Wideotłumacz", "Interpreter";
    visit_client_data: "Dane klienta (tylko gdy sprawa ich wymaga)", "The client's details (only if the case needs them)";
    visit_client_data_hint: "Nie są wymagane. Zbieramy tylko tyle danych, ile potrzeba do załatwienia sprawy.", "Not required. We collect only the data the case needs.";
    visit_client_name: "Imię i nazwisko klienta", "Client's name";
    visit_client_phone: "Telefon klienta", "Client's phone";
    visit_ticket: "Numer", "Ticket";
    visit_arrived: "Godzina przyjścia", "Arrived";
    visit_waiting_min: "Czeka (min)", "Waiting (min)";
    visit_sent_to_you: "Przekierowanie do Ciebie", "Sent to you";
    visit_called: "Klient {ticket} wezwany do stanowiska {desk}.", "Client {ticket} called to desk {desk}.";
    visit_start: "Rozpocznij obsługę", "Start serving";
    ticket_title: "Numer", "Ticket";
    ticket_print: "Drukuj numer", "Print the ticket";
    ticket_next_client: "Następny klient", "Next client";
    ticket_paper_a6: "Układ dla drukarki A6", "Layout for an A6 printer";
    ticket_paper_80mm: "Układ dla drukarki paragonowej 80 mm", "Layout for an 80 mm receipt printer";
    ticket_reprint: "Drukuj ponownie", "Print again";
    queues_title: "Kolejki teraz", "Queues now";
    queues_waiting: "Czeka", "Waiting";
    queues_desks: "Otwarte stanowiska", "Desks open";
    queues_wait: "Przewidywane oczekiwanie", "Expected wait";
    queues_wait_about: "ok. {minutes} min", "about {minutes} min";
    queues_wait_now: "bez czekania", "no wait";
    queues_no_desk: "brak otwartych stanowisk", "no desk open";
    queues_tickets: "Numery oczekujące", "Tickets waiting";
    visit_recall: "Wezwij ponownie", "Call again";
    visit_recalled: "Numer {ticket} wezwany ponownie do stanowiska {desk}.", "Ticket {ticket} called again to desk {desk}.";
    visit_no_show_banner: "Numer {ticket}: oznaczono, że nikt nie podszedł. Jeśli jednak ktoś się zgłosi, możesz to cofnąć w ciągu minuty.", "Ticket {ticket} marked as did not come. If the client is here after all, you can undo it for a minute.";
    visit_no_show_undo: "Cofnij", "Undo";
    visit_no_show_undone: "Cofnięto: klient jest znów wezwany do Twojego stanowiska.", "Undone: the client is called to your desk again.";
    visit_no_show_undo_late: "Nie da się już cofnąć: minęła minuta albo wzywasz innego klienta.", "It cannot be undone any more: a minute has passed or you have called another client.";
    visit_service_time: "Obsługa trwa", "Serving for";
    desk_keys: "Skróty klawiszowe (nie działają w polach tekstowych): N – wezwij następny numer, R – wezwij ponownie, S – rozpocznij obsługę, 1–4 – wynik, Z – zakończ, P – przekieruj, U – cofnij „nikt nie podszedł”.", "Keys (not in text fields): N – call next, R – call again, S – start, 1–4 – outcome, Z – finish, P – redirect, U – undo \"did not come\".";
    away_ended_by_call: "Informacja o Twojej nieobecności została zdjęta, bo wzywasz klienta.", "Your away notice is off, as you are calling a client.";
    visit_no_show: "Nikt nie podszedł", "Did not come";
    visit_redirect: "Przekieruj", "Redirect";
    visit_redirected: "Klient {ticket} przekierowany do: {name}. Zachowuje swoje miejsce w kolejce.", "Client {ticket} sent to {name}. The ticket keeps its place in the queue.";
    visit_delay_reason: "Powód opóźnienia", "Reason for a delay";
    visit_delay_hint: "Jeśli musisz najpierw coś dokończyć (§4.2), np. „kończę rozmowę telefoniczną”.", "If you must first finish something (§4.2), e.g. “finishing a phone call”.";
    visit_outcome: "Wynik obsługi", "Outcome";
    outcome_settled: "Sprawa załatwiona od ręki", "Settled on the spot";
    outcome_documents_accepted: "Przyjęto dokumenty", "Documents accepted";
    outcome_forms_handed: "Wydano druki", "Forms handed over";
    outcome_redirected: "Przekierowano", "Redirected";
    outcome_refused: "Odmowa (z wyjaśnieniem)", "Refused (with the reason explained)";
    visit_settle_by: "Termin załatwienia sprawy", "Date the case will be settled";
    visit_settle_by_hint: "Gdy przyjęto dokumenty: dokładna data podana klientowi (Std 11.5), np. 28.11.2026", "When documents were accepted: the exact date given to the client (Std 11.5), e.g. 28.11.2026";
    visit_settle_by_past: "Data nie może być wcześniejsza niż dziś", "The date cannot be before today";
    visit_contact_phone: "Telefon kontaktowy klienta", "Client's contact phone";
    visit_contact_phone_hint: "Tylko za zgodą klienta (Std 11.6).", "Only if the client agrees (Std 11.6).";
    visit_consent: "Klient zgadza się na kontakt pod tym numerem", "The client agrees to be called on this number";
    visit_consent_needed: "Zaznacz zgodę klienta albo usuń numer telefonu", "Tick the client's consent or remove the phone number";
    visit_forms_handed: "Wydane druki", "Forms handed over";
    visit_refusal_reason: "Powód odmowy", "Reason for the refusal";
    visit_refusal_hint: "Wyjaśniony klientowi, z podstawą prawną (Std 19).", "As explained to the client, with the legal basis (Std 19).";
    visit_note: "Uwagi", "Notes";
    visit_finish: "Zakończ obsługę", "Finish";
    visit_finished: "Obsługa zakończona.", "Service finished.";
    desk_title: "Stanowisko", "Desk";
    desk_choose: "Przy którym stanowisku pracujesz?", "Which desk are you at?";
    desk_choose_hint: "Wolne stanowiska – najpierw te z Twojej komórki.", "Free desks, your department's first.";
    desk_open: "Otwórz stanowisko", "Open the desk";
    desk_close: "Zamknij stanowisko", "Close the desk";
    desk_taken: "To stanowisko jest zajęte albo masz już otwarte inne stanowisko.", "This desk is taken, or you already have one open.";
    desk_open_first: "Najpierw otwórz stanowisko.", "Open a desk first.";
    desk_finish_first: "Najpierw zakończ obsługę bieżącego klienta.", "Finish with the current client first.";
    desk_current: "Obsługiwany klient", "Client being served";
    desk_nobody: "Nikogo teraz nie obsługujesz.", "You are not serving anyone now.";
    desk_call_next: "Wezwij następny numer", "Call next";
    desk_call_this: "Wezwij", "Call";
    desk_waiting: "W kolejce: {count}", "Waiting: {count}";
    desk_queue_caption: "Kolejka: najpierw poza kolejnością, potem według godziny przyjścia", "Queue: out of turn first, then by arrival";
    queue_empty: "Nikt nie czeka.", "Nobody is waiting.";

    // Assistance (ground floor, interpreter)
    assist_title: "Prośba o podejście do klienta", "You are asked to come to a client";
    assist_line: "Klient {ticket}", "Client {ticket}";
    assist_ground_floor: "obsługa na parterze", "service on the ground floor";
    assist_interpreter: "wideotłumacz", "video interpreter";
    assist_acknowledge: "Przyjmuję, idę", "On my way";
    assist_arrived: "Jestem przy kliencie", "I am with the client";
    assist_asked: "Poproszono: {name}.", "Asked: {name}.";
    assist_nobody: "Nikt z komórki nie jest teraz przy stanowisku: zadzwoń według wykazu telefonów.", "Nobody of the department is at a desk now: call them from the directory.";

    // Redirect
    redirect_department: "Komórka", "Department";
    redirect_show: "Pokaż pracowników", "Show the staff";
    redirect_to: "Do kogo skierować klienta", "Who to send the client to";
    redirect_hint: "Najpierw osoby dostępne teraz i właściwe w tej sprawie (§4.7).", "Available and competent colleagues first (§4.7).";
    redirect_competent: "prowadzi takie sprawy", "competent for this case";
    redirect_note: "Czego klient potrzebuje", "What the client needs";
    redirect_note_hint: "Osoba, do której kierujesz klienta, zobaczy tę notatkę przy wezwaniu.", "Your colleague sees this note when calling the client.";
    redirect_button: "Przekieruj klienta", "Send the client";
    redirect_absent: "{name} – nieobecność przez cały dzień ({kind}): klient czekałby na próżno. Wybierz inną osobę.", "{name} is away all day ({kind}): the client would wait in vain. Choose someone else.";
    redirect_back_at: "{name} wraca na stanowisko o {time}; do tego czasu klient czeka w kolejce do tej osoby.", "{name} is back at the desk at {time}; until then the client waits in that queue.";

    // Directory and presence
    directory_title: "Wykaz pracowników", "Staff directory";
    directory_search: "Szukaj pracownika", "Find a colleague";
    directory_search_hint: "Nazwisko, komórka, sprawa lub numer stanowiska", "Name, department, case or desk number";
    directory_none: "Nie znaleziono pracowników.", "No staff found.";
    directory_where: "Gdzie", "Where";
    directory_competences: "Sprawy", "Cases";
    directory_now: "Teraz", "Now";
    directory_desk: "stanowisko {desk}", "desk {desk}";
    directory_room: "pokój {room}", "room {room}";
    directory_floor: "piętro {floor}", "floor {floor}";
    presence_at_desk: "Przy stanowisku {desk}", "At desk {desk}";
    presence_away: "Wraca o {time}", "Back at {time}";
    presence_substitute: "zastępstwo: {name}", "meanwhile: {name}";
    presence_late: "spóźnia się", "late";
    presence_absent: "Nieobecność", "Absent";
    absence_not_said: "powód znany przełożonym", "the reason is known to supervisors";
    presence_not_at_desk: "Poza stanowiskiem", "Not at a desk";

    // Away notices and absences
    away_title: "Odejście od stanowiska", "Leaving the desk";
    away_lead: "Klienci zobaczą na tablicy, kiedy wrócisz i kto Cię zastępuje (§4.11).", "Clients see on the board when you will be back and who helps meanwhile (§4.11).";
    away_leave: "Zgłoś odejście od stanowiska", "Report leaving the desk";
    away_back_at: "Godzina powrotu", "Back at";
    away_back_at_hint: "Dzisiaj, np. 12:30", "Today, e.g. 12:30";
    away_back_at_invalid: "Wpisz godzinę późniejszą niż teraz, np. 12:30", "Enter a time later than now, e.g. 12:30";
    away_substitute: "Kto zastępuje", "Who helps meanwhile";
    away_button: "Wyświetl informację na tablicy", "Show the notice on the board";
    away_set: "Informacja jest na tablicy: powrót o {time}.", "Notice set: back at {time}.";
    away_back: "Jestem z powrotem", "I am back";
    away_back_now: "Jestem z powrotem (planowo o {time})", "I am back (due at {time})";
    away_ended: "Witaj z powrotem. Informacja o nieobecności zdjęta.", "Welcome back. The away notice is gone.";
    absences_title: "Nieobecności", "Absences";
    absences_caption: "Bieżące i planowane nieobecności", "Current and coming absences";
    absences_none: "Nie ma zapisanych nieobecności.", "No absences recorded.";
    absence_new: "Zapisz nieobecność", "Record an absence";
    absence_employee: "Pracownik", "Employee";
    absence_first_day: "Od dnia", "From";
    absence_last_day: "Do dnia", "Until";
    absence_kind: "Rodzaj", "Kind";
    absence_note: "Uwagi", "Notes";
    absence_order: "Ostatni dzień nie może być wcześniejszy niż pierwszy", "The last day cannot be before the first";
    absence_leave: "urlop", "leave";
    absence_training: "szkolenie", "training";
    absence_sick: "zwolnienie lekarskie", "sick leave";
    absence_business_trip: "delegacja", "business trip";
    absence_other: "inny powód", "other";

    // Callbacks
    callbacks_title: "Oddzwonienia", "Callbacks";
    callbacks_overdue_title: "Zaległe oddzwonienia", "Overdue callbacks";
    callbacks_caption: "Obiecane oddzwonienia, od najpilniejszych", "Promised callbacks, most urgent first";
    callbacks_none: "Brak otwartych oddzwonień.", "No open callbacks.";
    callback_title: "Oddzwonienie", "Callback";
    callback_new: "Zapisz oddzwonienie", "Record a callback";
    callback_lead: "Gdy nie możesz odpowiedzieć od razu, obiecaj oddzwonić dziś albo następnego dnia roboczego (§6.3).", "When you cannot answer at once, promise to call back today or the next working day (§6.3).";
    callback_caller: "Osoba dzwoniąca", "Who called";
    callback_caller_hint: "Nieobowiązkowe", "Optional";
    callback_phone: "Numer telefonu", "Phone number";
    callback_question: "Pytanie", "Question";
    callback_promise: "Obiecany termin", "Promised for";
    callback_promise_today: "Dziś", "Today";
    callback_promise_next: "Następny dzień roboczy ({date})", "The next working day ({date})";
    callback_today_closed: "Dziś urząd nie pracuje: wybierz następny dzień roboczy", "The office is closed today: choose the next working day";
    callback_save: "Zapisz oddzwonienie", "Save the callback";
    callback_created: "Obiecano oddzwonić do {date}.", "Promised to call back by {date}.";
    callback_due: "Termin", "Due";
    callback_owner: "Pracownik", "Employee";
    callback_overdue: "po terminie", "overdue";
    callback_today: "dziś", "today";
    callback_promises: "obietnic: {count}", "promises: {count}";
    callback_anonymous: "(bez nazwiska)", "(no name)";
    callback_history: "Historia obietnic", "Promises made";
    callback_promised_for: "obiecano na {date}", "promised for {date}";
    callback_close: "Zakończ oddzwonienie", "Close the callback";
    callback_outcome: "Co przekazano klientowi", "What the client was told";
    callback_result: "Wynik", "Result";
    callback_done: "Oddzwoniono i przekazano odpowiedź", "Called back with the answer";
    callback_unreachable: "Nie udało się dodzwonić", "Could not reach the caller";
    callback_closed: "Oddzwonienie zakończone.", "Callback closed.";
    callback_repromise: "Zapisz nowy termin", "Give a new date";
    callback_new_date: "Nowy termin", "New date";
    callback_repromise_note: "Jak poinformowano klienta", "How the client was told";
    callback_repromise_hint: "Std 17.4: najpierw zadzwoń i podaj nowy termin, np. „telefon 21.11: odpowiedź w czwartek”.", "Std 17.4: call first and give the new date, e.g. “called on 21.11, answer on Thursday”.";
    callback_not_working_day: "Ten dzień nie jest dniem roboczym urzędu", "This is not a working day of the office";

    // The office's registers (registers/): errors (Std 21), gifts refused (Std 24), suggestions (§7.1)
    nav_registers: "Rejestry", "Registers";
    reg_nav: "Rejestry urzędu", "The office's registers";
    home_errors_card: "Pomyłki urzędu: kogo i w jaki sposób o nich poinformowano oraz jak je naprawiono (Std 21).", "The office's errors: who was told and how, how they were put right (Std 21).";
    home_errors_count: "Otwarte: {count}", "Open: {count}";
    action_office_error_registered: "Rejestracja pomyłki urzędu", "Office error registered";
    action_office_error_client_added: "Dodanie klienta, którego dotyczy pomyłka", "Client touched by an error added";
    action_office_error_client_informed: "Poinformowanie klienta o pomyłce", "Client told of an error";
    action_office_error_remedy_done: "Naprawienie pomyłki", "Error remedied";
    action_office_error_closed: "Zamknięcie pomyłki urzędu", "Office error closed";
    action_register_exported: "Pobranie rejestru", "Register downloaded";
    home_gifts_card: "Odmowa przyjęcia prezentu od klienta? Zapisz ją w jednym krótkim formularzu (Std 24).", "A gift from a client refused? Record it in one short form (Std 24).";
    action_gift_refusal_recorded: "Zapis odmowy przyjęcia prezentu", "Refused gift recorded";
    gift_title: "Odmowy przyjęcia prezentów", "Gifts refused";
    gift_one: "Odmowa przyjęcia prezentu z", "Gift refused on";
    gift_lead: "Prezenty proponowane pracownikom przez klientów i sposób odmowy ich przyjęcia (Std 24).", "Gifts clients offered to employees and how they were refused (Std 24).";
    gift_lead_own: "Twoje zapisy odmów przyjęcia prezentu. Widzą je także przełożeni, dyrektor i Sekretarz Miasta.", "Your records of gifts refused. Supervisors, the director and the City Secretary see them too.";
    gift_new: "Zapisz odmowę przyjęcia prezentu", "Record a refused gift";
    gift_new_lead: "Uprzejmie, ale zdecydowanie odmów przyjęcia prezentu i zaproponuj inną formę podziękowania, np. ankietę (Std 24). Nie wpisuj danych osobowych klienta.", "Refuse the gift politely but firmly and suggest another way to say thanks, such as the survey (Std 24). Do not enter the client's personal data.";
    gift_none: "Brak zapisanych odmów.", "No refused gifts recorded.";
    gift_caption: "Odmowy przyjęcia prezentów, od najnowszych", "Gifts refused, newest first";
    gift_offered_on: "Data", "Date";
    gift_employee: "Pracownik", "Employee";
    gift_offered: "Co zaproponowano", "What was offered";
    gift_offered_hint: "Na przykład: bombonierka, koperta z pieniędzmi", "For example: a box of chocolates, an envelope with money";
    gift_matter: "W jakiej sprawie", "In which matter";
    gift_matter_hint: "Rodzaj sprawy lub znak sprawy, bez danych osobowych klienta", "The kind of case or its reference, without the client's personal data";
    gift_how_refused: "Jak odmówiono", "How it was refused";
    gift_how_refused_hint: "Na przykład: „Dziękuję, ale nie mogę tego przyjąć. Cieszę się, że sprawa jest załatwiona”; zaproponowano ankietę", "For example: “Thank you, but I cannot accept this. I am glad the matter is settled”; suggested the survey";
    gift_save: "Zapisz odmowę", "Save the record";
    gift_ask_offered_on: "Wpisz datę", "Enter the date";
    gift_ask_offered: "Wpisz, co zaproponowano", "Enter what was offered";
    gift_ask_matter: "Wpisz, w jakiej sprawie", "Enter the matter";
    gift_ask_how_refused: "Wpisz, jak odmówiono", "Enter how it was refused";
    gift_in_future: "Data nie może być w przyszłości", "The date cannot be in the future";
    gift_recorded: "Zapisano odmowę przyjęcia prezentu.", "Refused gift recorded.";
    gift_recorded_at: "Zapisano", "Recorded";
    gift_back: "Wróć do listy odmów", "Back to the list";
    home_suggestions_card: "Propozycje usprawnień obsługi od pracowników i z uwag mieszkańców (§7.1).", "Suggestions for improving the service from staff and from residents' comments (§7.1).";
    action_suggestion_submitted: "Zgłoszenie propozycji usprawnienia", "Suggestion submitted";
    action_suggestion_from_comment: "Uwaga mieszkańca zgłoszona jako propozycja", "Resident's comment made a suggestion";
    action_suggestion_status_changed: "Zmiana stanu propozycji usprawnienia", "Suggestion status changed";
    sg_title: "Propozycje usprawnień", "Suggestions";
    sg_one: "Propozycja usprawnienia", "Suggestion";
    sg_lead: "Propozycje usprawnień obsługi od pracowników i z uwag mieszkańców z kiosków (§7.1). Nowa, przyjęta, wykonana albo odrzucona – z informacją, co zrobiono.", "Suggestions for improving the service from staff and from residents' kiosk comments (§7.1). New, accepted, done or declined – with what was done.";
    sg_lead_own: "Twoje propozycje usprawnień. Decydują o nich przełożeni i dyrektor.", "Your suggestions. Supervisors and the director decide on them.";
    sg_new: "Zgłoś propozycję usprawnienia", "Make a suggestion";
    sg_new_lead: "Co można zrobić lepiej na Twoim stanowisku lub w obsłudze klientów (§7.1)?", "What could be done better at your desk or in serving clients (§7.1)?";
    sg_body: "Propozycja", "Suggestion";
    sg_body_hint: "Co i dlaczego warto zmienić", "What to change and why";
    sg_ask_body: "Opisz swoją propozycję", "Describe your suggestion";
    sg_save: "Zgłoś propozycję", "Submit the suggestion";
    sg_submitted: "Zgłoszono propozycję. Dziękujemy.", "Suggestion submitted. Thank you.";
    sg_none: "Brak propozycji do pokazania.", "No suggestions to show.";
    sg_caption: "Propozycje usprawnień, od najnowszych", "Suggestions, newest first";
    sg_created: "Zgłoszono", "Submitted";
    sg_source: "Źródło", "Source";
    sg_source_staff: "pracownik", "employee";
    sg_source_resident: "uwaga mieszkańca (kiosk)", "resident's comment (kiosk)";
    sg_submitted_by: "Osoba zgłaszająca", "Submitted by";
    sg_status: "Stan", "Status";
    sg_status_new: "Nowa", "New";
    sg_status_accepted: "Przyjęta", "Accepted";
    sg_status_done: "Wykonana", "Done";
    sg_status_declined: "Odrzucona", "Declined";
    sg_outcome: "Co zrobiono", "What was done";
    sg_outcome_hint: "Przy wykonaniu: co zrobiono; przy odrzuceniu: dlaczego", "When done: what was done; when declined: why";
    sg_decided: "Ostatnia decyzja", "Last decision";
    sg_decide: "Zmień stan", "Change the status";
    sg_new_status: "Nowy stan", "New status";
    sg_ask_status: "Wybierz nowy stan", "Choose the new status";
    sg_ask_outcome_done: "Opisz, co zrobiono", "Describe what was done";
    sg_ask_outcome_declined: "Napisz, dlaczego propozycję odrzucono", "Say why the suggestion was declined";
    sg_save_status: "Zapisz stan", "Save the status";
    sg_status_changed: "Zmieniono stan propozycji: {status}.", "Suggestion status changed: {status}.";
    sg_from_comment: "Zgłoś jako propozycję", "Make it a suggestion";
    sg_from_comment_done: "Uwaga mieszkańca jest teraz propozycją usprawnienia.", "The resident's comment is now a suggestion.";
    sg_comment_marked: "Zgłoszona jako propozycja", "Made a suggestion";
    oe_title: "Pomyłki urzędu", "The office's errors";
    oe_one: "Pomyłka urzędu z", "Office error of";
    oe_lead: "Rejestr pomyłek urzędu: klienci, których dotyczą, i sposób ich poinformowania (Std 21). Pomyłka pozostaje otwarta do czasu poinformowania wszystkich klientów i naprawienia pomyłki.", "Every error of the office, the clients it touches and how they were told (Std 21). An error stays open until every client has been told and the remedy is done.";
    oe_lead_own: "Pomyłki zarejestrowane przez Ciebie. Dyrektor i Sekretarz Miasta widzą wszystkie pomyłki.", "Errors you registered. The director and the City Secretary see all of them.";
    oe_new: "Zarejestruj pomyłkę", "Register an error";
    oe_new_lead: "Poinformuj klienta o pomyłce jak najszybciej, jasno i otwarcie: przeproś, przedstaw konsekwencje i sposób naprawienia (Std 21). Klientów dodasz po zapisaniu.", "Tell the client of the error as soon as you can, clearly and openly: apologise, give the consequences and the remedy (Std 21). You add the clients after saving.";
    oe_status: "Stan", "Status";
    oe_status_all: "Wszystkie", "All";
    oe_open: "Otwarta", "Open";
    oe_closed_status: "Zamknięta", "Closed";
    oe_none: "Brak pomyłek do pokazania.", "No errors to show.";
    oe_caption: "Pomyłki urzędu, od najnowszych", "The office's errors, newest first";
    oe_found_on: "Data wykrycia", "Found on";
    oe_found_in_future: "Data wykrycia nie może być w przyszłości", "The date found cannot be in the future";
    oe_department: "Komórka, która wykryła pomyłkę", "Department that found it";
    oe_department_hint: "Domyślnie Twoja komórka", "Your department by default";
    oe_what: "Co się stało", "What went wrong";
    oe_what_hint: "Bez danych osobowych klientów – klientów dodasz osobno", "Without clients' personal data – you add the clients separately";
    oe_consequences: "Konsekwencje", "Consequences";
    oe_consequences_hint: "Rzetelnie, bez przerysowywania (Std 21.4)", "The facts, without exaggerating (Std 21.4)";
    oe_remedy: "Sposób naprawienia", "Remedy";
    oe_remedy_hint: "Co urząd zrobi, aby naprawić pomyłkę (Std 21.6)", "What the office will do to put it right (Std 21.6)";
    oe_apology: "Przeprosiny", "Apology";
    oe_apology_hint: "Jak przeproszono klientów (Std 21.3)", "How the clients were apologised to (Std 21.3)";
    oe_save: "Zapisz pomyłkę", "Save the error";
    oe_ask_found_on: "Wpisz datę wykrycia pomyłki", "Enter the date the error was found";
    oe_ask_what: "Opisz, co się stało", "Describe what went wrong";
    oe_ask_consequences: "Opisz konsekwencje pomyłki", "Describe the consequences";
    oe_ask_remedy: "Opisz sposób naprawienia", "Describe the remedy";
    oe_ask_apology: "Opisz przeprosiny", "Describe the apology";
    oe_registered: "Zarejestrowano pomyłkę. Dodaj klientów, których dotyczy.", "Error registered. Add the clients it touches.";
    oe_registered_by: "Osoba rejestrująca", "Registered by";
    oe_clients_informed: "Poinformowani klienci", "Clients told";
    oe_informed_of: "{informed} z {count}", "{informed} of {count}";
    oe_remedy_pending: "naprawa w toku", "remedy pending";
    oe_remedy_done: "Naprawiono", "Remedy done";
    oe_closed_on: "Zamknięto", "Closed on";
    oe_per_month: "Pomyłki w miesiącach", "Errors per month";
    oe_registered_count: "Zarejestrowane", "Registered";
    oe_open_count: "Nadal otwarte", "Still open";
    oe_clients: "Klienci, których dotyczy pomyłka", "Clients the error touches";
    oe_no_clients: "Nie dodano jeszcze klientów.", "No clients added yet.";
    oe_client: "Klient", "Client";
    oe_choose_client: "wybierz klienta", "choose a client";
    oe_client_name: "Imię i nazwisko klienta", "Client's name";
    oe_client_contact: "Kontakt", "Contact";
    oe_client_contact_hint: "Telefon lub adres, tylko jeśli potrzebny do poinformowania", "Phone or address, only if needed to tell them";
    oe_case_ref: "Znak sprawy", "Case reference";
    oe_case_refs: "Znaki spraw", "Case references";
    oe_case_ref_hint: "Na przykład FP.3120.15.2026", "For example FP.3120.15.2026";
    oe_informed: "Poinformowano", "Told";
    oe_informed_count: "Poinformowani", "Told";
    oe_not_informed: "Nie poinformowano", "Not told yet";
    oe_add_client: "Dodaj klienta", "Add a client";
    oe_ask_client_name: "Wpisz imię i nazwisko klienta", "Enter the client's name";
    oe_client_added: "Dodano klienta.", "Client added.";
    oe_record_informed: "Zapisz poinformowanie klienta", "Record that a client was told";
    oe_informed_on: "Data poinformowania", "Told on";
    oe_informed_in_future: "Data poinformowania nie może być w przyszłości", "The date told cannot be in the future";
    oe_informed_before_found: "Data poinformowania nie może być wcześniejsza niż data wykrycia pomyłki", "The date told cannot be before the date the error was found";
    oe_informed_how: "Sposób poinformowania", "How";
    oe_informed_note: "Uwagi", "Notes";
    oe_informed_note_hint: "Na przykład: klient akceptuje proponowany sposób naprawienia", "For example: the client accepts the remedy offered";
    oe_how_in_person: "osobiście", "in person";
    oe_how_phone: "telefonicznie", "by phone";
    oe_how_letter: "pismem", "by letter";
    oe_how_email: "e-mailem", "by e-mail";
    oe_ask_client: "Wybierz klienta", "Choose the client";
    oe_ask_informed_on: "Wpisz datę poinformowania", "Enter the date the client was told";
    oe_ask_how: "Wybierz sposób poinformowania", "Choose how the client was told";
    oe_client_informed: "Zapisano poinformowanie klienta.", "Recorded that the client was told.";
    oe_record_remedy: "Zapisz naprawienie pomyłki", "Record the remedy as done";
    oe_remedy_note: "Co zrobiono", "What was done";
    oe_ask_remedy_note: "Opisz, co zrobiono, aby naprawić pomyłkę", "Describe what was done to put the error right";
    oe_remedy_recorded: "Zapisano naprawienie pomyłki.", "Remedy recorded.";
    oe_close: "Zamknij pomyłkę", "Close the error";
    oe_close_lead: "Pomyłkę można zamknąć po poinformowaniu wszystkich klientów i zapisaniu naprawienia pomyłki.", "An error can be closed once every client has been told and the remedy is done.";
    oe_close_no_clients: "Nie można zamknąć pomyłki: dodaj klientów, których dotyczy", "The error cannot be closed: add the clients it touches";
    oe_close_not_informed: "Nie można zamknąć pomyłki: nie poinformowano klientów ({count})", "The error cannot be closed: clients not told yet ({count})";
    oe_close_remedy_not_done: "Nie można zamknąć pomyłki: zapisz najpierw jej naprawienie", "The error cannot be closed: record the remedy as done first";
    oe_closed: "Zamknięto pomyłkę.", "Error closed.";

    // The office's days off
    closed_days_title: "Dni wolne urzędu", "The office's days off";
    closed_days_lead: "Dni, w które urząd nie pracuje z własnej decyzji (poza świętami ustawowymi). Liczą się jako dni nierobocze przy terminach.", "Days the office closes by its own decision (beyond statutory holidays). They count as non-working days for every deadline.";
    closed_days_caption: "Zaplanowane dni wolne", "Planned days off";
    closed_days_none: "Brak zaplanowanych dni wolnych.", "No days off planned.";
    closed_day: "Dzień", "Day";
    closed_reason: "Powód", "Reason";
    closed_day_add: "Dodaj dzień wolny", "Add a day off";
    closed_day_taken: "Ten dzień jest już dniem wolnym", "This day is already a day off";
    holidays_title: "Święta ustawowe", "Statutory holidays";

    // Hall display
    display_title: "Wywoływane numery", "Now serving";
    display_calls: "Ostatnio wywołane numery i stanowiska", "Latest tickets called and their desks";
    display_desk: "Stanowisko", "Desk";
    display_none: "Za chwilę rozpoczniemy obsługę.", "Service will begin shortly.";
    display_away: "Chwilowa nieobecność", "Away for a moment";
    display_back_at: "powrót o {time}", "back at {time}";
    display_late: "opóźnienie", "late";
    display_substitute: "zastępstwo: {name}", "meanwhile: {name}";
    display_more: "i jeszcze {count}", "and {count} more";
    display_clock: "Godzina", "Time";
    display_sound_off: "Dźwięk wyłączony – dotknij ekranu lub naciśnij dowolny klawisz, aby go włączyć.", "Sound is off – touch the screen or press any key to switch it on.";
    display_number: "Numer", "Number";
    display_to_desk: "stanowisko", "desk";

    // Home visits (§5.3, Załącznik Nr 1)
    hv_title: "Wizyty w domu klienta", "Home visits";
    hv_lead: "Wnioski o wizytę urzędnika u klienta, który ze względu na stan zdrowia nie może przyjść do urzędu (§5.3).", "Requests for an official's visit to a client whose health keeps them at home (§5.3).";
    hv_new: "Nowy wniosek o wizytę", "New home-visit request";
    hv_attachment: "Załącznik Nr 1", "Attachment 1";
    hv_new_lead: "Wypełnij tabelę z klientem. Wniosek trafi jako dokument do dyrektora BOMiNO.", "Fill in the table with the client. The request goes as a document to the BOMiNO director.";
    hv_register_button: "Zarejestruj wniosek", "Register the request";
    hv_registered: "Wniosek zarejestrowany: {case_ref}. Zadekretowano na dyrektora BOMiNO.", "Request registered: {case_ref}. Decreed to the BOMiNO director.";
    hv_client_name: "Imię i nazwisko klienta", "Client's name";
    hv_client_address: "Adres klienta", "Client's address";
    hv_client_address_hint: "Ulica, numer domu i mieszkania, kod, miejscowość", "Street, house and flat number, postcode, town";
    hv_client_phone: "Telefon klienta", "Client's phone";
    hv_pesel: "PESEL", "PESEL";
    hv_pesel_hint: "Tylko gdy sprawa tego wymaga. 11 cyfr.", "Only when the case needs it. 11 digits.";
    hv_pesel_needed: "Ta sprawa wymaga numeru PESEL klienta", "This case needs the client's PESEL";
    pesel_length: "PESEL ma 11 cyfr", "A PESEL has 11 digits";
    pesel_check_digit: "PESEL ma błędną cyfrę kontrolną: sprawdź, czy nie ma literówki", "The PESEL's check digit is wrong: look for a typo";
    pesel_date: "PESEL nie zawiera poprawnej daty urodzenia", "The PESEL does not hold a valid date of birth";
    hv_reason: "Dlaczego klient nie może przyjść do urzędu", "Why the client cannot come to the office";
    hv_reason_hint: "Informacja o stanie zdrowia: zobaczą ją tylko osoby, które jej potrzebują, a każde jej wyświetlenie jest zapisywane.", "Health information: only those who need it see it, and every display is recorded.";
    hv_reason_hidden: "Widoczne tylko dla osób, które potrzebują tej informacji na tym etapie.", "Shown only to those who need it at this step.";
    hv_print_attachment: "Drukuj Załącznik Nr 1", "Print Attachment 1";
    hv_attachment_of: "Załącznik Nr 1 do Regulaminu obsługi klientów", "Attachment No. 1 to the client service regulation";
    hv_attachment_title: "Wniosek o wizytę urzędnika w domu Klienta", "Request for an official's visit at the client's home";
    hv_client_signature: "Data i czytelny podpis Klienta", "Date and the client's legible signature";
    rodo_title: "Informacja o przetwarzaniu danych osobowych (art. 13 RODO)", "How your personal data are processed (GDPR Art. 13)";
    rodo_controller: "Administratorem Pani/Pana danych osobowych jest {controller}.", "The controller of your personal data is {controller}.";
    rodo_dpo: "Kontakt z inspektorem ochrony danych: {contact}", "The data protection officer can be reached at: {contact}";
    rodo_purpose: "Dane przetwarzamy, aby zorganizować wizytę urzędnika w miejscu zamieszkania i załatwić sprawę (art. 6 ust. 1 lit. e RODO); informację o stanie zdrowia – na podstawie Pani/Pana zgody (art. 9 ust. 2 lit. a RODO), którą można w każdej chwili wycofać bez wpływu na zgodność z prawem przetwarzania przed jej wycofaniem.", "We process the data to arrange an official's visit at your home and settle the case (GDPR Art. 6(1)(e)); the information on your health on the basis of your consent (Art. 9(2)(a)), which you may withdraw at any time without affecting the lawfulness of processing before the withdrawal.";
    rodo_recipients: "Dane mogą otrzymać wyłącznie podmioty uprawnione na podstawie przepisów prawa.", "The data are disclosed only to bodies entitled to them by law.";
    rodo_retention: "Dane przechowujemy przez okres wynikający z przepisów o archiwizacji dokumentów.", "The data are kept for the period the archiving regulations set.";
    rodo_rights: "Ma Pani/Pan prawo dostępu do danych, ich sprostowania, ograniczenia przetwarzania, sprzeciwu oraz wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa).", "You have the right of access, rectification, restriction of processing and objection, and to lodge a complaint with the President of the Personal Data Protection Office (ul. Stawki 2, 00-193 Warszawa).";
    rodo_voluntary: "Podanie danych jest dobrowolne, ale bez nich nie zorganizujemy wizyty. Dane nie służą do zautomatyzowanego podejmowania decyzji ani profilowania.", "Giving the data is voluntary, but without them the visit cannot be arranged. The data are not used for automated decisions or profiling.";
    hv_signature: "Podpis pracownika Punktu Informacyjnego", "Signature of the information point employee";
    hv_show_pesel: "Pokaż cały numer", "Show the whole number";
    hv_case_ref: "Znak sprawy", "Case reference";
    hv_since: "W tym stanie od", "Since";
    hv_planned: "Termin wizyty", "Visit planned";
    hv_waiting_for_me: "Czekają na Ciebie", "Waiting for you";
    hv_others: "Pozostałe wnioski", "Other requests";
    hv_none: "Brak wniosków.", "No requests.";
    // Personal data (issue 14): finding requests by PESEL (its keyed hash).
    hv_search_pesel_title: "Wyszukiwanie po numerze PESEL", "Search by PESEL";
    hv_search_pesel_hint: "Wyszukiwanie jest rejestrowane. Numer nie trafia do adresu strony.", "Searches are recorded. The number is not put in the page's address.";
    hv_search_pesel_ask: "Wpisz numer PESEL", "Enter the PESEL number";
    hv_search_button: "Szukaj", "Search";
    hv_search_found: "Wnioski z podanym numerem PESEL", "Requests with this PESEL";
    hv_search_none: "Brak wniosków z podanym numerem PESEL, które można tu zobaczyć.", "No requests with this PESEL that can be shown here.";
    hv_stuck: "czeka za długo", "waiting too long";
    hv_state_registered: "Zarejestrowany", "Registered";
    hv_state_decreed: "Zadekretowany do komórki", "Decreed to the department";
    hv_state_scheduled: "Wizyta zaplanowana", "Scheduled";
    hv_state_drafted: "Upoważnienia przygotowane", "Authorisations drafted";
    hv_state_authorised: "Upoważnienia podpisane", "Authorised";
    hv_state_visited: "Po wizycie", "After the visit";
    hv_state_cancelled: "Anulowany", "Cancelled";
    hv_step_register: "Rejestracja wniosku", "Request registered";
    hv_step_decree: "Zadekretuj do komórki", "Decree to the department";
    hv_step_schedule: "Zaplanuj wizytę", "Schedule the visit";
    hv_step_assign_drafter: "Przekaż do przygotowania upoważnień", "Pass on for the authorisations";
    hv_step_draft: "Przygotuj upoważnienia", "Draft the authorisations";
    hv_step_sign: "Zatwierdź upoważnienia", "Sign the authorisations";
    hv_step_record_done: "Zapisz: wizyta odbyta", "Record: visit made";
    hv_step_record_absent: "Zapisz: klienta nie zastano", "Record: client not at home";
    hv_step_record_rescheduled: "Zwróć do ponownego zaplanowania", "Send back to be rescheduled";
    hv_step_send_back: "Zwróć do poprzedniego etapu", "Send back to the previous stage";
    hv_step_cancel: "Anuluj wniosek", "Cancel the request";
    hv_did_decree: "Dekretacja do komórki", "Decreed to the department";
    hv_did_schedule: "Zaplanowanie wizyty", "Visit scheduled";
    hv_did_assign_drafter: "Przekazanie do przygotowania upoważnień", "Passed on for the authorisations";
    hv_did_draft: "Przygotowanie upoważnień", "Authorisations drafted";
    hv_did_sign: "Zatwierdzenie upoważnień", "Authorisations signed";
    hv_did_send_back: "Zwrot do poprzedniego etapu", "Sent back to the previous stage";
    hv_did_cancel: "Anulowanie wniosku", "Request cancelled";
    hv_step_taken: "Zapisano. Stan wniosku: {state}.", "Saved. The request is now: {state}.";
    hv_your_step: "Twój krok", "Your step";
    hv_timeline: "Historia", "History";
    hv_instruction: "Polecenie (dekretacja)", "Instruction (decree)";
    hv_instruction_hint: "Jak na papierze: co komórka ma zrobić, np. „Proszę o wyznaczenie pracownika i terminu wizyty”.", "As on paper: what the department must do, e.g. “Please name an employee and a date”.";
    hv_note: "Uwagi", "Notes";
    hv_reason_for_step: "Uzasadnienie", "Reason";
    hv_employees: "Osoby wyznaczone do wizyty", "People designated for the visit";
    hv_employees_needed: "Wybierz co najmniej jedną osobę", "Choose at least one person";
    hv_date: "Dzień wizyty", "Day of the visit";
    hv_date_hint: "Co najmniej jeden pełny dzień roboczy po dzisiejszym: najwcześniej {date}", "At least one full working day after today: {date} at the earliest";
    hv_done_from: "Wizytę można oznaczyć jako odbytą od dnia wizyty, {date}.", "The visit can be recorded as done from its day, {date}.";
    hv_sign_own_draft: "Upoważnienia przygotowane przez Ciebie podpisuje inna osoba (zasada czterech oczu).", "Authorisations you drafted are signed by someone else (four-eyes rule).";
    hv_sign_lead: "Podpisujesz upoważnienia o tej treści:", "You are signing authorisations worded as follows:";
    hv_time: "Godzina", "Time";
    hv_time_hint: "W godzinach pracy urzędu, np. 10:30", "Within office hours, e.g. 10:30";
    hv_time_invalid: "Wpisz godzinę jako GG:MM, np. 10:30", "Enter the time as HH:MM, e.g. 10:30";
    hv_too_soon: "Między dziś a wizytą musi być co najmniej jeden pełny dzień roboczy (na upoważnienia): najwcześniej {date}", "At least one full working day must lie between today and the visit (for the authorisations): {date} at the earliest";
    hv_outside_hours: "Wizyta musi się odbyć w godzinach pracy urzędu ({hours})", "The visit must be within office hours ({hours})";
    hv_drafter: "Osoba z BOMiNO przygotowująca upoważnienia", "BOMiNO person drafting the authorisations";
    hv_authorisations: "Upoważnienia imienne", "Named authorisations";
    hv_register_number: "Numer w rejestrze", "Register number";
    hv_scope_label: "Zakres", "Scope";
    hv_unsigned: "niepodpisane", "not signed";
    hv_void: "unieważnione", "void";
    register_title: "Rejestr upoważnień", "Register of authorisations";
    register_lead: "Imienne upoważnienia do wizyt w domu klienta, podpisane przez Sekretarza Miasta (§5.3.6).", "Named authorisations for home visits, signed by the City Secretary (§5.3.6).";
    register_caption: "Upoważnienia, od najnowszych", "Authorisations, newest first";
    register_none: "Brak upoważnień spełniających kryteria.", "No authorisations match.";
    register_csv: "Pobierz CSV", "Download CSV";
    register_valid: "Okres ważności", "Valid";
    register_visit: "Wizyta", "Visit";
    authorisation_title: "Upoważnienie nr", "Authorisation no.";
    authorisation_basis: "Na podstawie §5.3 Regulaminu obsługi klientów Urzędu Miasta", "Under §5.3 of the City Office's client service regulation";
    authorisation_text: "upoważniam:", "I authorise:";
    authorisation_text_pani: "upoważniam Panią:", "I authorise Ms:";
    authorisation_text_pan: "upoważniam Pana:", "I authorise Mr:";
    authorisation_person: "Imię i nazwisko", "Name";
    authorisation_position: "Stanowisko", "Position";
    authorisation_department: "Komórka organizacyjna", "Department";
    authorisation_registered: "Wpisano do rejestru upoważnień pod nr {number} dnia {date}.", "Entered in the register of authorisations as {number} on {date}.";
    document_dated: "Dnia {date}", "Date: {date}";
    document_stamp: "Pieczęć urzędu", "Office stamp";
    document_signature: "(podpis)", "(signature)";
    document_blank: "do uzupełnienia odręcznie", "to be filled in by hand";
    authorisation_validity: "Upoważnienie jest ważne od {from} do {to}.", "This authorisation is valid from {from} to {to}.";
    authorisation_signed: "Sekretarz Miasta", "City Secretary";
    hv_scope: "do wykonania czynności w sprawie „{case}” w miejscu zamieszkania klienta w dniu {date}", "to carry out the acts of the case “{case}” at the client's home on {date}";

    // Reports (§7.4)
    nav_reports: "Raporty", "Reports";
    month_names: "styczeń,luty,marzec,kwiecień,maj,czerwiec,lipiec,sierpień,wrzesień,październik,listopad,grudzień", "January,February,March,April,May,June,July,August,September,October,November,December";
    month_short_names: "sty,lut,mar,kwi,maj,cze,lip,sie,wrz,paź,lis,gru", "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec";
    report_nav: "Raporty", "Reports";
    report_today_title: "Urząd dziś", "The office today";
    report_today_lead: "Stan na teraz. W docelowym czasie: klient wezwany po najwyżej {target} min oczekiwania.", "As of now. Served within the target means called within {target} min of waiting.";
    report_staff_title: "Pracownicy", "Employees";
    report_trends_title: "Trendy", "Trends";
    report_departments_title: "Porównanie komórek", "Departments compared";
    report_last_12: "Ostatnie 12 miesięcy", "The last 12 months";
    report_comments: "Komentarze mieszkańców", "Residents' comments";
    report_comments_lead: "Komentarze z ankiet są anonimowe i widoczne tylko dla przełożonych. Pokazujemy miejsce oceny, bez daty i godziny.", "Survey comments are anonymous and shown to supervisors only: where they were given, without date or time.";
    report_no_comments: "Brak komentarzy w tym miesiącu.", "No comments this month.";
    report_comment: "Komentarz", "Comment";
    report_sheet_title: "Arkusz oceny pracownika (§7.4)", "Employee evaluation sheet (§7.4)";
    report_sheet_presence: "Obecność i dostępność (§7.4.1–2)", "Presence and availability (§7.4.1–2)";
    report_sheet_clients: "Obsługa klientów (§7.4.5)", "Serving clients (§7.4.5)";
    report_survey: "Ankiety satysfakcji (§7.4.6)", "Satisfaction surveys (§7.4.6)";
    report_survey_lead: "Odpowiedzi w miesiącu: {n}. Średnią pokazujemy od {min} odpowiedzi na pytanie, aby ocena była rzetelna, a mieszkańcy anonimowi.", "Answers this month: {n}. A mean is shown from {min} answers to a question, to be fair and to keep residents anonymous.";
    report_too_few: "mniej niż {n} odpowiedzi", "fewer than {n} answers";
    report_question: "Pytanie", "Question";
    report_code: "Kod", "Code";
    report_answers: "Odpowiedzi", "Answers";
    report_mean: "Średnia (1–5)", "Mean (1–5)";
    report_month: "Miesiąc", "Month";
    report_show: "Pokaż miesiąc", "Show";
    report_month_hint: "Rok i miesiąc, np. 2026-11", "Year and month, e.g. 2026-11";
    report_month_refused: "Nie można pokazać miesiąca „{asked}” (nieznany albo przyszły): pokazujemy {shown}. Wpisz rok i miesiąc, np. 2026-11.", "Cannot show the month “{asked}” (unknown or in the future): showing {shown}. Type the year and month, e.g. 2026-11.";
    report_prev_month: "← Poprzedni miesiąc", "← Previous month";
    report_next_month: "Następny miesiąc →", "Next month →";
    report_download: "Pobierz", "Download";
    report_employee: "Pracownik", "Employee";
    report_department: "Komórka", "Department";
    report_by_department: "Według komórek", "By department";
    report_total: "Razem", "Total";
    report_waiting_now: "Czeka teraz", "Waiting now";
    report_longest_wait: "Najdłuższe oczekiwanie", "Longest wait";
    report_served: "Obsłużeni klienci", "Clients served";
    report_no_shows: "Nieobecności przy wezwaniu", "Did not come when called";
    report_wait_mean: "Średni czas oczekiwania", "Mean wait";
    report_wait_mean_minutes: "Średni czas oczekiwania (min)", "Mean wait (min)";
    report_wait_median: "Mediana czasu oczekiwania", "Median wait";
    report_wait_p90: "Czas oczekiwania, 90. percentyl", "Wait, 90th percentile";
    report_within_target: "Wezwania w docelowym czasie", "Served within the target";
    report_within_target_short: "W docelowym czasie", "Within the target";
    report_within_target_minutes: "Wezwania w ciągu {target} min", "Called within {target} min";
    report_over_target: "powyżej celu ({target} min)", "over the target ({target} min)";
    report_target_line: "cel {target} min", "target {target} min";
    report_service_mean: "Średni czas obsługi", "Mean service time";
    report_service_median: "Mediana czasu obsługi", "Median service time";
    report_wait_distribution: "Rozkład czasu oczekiwania dziś", "Today's waiting times";
    report_clients_by_wait: "Liczba klientów według minut oczekiwania", "Clients by minutes waited";
    report_chart_symbols: "Komórki oznaczone symbolami; pełne nazwy w tabeli poniżej.", "Departments marked by their symbols; full names in the table below.";
    report_survey_mean_scale: "Średnia ocena (skala 1–5)", "Mean rating (scale 1–5)";
    report_wait_bucket: "Czas oczekiwania", "Waited";
    report_clients: "Klienci", "Clients";
    report_desks_open: "Otwarte stanowiska", "Desks open";
    report_no_desks: "Żadne stanowisko nie jest teraz otwarte.", "No desk is open now.";
    report_away_until: "Poza stanowiskiem do", "Away from the desk until";
    report_away_till: "poza stanowiskiem, powrót o {time}", "away, back at {time}";
    report_callbacks_overdue: "Zaległe oddzwonienia", "Callbacks overdue";
    report_home_visits_stuck: "Wnioski o wizytę bez postępu", "Home visits stuck";
    report_other: "Pozostałe", "Other";
    report_figure: "Wskaźnik", "Figure";
    report_value: "Wartość", "Value";
    report_working_days: "Dni robocze w miesiącu", "Working days in the month";
    report_days_present: "Dni obecności przy stanowisku (w godzinach pracy urzędu)", "Days at the desk (office hours)";
    report_hours_present: "Czas przy stanowisku w godzinach pracy urzędu", "Time at the desk within office hours";
    report_minutes_present: "Minuty przy stanowisku w godzinach pracy urzędu", "Minutes at the desk within office hours";
    report_minutes_away: "Czas poza stanowiskiem (min)", "Away from the desk (minutes)";
    report_callbacks_due: "Oddzwonienia z terminem w miesiącu", "Callbacks due this month";
    report_callbacks_on_time: "Oddzwonienia w terminie", "Callbacks kept on time";
    report_callbacks_late: "Oddzwonienia po terminie", "Callbacks late";
    report_callbacks_pending: "Oddzwonienia jeszcze przed terminem", "Callbacks not yet due";
    report_callbacks_repromised: "Oddzwonienia z nowym terminem", "Callbacks re-promised";
    report_x_of_y: "{x} z {y}", "{x} of {y}";
    report_redirects_sent: "Klienci skierowani do innych pracowników", "Clients redirected to colleagues";
    report_redirects_received: "Klienci przyjęci od innych pracowników", "Clients received from colleagues";
    report_survey_answers: "Odpowiedzi w ankietach", "Survey answers";
    report_survey_mean: "Średnia ocen w ankietach", "Mean survey score";
    report_assessed: "Ocena przełożonego", "Supervisor's assessment";
    report_no_staff: "Brak pracowników do pokazania.", "No employees to show.";
    report_signature_supervisor: "Podpis przełożonego", "Supervisor's signature";
    report_signature_employee_pani: "Zapoznałam się z oceną (data i podpis)", "I have read this assessment (date and signature)";
    report_signature_employee_pan: "Zapoznałem się z oceną (data i podpis)", "I have read this assessment (date and signature)";
    report_signature_employee: "Potwierdzam zapoznanie się z oceną (data i podpis pracownika)", "Read by the employee (signature)";
    assess_title: "Ocena przełożonego (§7.4.1, 3, 4)", "Supervisor's assessment (§7.4.1, 3, 4)";
    assess_availability: "Dyspozycyjność", "Availability";
    assess_availability_hint: "1 – rzadko do dyspozycji, 5 – zawsze do dyspozycji klientów i współpracowników.", "1 – seldom available, 5 – always available to clients and colleagues.";
    assess_discipline: "Porządek i dyscyplina pracy", "Order and work discipline";
    assess_discipline_hint: "1 – często uchybienia, 5 – wzorowo.", "1 – frequent lapses, 5 – exemplary.";
    assess_kindness: "Życzliwość i zaangażowanie wobec klientów", "Kindness and engagement with clients";
    assess_kindness_hint: "1 – wymaga poprawy, 5 – wzorowo.", "1 – needs improvement, 5 – exemplary.";
    assess_comment: "Uzasadnienie", "Comment";
    assess_by: "Ocena wystawiona przez", "Assessed by";
    assess_none: "Brak oceny przełożonego za ten miesiąc.", "No assessment for this month yet.";
    assess_save: "Zapisz ocenę", "Save the assessment";
    assess_saved: "Ocena zapisana.", "Assessment saved.";
    assess_choose: "Wybierz ocenę od 1 do 5.", "Choose from 1 to 5.";
    action_report_sheet_viewed: "Odczyt arkusza oceny", "Evaluation sheet read";

    // Kiosks and the questionnaire (admins)
    nav_kiosks: "Kioski", "Kiosks";
    kiosks_title: "Kioski ankiety", "Survey kiosks";
    kiosks_lead: "Tablety, na których mieszkańcy anonimowo oceniają obsługę. Kiosk przy stanowisku zaprasza klienta każdej zakończonej tam wizyty; kiosk przy wyjściu zbiera oceny całego urzędu.", "Tablets on which residents rate the service anonymously. A kiosk at a desk invites the client of each visit finished there; a kiosk at the exit collects ratings of the whole office.";
    kiosks_caption: "Kioski, najpierw działające", "Kiosks, working ones first";
    kiosks_none: "Nie ma jeszcze żadnego kiosku.", "There are no kiosks yet.";
    kiosk_name: "Nazwa", "Name";
    kiosk_name_hint: "Np. „Tablet przy stanowisku 4”.", "E.g. “Tablet at desk 4”.";
    kiosk_desk: "Stanowisko", "Desk";
    kiosk_desk_hint: "Kiosk przy stanowisku przypisuje oceny osobie, która obsłużyła klienta; automat w holu wydaje numerki.", "A kiosk at a desk attributes ratings to whoever served the client; a stand in the hall hands out tickets.";
    kiosk_exit: "Przy wyjściu (cały urząd)", "At the exit (the whole office)";
    kiosk_stand: "Automat z numerkami w holu", "Ticket stand in the hall";
    kiosk_taken: "Ta nazwa jest zajęta albo przy tym stanowisku jest już kiosk.", "This name is taken, or that desk already has a kiosk.";
    kiosk_add: "Dodaj kiosk", "Add a kiosk";
    kiosk_last_seen: "Ostatnio aktywny", "Last seen";
    kiosk_answers_30: "Ocen w 30 dni", "Answers in 30 days";
    kiosk_state_enrolled: "działa", "working";
    kiosk_state_code: "czeka na kod do {time}", "awaiting its code until {time}";
    kiosk_state_new: "bez ważnego kodu", "no valid code";
    kiosk_state_revoked: "wyłączony", "revoked";
    kiosk_new_code: "Nowy kod", "New code";
    kiosk_revoke: "Wyłącz", "Revoke";
    kiosk_revoked: "Kiosk wyłączony. Tablet nie przyjmie już ocen.", "Kiosk revoked. The tablet will take no more answers.";
    kiosk_code_for: "Kod rejestracji: {name}", "Enrolment code: {name}";
    kiosk_code_steps: "Na tablecie otwórz {url} i wpisz ten kod. Kod jest jednorazowy i ważny do {time}; nie pokażemy go ponownie.", "On the tablet, open {url} and type this code. It works once, until {time}, and will not be shown again.";
    questionnaire_title: "Pytania ankiety", "Survey questions";
    questionnaire_lead: "Obecna wersja: {version}. Zapisanie zmian tworzy nową wersję; wcześniejsze odpowiedzi zachowują pytania, na które odpowiadano. Aby usunąć pytanie, wyczyść wszystkie jego pola.", "Current version: {version}. Saving makes a new version; earlier answers keep the questions they answered. To remove a question, clear all of its fields.";
    questionnaire_save: "Zapisz nową wersję", "Save as a new version";
    question_n: "Pytanie {n}", "Question {n}";
    question_code: "Kod pytania", "Question code";
    question_code_hint: "Małe litery, cyfry i _, np. courtesy. Ten sam kod w kolejnych wersjach pozwala porównywać wyniki.", "Lower-case letters, digits and _, e.g. courtesy. The same code in later versions keeps results comparable.";
    question_pl: "Treść po polsku", "Text in Polish";
    question_en: "Treść po angielsku", "Text in English";
    question_uk: "Treść po ukraińsku", "Text in Ukrainian";
    question_code_invalid: "Kod to co najmniej 2 znaki: małe litery, cyfry i _, zaczyna się literą.", "A code is at least 2 characters: lower-case letters, digits and _, starting with a letter.";
    question_code_twice: "Ten kod ma już inne pytanie.", "Another question has this code.";
    question_text_needed: "Wpisz treść pytania (co najmniej 3 znaki).", "Enter the question (at least 3 characters).";
    question_none: "Ankieta musi mieć co najmniej jedno pytanie.", "The survey needs at least one question.";
    question_stale: "W międzyczasie ktoś zapisał nową wersję pytań. Otwórz formularz ponownie.", "Someone saved a new version meanwhile. Open the form again.";
    question_unchanged: "Bez zmian: wersja pytań pozostaje ta sama.", "Nothing changed: the version stays the same.";
    question_saved: "Zapisano wersję {version} pytań.", "Version {version} of the questions saved.";
    action_kiosk_created: "Dodanie kiosku", "Kiosk added";
    action_kiosk_code_renewed: "Nowy kod kiosku", "Kiosk code renewed";
    action_kiosk_revoked: "Wyłączenie kiosku", "Kiosk revoked";
    action_kiosk_enrolled: "Rejestracja tabletu", "Tablet enrolled";
    action_kiosk_enrol_refused: "Odrzucenie kodu rejestracji tabletu", "Tablet code refused";
    action_assessment_saved: "Zapis oceny pracownika (§7.4)", "Employee assessment (§7.4)";
    action_survey_comments_read: "Odczyt komentarzy z ankiet", "Survey comments read";
    action_survey_questionnaire_saved: "Nowa wersja pytań ankiety", "New survey questions";

    // Audit actions, as shown in the log
    action_auth_sign_in: "Logowanie", "Sign-in";
    action_auth_sign_in_failed: "Nieudane logowanie", "Failed sign-in";
    action_auth_sign_out: "Wylogowanie", "Sign-out";
    action_auth_password_changed: "Zmiana hasła", "Password change";
    action_access_denied: "Odmowa dostępu", "Access denied";
    action_csrf_rejected: "Odrzucenie formularza (wygasły lub z innej witryny)", "Form rejected (expired or from another site)";
    action_staff_created: "Dodanie pracownika", "Employee added";
    action_staff_updated: "Zmiana konta pracownika", "Employee account changed";
    action_department_created: "Dodanie komórki", "Department added";
    action_department_updated: "Zmiana komórki", "Department changed";
    action_desk_created: "Dodanie stanowiska", "Desk added";
    action_desk_updated: "Zmiana stanowiska", "Desk changed";
    action_absence_recorded: "Zapis nieobecności", "Absence recorded";
    action_assistance_acknowledged: "Potwierdzenie prośby o przyjście", "Assistance acknowledged";
    action_assistance_arrived: "Przyjście do klienta", "Arrived at the client";
    action_away_started: "Odejście od stanowiska", "Left the desk";
    audit_anonymous: "— (niezalogowany)", "— (not signed in)";
    action_away_ended: "Powrót na stanowisko", "Back at the desk";
    action_callback_created: "Obietnica oddzwonienia", "Callback promised";
    action_callback_repromised: "Nowy termin oddzwonienia", "Callback re-promised";
    action_callback_closed: "Zakończenie oddzwonienia", "Callback closed";
    action_closed_day_added: "Dodanie dnia wolnego", "Day off added";
    action_closed_day_removed: "Usunięcie dnia wolnego", "Day off removed";
    action_desk_opened: "Otwarcie stanowiska", "Desk opened";
    action_desk_closed: "Zamknięcie stanowiska", "Desk closed";
    action_procedure_created: "Dodanie karty usługi", "Procedure card added";
    action_procedure_updated: "Zmiana karty usługi", "Procedure card changed";
    action_visit_registered: "Rejestracja klienta", "Client registered";
    action_visit_called: "Wezwanie klienta", "Client called";
    action_visit_started: "Rozpoczęcie obsługi", "Service started";
    action_visit_delay_noted: "Zapis powodu opóźnienia", "Delay noted";
    action_visit_no_show: "Nieobecność przy wezwaniu", "Client did not come";
    action_visit_no_show_undone: "Cofnięcie nieobecności przy wezwaniu", "Did not come, undone";
    action_visit_recalled: "Ponowne wezwanie klienta", "Client called again";
    action_visit_finished: "Zakończenie obsługi", "Service finished";
    action_visit_redirected: "Przekierowanie klienta", "Client redirected";
    action_home_visit_registered: "Rejestracja wniosku o wizytę domową", "Home-visit request registered";
    action_home_visit_step: "Krok w sprawie wizyty domowej", "Home-visit step taken";
    action_home_visit_loan_asked: "Prośba o pracownika innego wydziału do wizyty domowej", "Colleague of another department asked for a home visit";
    action_home_visit_loan_answered: "Odpowiedź na prośbę o pracownika do wizyty domowej", "Answer to a request for a colleague for a home visit";
    // The data protection officer (iod/: a person's data, erasure, the register of processing, who read what)
    action_iod_person_searched: "Wyszukanie danych osoby (IOD)", "A person's data searched (DPO)";
    action_iod_person_exported: "Wydanie danych osoby (IOD)", "A person's data exported (DPO)";
    action_report_staff_list_read: "Odczyt zestawienia arkuszy oceny pracowników (§7.4)", "Staff evaluation overview read (§7.4)";
    action_iod_person_erased: "Usunięcie danych osoby (IOD)", "A person's data erased (DPO)";
    nav_iod: "Ochrona danych", "Data protection";
    home_iod_card: "Dane osoby udostępniane na jej żądanie, rejestr czynności przetwarzania i rejestr odczytów danych.", "A resident's data on request, the register of processing and who read what.";
    iod_nav: "Strony inspektora ochrony danych", "Data protection officer's pages";
    iod_person_title: "Dane osoby", "A person's data";
    iod_person_lead: "Wyszukaj wszystko, co Okienko przechowuje o mieszkańcu: po numerze PESEL albo po imieniu i nazwisku razem z numerem telefonu. Wynik można wydrukować jako odpowiedź na żądanie z art. 15 RODO, pobrać jako plik JSON albo usunąć dane tam, gdzie żaden przepis nie nakazuje ich przechowywać (art. 17).", "Find everything Okienko holds about a resident: by PESEL, or by name together with phone number. The result can be printed as the answer to a request under GDPR Art. 15, downloaded as a JSON file, or erased where no law requires keeping it (Art. 17).";
    iod_pesel_hint: "11 cyfr.", "11 digits.";
    iod_name: "Imię i nazwisko", "Name";
    iod_phone: "Numer telefonu", "Phone number";
    iod_name_phone_hint: "Razem z numerem telefonu, tak jak zapisano je w Okienku.", "Together with the phone number, as Okienko recorded them.";
    iod_search: "Wyszukaj dane osoby", "Find the person's data";
    iod_search_needs: "Podaj numer PESEL albo imię i nazwisko razem z numerem telefonu", "Enter a PESEL, or a name together with a phone number";
    iod_name_needs_phone: "Podaj też numer telefonu: samo imię i nazwisko wskazałoby inne osoby", "Enter the phone number too: a name alone would point to other people";
    iod_phone_needs_name: "Podaj też imię i nazwisko: pod jednym numerem bywa kilka osób", "Enter the name too: several people may share a number";
    iod_found: "Znalezione rekordy: {n}", "Records found: {n}";
    iod_found_none: "Okienko nie przechowuje danych tej osoby w żadnym z rodzajów rekordów ({n}).", "Okienko holds no data of this person in any kind of record ({n}).";
    iod_searched_for: "Szukano", "Searched for";
    iod_kinds_searched: "Przeszukane rodzaje rekordów", "Kinds of record searched";
    iod_purpose: "Cel przetwarzania", "Purpose";
    iod_legal_ground: "Podstawa prawna", "Legal ground";
    iod_recipients: "Odbiorcy", "Recipients";
    iod_retention: "Okres przechowywania", "Retention";
    iod_record: "Rekord", "Record";
    iod_record_caption: "Dane w rekordzie {record}", "Data in record {record}";
    iod_field: "Dane", "Data";
    iod_value: "Wartość", "Value";
    iod_empty_value: "(brak)", "(none)";
    iod_lookup_value: "(skrót – nieczytelny)", "(hash – not readable)";
    iod_erasable: "Można usunąć na żądanie osoby.", "May be erased at the person's request.";
    iod_open_matter: "Nie można usunąć: sprawa jest w toku, a dane są potrzebne do jej załatwienia (art. 17 ust. 3 lit. b RODO).", "Cannot be erased: the matter is still going on and the data are needed to settle it (GDPR Art. 17(3)(b)).";
    iod_kept_under_law: "Nie można usunąć: przepis nakazuje przechowywać te dane (art. 17 ust. 3 lit. b RODO). {why}", "Cannot be erased: the law requires keeping these data (GDPR Art. 17(3)(b)). {why}";
    iod_already_anonymised: "Dane już zanonimizowano.", "The data have already been anonymised.";
    iod_export_json: "Pobierz jako plik JSON", "Download as a JSON file";
    iod_print: "Drukuj", "Print";
    iod_erase_start: "Usuń dane tej osoby…", "Erase this person's data…";
    iod_print_title: "Informacja o danych osobowych przetwarzanych w systemie Okienko (art. 15 RODO)", "Personal data processed in Okienko (GDPR Art. 15)";
    iod_print_date: "Stan na {date}", "As of {date}";
    iod_erase_title: "Usunięcie danych osoby", "Erasing a person's data";
    iod_erase_lead: "Dane osobowe w rekordach wymienionych poniżej zostaną zanonimizowane: imiona i nazwiska, numery telefonów, adresy i opisy zostaną usunięte lub zastąpione. Liczby, daty i godziny potrzebne do sprawozdań pozostaną bez zmian. Tej operacji nie można cofnąć.", "The personal data in the records below will be anonymised: names, phones, addresses and free text cleared or replaced. The counts and times the reports need stay. This cannot be undone.";
    iod_erase_will: "Zostaną zanonimizowane", "Will be anonymised";
    iod_erase_refused: "Nie zostaną usunięte", "Will not be erased";
    iod_erase_reason: "Podstawa usunięcia", "Ground for the erasure";
    iod_erase_reason_hint: "Np. żądanie osoby z dnia 20.11.2026, art. 17 ust. 1 lit. a RODO. Treść zostanie zapisana w dzienniku zdarzeń.", "E.g. the person's request and its date, the clause of GDPR Art. 17(1). Written to the audit log.";
    iod_erase_ask_reason: "Podaj podstawę usunięcia (od 3 do 1000 znaków)", "Give the ground for the erasure (3 to 1000 characters)";
    // Review of personal data: the ground of an erasure goes to the audit log, so never a PESEL.
    iod_erase_reason_pesel: "Podstawa trafia do dziennika zdarzeń: nie wpisuj w niej numeru PESEL", "The ground is written to the audit log: do not type a PESEL in it";
    iod_erase_confirm: "Zanonimizuj dane", "Anonymise the data";
    iod_erase_nothing: "Nie ma danych, które można usunąć.", "There are no data that may be erased.";
    iod_erased: "Zanonimizowane rekordy: {n}. Podstawę zapisano w dzienniku zdarzeń.", "Records anonymised: {n}. The ground was written to the audit log.";
    iod_back_to_search: "Wróć do wyszukiwania", "Back to the search";
    iod_register_title: "Rejestr czynności przetwarzania", "Register of processing activities";
    iod_register_lead: "Rejestr prowadzony na podstawie art. 30 ust. 1 RODO, sporządzony automatycznie na podstawie opisu danych w systemie Okienko; obejmuje każdy rodzaj rekordu zawierający dane osobowe.", "GDPR Art. 30(1). Made from what Okienko's code declares: every kind of record that holds personal data.";
    iod_controller: "Administrator danych", "Controller";
    iod_dpo: "Inspektor ochrony danych", "Data protection officer";
    iod_not_set: "(nie ustawiono)", "(not set)";
    iod_as_of: "Stan na dzień", "As of";
    iod_register_kinds: "Czynności przetwarzania: {n}", "Processing activities: {n}";
    iod_subjects: "Osoby, których dane dotyczą", "Data subjects";
    iod_subject_residents: "mieszkańcy – klienci urzędu", "residents – the office's clients";
    iod_subject_employees: "pracownicy urzędu", "the office's employees";
    iod_data_categories: "Kategorie danych", "Categories of data";
    iod_transfers: "Przekazywanie do państw trzecich", "Transfers to third countries";
    iod_no_transfers: "nie dotyczy", "none";
    iod_security: "Środki bezpieczeństwa (art. 32)", "Security measures (Art. 32)";
    iod_table: "Tabela w bazie danych", "Database table";
    iod_on_request: "Usunięcie na żądanie osoby (art. 17)", "Erasure at the person's request (Art. 17)";
    iod_on_request_erasable: "możliwe po zakończeniu sprawy (inspektor ochrony danych)", "possible once the matter has ended (the data protection officer)";
    iod_reads_title: "Kto odczytał dane", "Who read what";
    iod_reads_lead: "Odczyty numerów PESEL i informacji o stanie zdrowia (strona wniosku o wizytę domową, wydruk Załącznika Nr 1, wyszukiwania wniosków po numerze PESEL, wyszukiwania inspektora) oraz arkuszy oceny pracowników (§7.4), od najnowszych.", "Reads of PESEL numbers and health information (the home-visit request's page, Annex 1 printed, searches for requests by PESEL, the officer's searches) and of employees' evaluation sheets (§7.4), newest first.";
    iod_reads_employee: "Osoba odczytująca dane", "Who read the data";
    iod_reads_any_employee: "Wszystkie osoby", "Everyone";
    iod_reads_by_pesel: "Odczyty danych mieszkańca", "Reads of a resident's data";
    iod_reads_by_pesel_hint: "11 cyfr. Numer nie trafia do adresu strony: lista zawęża się do wniosków tej osoby.", "11 digits. The number does not go into the page's address: the list narrows to this person's requests.";
    iod_reads_find: "Pokaż odczyty danych tej osoby", "Show reads of this person's data";
    iod_reads_resident: "Wnioski mieszkańca", "The resident's requests";
    iod_reads_no_such_employee: "Wybierz pracownika z listy", "Choose an employee from the list";
    iod_reads_bad_requests: "Adres strony zawiera nieprawidłowe oznaczenia wniosków. Wyszukaj osobę ponownie po numerze PESEL.", "The page's address holds wrong requests. Search for the person again by PESEL.";
    iod_reads_no_requests: "Nie ma wniosków z tym numerem PESEL", "There are no requests with this PESEL";
    iod_reads_caption: "Odczyty danych", "Reads of data";
    iod_reads_when: "Kiedy", "When";
    iod_reads_who: "Kto", "Who";
    iod_reads_what: "Co", "What";
    iod_reads_record: "Czego dotyczy", "About";
    iod_reads_empty: "Brak odczytów spełniających warunki.", "No reads match.";
    // Home visits: colleagues of other departments, asked for through their head (home_visits::loans)
    hv_employee_not_designable: "Wyznaczyć można pracowników wydziału, a pracownika innego wydziału – po zgodzie naczelnika jego wydziału", "You may designate the department's staff, and a colleague of another department once the head of their department agrees";
    hv_loan_title: "Pracownicy innych wydziałów", "Colleagues of other departments";
    hv_loan_lead: "Wyznaczyć można pracowników wydziału. Pracownika innego wydziału wyznacza się po zgodzie naczelnika jego wydziału.", "You may designate the staff of the department. A colleague of another department is designated once the head of their department agrees.";
    hv_loan_colleague: "Pracownik innego wydziału", "Colleague of another department";
    hv_loan_note: "Uzasadnienie prośby", "Why this colleague";
    hv_loan_note_hint: "Np. znajomość języka lub rejonu. Nie podawaj danych o zdrowiu klienta: naczelnik innego wydziału czyta to uzasadnienie.", "E.g. a language or a district they know. Do not give the client's health data: the other department's head reads this.";
    hv_loan_ask_colleague: "Wybierz pracownika innego wydziału", "Choose a colleague of another department";
    hv_loan_ask_note: "Napisz, dlaczego ten pracownik (co najmniej 3 znaki)", "Say why this colleague (at least 3 characters)";
    hv_loan_ask: "Poproś naczelnika o zgodę", "Ask their head";
    hv_loan_asked: "Prośba wysłana do naczelnika wydziału pracownika.", "The request was sent to the head of the colleague's department.";
    hv_loan_waiting: "czeka na odpowiedź", "awaiting an answer";
    hv_loan_agreed: "zgoda", "agreed";
    hv_loan_refused: "odmowa", "refused";
    hv_loan_asks_title: "Prośby innych wydziałów o pracowników wydziału", "Other departments asking for the department's staff";
    hv_loan_asks_none: "Brak próśb.", "No requests.";
    hv_loan_asking: "Prosi", "Asked by";
    hv_loan_agree: "Zgoda", "Agree";
    hv_loan_refuse: "Odmowa", "Refuse";
    hv_loan_agreed_msg: "Wyrażono zgodę. Naczelnik prowadzący sprawę może wyznaczyć tego pracownika.", "Agreed. The head in charge of the case may now designate this colleague.";
    // Complaints (Std 20, 22; KPA art. 237): complaints/, the sheet, "Urząd dziś", kiosk comments
    cmp_title: "Skargi", "Complaints";
    cmp_lead: "Skargi klientów przyjęte przy stanowisku, telefonicznie, w punkcie informacyjnym lub z ankiety w kiosku. Dyrektor dekretuje skargę do właściwej komórki, a jej kierownik wyznacza osobę, która przygotuje odpowiedź. Skargę należy załatwić bez zbędnej zwłoki, nie później niż w ciągu miesiąca (art. 237 § 1 KPA).", "Clients' complaints taken at a desk, by phone or at the information point. The director decrees each to the competent department, whose head names who answers. The answer is due by the deadline (Code of Administrative Procedure, art. 237).";
    cmp_home_card: "Skargi klientów (Std 20, 22), które czekają na Twój krok.", "Clients' complaints (Std 20, 22) waiting for your step.";
    cmp_home_count: "Czekają na Ciebie: {count}, po terminie: {overdue}", "Waiting for you: {count}, overdue: {overdue}";
    cmp_new: "Przyjmij skargę", "Take a complaint";
    cmp_new_lead: "Wysłuchaj klienta bez przerywania. Powtórz własnymi słowami, jak rozumiesz sprawę, ustal przyczynę, zaproponuj rozwiązanie i zapytaj, czy klient je przyjmuje. Powiedz, kiedy i jak otrzyma odpowiedź.", "Listen to the client without interrupting. Say in your own words what you understood, find the cause, propose a remedy and ask whether the client accepts it. Say when and how they will hear back.";
    cmp_take_button: "Zapisz skargę", "Save the complaint";
    cmp_taken: "Skarga przyjęta: {case_ref}. Odpowiedź do {date}.", "Complaint taken: {case_ref}. Answer due by {date}.";
    cmp_others: "Pozostałe skargi", "Other complaints";
    cmp_none: "Brak skarg.", "No complaints.";
    cmp_step_taken: "Zapisano. Stan skargi: {state}.", "Saved. The complaint is now: {state}.";
    cmp_register_title: "Rejestr skarg", "Register of complaints";
    cmp_register_lead: "Wszystkie skargi, od najnowszych. Imiona i nazwiska skrócone; dane kontaktowe tylko w samej skardze.", "Every complaint, newest first. Names shortened; contact details only in the complaint itself.";
    cmp_export_csv: "Pobierz rejestr (CSV)", "Download the register (CSV)";
    cmp_export_xlsx: "Pobierz rejestr (XLSX)", "Download the register (XLSX)";
    cmp_section_client: "Kto składa skargę", "Who complains";
    cmp_section_about: "Przedmiot skargi", "The subject";
    cmp_section_talk: "Rozmowa z klientem (Std 20)", "The talk with the client (Std 20)";
    cmp_taken_during: "Sposób przyjęcia skargi", "How the complaint was taken";
    cmp_during_visit: "Przy stanowisku, podczas wizyty", "At a desk, during a visit";
    cmp_during_call: "Telefonicznie", "By phone";
    cmp_during_in_person: "Osobiście w punkcie informacyjnym", "In person at the information point";
    cmp_during_kiosk: "Z komentarza w ankiecie (kiosk)", "From a kiosk survey comment";
    cmp_visit: "Wizyta", "Visit";
    cmp_visit_unknown: "Nie ma takiej wizyty", "There is no such visit";
    cmp_visit_needed: "Skargę dotyczącą wizyty przyjmuje się na ekranie obsługi tej wizyty", "A complaint about a visit is taken from that visit's desk screen";
    cmp_client_name: "Imię i nazwisko klienta", "Client's name";
    cmp_client_name_hint: "Pole nieobowiązkowe – klient nie musi podawać imienia i nazwiska.", "Optional. The client need not give a name.";
    cmp_wants_answer: "Czy klient chce otrzymać odpowiedź?", "Does the client want an answer?";
    cmp_wants_answer_hint: "Dane kontaktowe zapisuje się tylko wtedy, gdy klient chce otrzymać odpowiedź.", "Contact details are written down only when the client wants an answer.";
    cmp_channel: "Jak przekazać odpowiedź", "How to send the answer";
    cmp_channel_letter: "Listownie", "By letter";
    cmp_channel_email: "E-mailem", "By e-mail";
    cmp_channel_phone: "Telefonicznie", "By phone";
    cmp_channel_in_person: "Osobiście", "In person";
    cmp_channel_none: "Nie przekazano – klient nie chce odpowiedzi", "Not sent – the client wants no answer";
    cmp_contact: "Adres, e-mail lub telefon", "Address, e-mail or phone";
    cmp_contact_hint: "Zgodnie z wybranym sposobem: adres pocztowy, adres e-mail albo numer telefonu.", "As the way chosen: a postal address, an e-mail address or a phone number.";
    cmp_email_invalid: "Wpisz adres e-mail w postaci nazwa@domena.pl", "Enter an e-mail address such as name@domain.pl";
    cmp_address_short: "Wpisz pełny adres pocztowy", "Enter the full postal address";
    cmp_about: "Czego dotyczy skarga", "What the complaint is about";
    cmp_about_visit: "Wizyty w urzędzie", "A visit to the office";
    cmp_about_department: "Komórki urzędu", "A department";
    cmp_about_employee: "Pracownika", "An employee";
    cmp_about_staff_label: "Osoba, której dotyczy skarga", "Employee concerned";
    cmp_about_procedure: "Procedury (rodzaju sprawy)", "A procedure (kind of case)";
    cmp_about_none: "– nie dotyczy –", "– not applicable –";
    cmp_client_words: "Słowa klienta", "The client's words";
    cmp_client_words_hint: "Zapisz, co mówi klient, jak najwierniej.", "Write down what the client says, as faithfully as you can.";
    cmp_restated: "Sprawa własnymi słowami (potwierdzona przez klienta)", "The matter in your own words (confirmed by the client)";
    cmp_cause: "Ustalona przyczyna", "Cause found";
    cmp_remedy: "Zaproponowane rozwiązanie", "Remedy proposed";
    cmp_accepted: "Czy klient przyjmuje rozwiązanie?", "Does the client accept the remedy?";
    cmp_would_accept: "Jakiego rozwiązania oczekuje klient", "What remedy the client expects";
    cmp_due_on: "Termin odpowiedzi", "Answer due by";
    cmp_due_hint: "Najpóźniej do {date} (miesiąc – art. 237 § 1 KPA; jeżeli koniec terminu przypada na sobotę lub dzień wolny od pracy, termin upływa następnego dnia roboczego – art. 57 § 4 KPA). Poinformuj klienta, kiedy i w jaki sposób otrzyma odpowiedź.", "At the latest {date} (a month, KPA art. 237; a day off moves it to the next working day). Tell the client when and how they will hear back.";
    cmp_due_past: "Termin nie może być w przeszłości", "The date cannot be in the past";
    cmp_due_too_late: "Termin nie może być późniejszy niż {date}", "The date cannot be later than {date}";
    cmp_ask_taken_during: "Wybierz sposób przyjęcia skargi", "Choose how the complaint was taken";
    cmp_ask_wants_answer: "Wybierz, czy klient chce odpowiedzi", "Choose whether the client wants an answer";
    cmp_ask_channel: "Wybierz, jak przekazać odpowiedź", "Choose how to send the answer";
    cmp_ask_contact: "Wpisz dane kontaktowe klienta", "Enter the client's contact details";
    cmp_ask_about: "Wybierz, czego dotyczy skarga", "Choose what the complaint is about";
    cmp_ask_client_words: "Wpisz słowa klienta (co najmniej 3 znaki)", "Enter the client's words (at least 3 characters)";
    cmp_ask_would_accept: "Wpisz, jakiego rozwiązania oczekuje klient", "Enter what remedy the client expects";
    cmp_ask_due_on: "Wpisz termin odpowiedzi", "Enter the date the answer is due";
    cmp_ask_answerer: "Wybierz osobę, która odpowie", "Choose who answers";
    cmp_ask_answer_text: "Wpisz treść odpowiedzi (co najmniej 3 znaki)", "Enter the answer (at least 3 characters)";
    cmp_ask_answer_channel: "Wybierz, jak przekazano odpowiedź", "Choose how the answer was sent";
    cmp_state_registered: "Zarejestrowana", "Registered";
    cmp_state_decreed: "Zadekretowana do komórki", "Decreed to the department";
    cmp_state_cancelled: "Anulowana", "Cancelled";
    cmp_step_cancel: "Anuluj skargę", "Cancel the complaint";
    cmp_did_cancel: "Anulowanie skargi", "Complaint cancelled";
    cmp_client_expects: "klient oczekuje", "the client expects";
    cmp_state_assigned: "Wyznaczono osobę odpowiadającą", "Answerer named";
    cmp_state_answered: "Udzielono odpowiedzi", "Answered";
    cmp_step_assign: "Wyznacz osobę, która odpowie", "Name who answers";
    cmp_step_answer: "Zapisz odpowiedź", "Record the answer";
    cmp_did_assign: "Wyznaczenie osoby odpowiadającej", "Answerer named";
    cmp_did_answer: "Udzielenie odpowiedzi", "Answer given";
    cmp_answerer: "Odpowiada", "Answers";
    cmp_answer: "Odpowiedź", "Answer";
    cmp_answered_short: "odpowiedź: {date}", "answered: {date}";
    cmp_did_register: "Przyjęcie skargi", "Complaint taken";
    cmp_answer_text: "Treść odpowiedzi", "The answer";
    cmp_answered_on: "Data odpowiedzi", "Date of the answer";
    cmp_answer_channel: "Sposób przekazania odpowiedzi", "How the answer was sent";
    cmp_answered_by: "Osoba odpowiadająca", "Answered by";
    cmp_answered_future: "Data odpowiedzi nie może być w przyszłości", "The answer's date cannot be in the future";
    cmp_answered_before: "Data odpowiedzi nie może być wcześniejsza niż data przyjęcia skargi", "The answer's date cannot be before the complaint was taken";
    cmp_overdue: "Po terminie", "Overdue";
    cmp_registered_at: "Przyjęto", "Taken";
    cmp_registered_by: "Osoba przyjmująca", "Taken by";
    cmp_anonymous: "nie podano", "not given";
    cmp_no_answer_wanted: "Klient nie chce odpowiedzi", "The client wants no answer";
    cmp_contact_hidden: "dane kontaktowe widzą osoby rozpatrujące skargę", "contact details are shown to those handling the complaint";
    cmp_sheet_title: "Skargi dotyczące obsługi (tylko dla przełożonych)", "Complaints about the service (supervisors only)";
    cmp_sheet_none: "Brak skarg w tym miesiącu.", "No complaints this month.";
    cmp_today_overdue: "Skargi po terminie odpowiedzi", "Complaints past their answer date";
    cmp_today_stuck: "Bez postępu: {count}", "Stuck: {count}";
    cmp_kiosk_title: "Niskie oceny z komentarzem", "Low scores with a comment";
    cmp_kiosk_lead: "Odpowiedzi z oceną 1 lub 2 i komentarzem, jeszcze niezapisane jako skargi. Każdą z nich można jednym przyciskiem zapisać w rejestrze jako skargę anonimową (bez danych kontaktowych).", "Answers scored 1 or 2 with a comment, not yet recorded as complaints. One button makes each an (anonymous) complaint in the register.";
    cmp_kiosk_lowest: "Najniższa ocena: {score}", "Lowest score: {score}";
    cmp_kiosk_make: "Zapisz jako skargę", "Record as a complaint";
    cmp_from_visit: "Przyjmij skargę", "Take a complaint";
    action_complaint_taken: "Przyjęcie skargi", "Complaint taken";
    action_complaint_from_kiosk: "Skarga z komentarza w ankiecie", "Complaint from a kiosk comment";
    action_complaint_step: "Krok w sprawie skargi", "Complaint step taken";
    hv_loan_refused_msg: "Odmówiono. Naczelnik prowadzący sprawę zobaczy odmowę.", "Refused. The head in charge of the case will see the refusal.";
    hv_loan_already_answered: "Na tę prośbę już odpowiedziano.", "This request has already been answered.";
    action_home_visit_reason_viewed: "Odczyt informacji o stanie zdrowia (wizyta domowa)", "Health information read (home visit)";
    action_home_visit_pesel_viewed: "Odczyt numeru PESEL (wizyta domowa)", "PESEL read (home visit)";
    // Personal data (issue 14): encryption, retention, the search by PESEL.
    action_home_visit_pesel_searched: "Wyszukanie wniosków po numerze PESEL", "Requests searched by PESEL";
    action_data_anonymised: "Anonimizacja danych po okresie przechowywania", "Personal data anonymised after its retention period";
    action_data_keys_rotated: "Ponowne zaszyfrowanie danych bieżącym kluczem", "Personal data re-encrypted with the current key";
    action_home_visit_attachment_printed: "Wydruk wniosku – Załącznik Nr 1", "Request printed (Annex 1)";
    audit_field_login: "Login", "Login";
    audit_field_failures: "Nieudane próby", "Failed attempts";
    audit_field_reason: "Powód", "Reason";
    audit_field_wait_seconds: "Blokada (sekundy)", "Locked for (seconds)";
    audit_field_roles: "Role", "Roles";
    audit_field_symbol: "Symbol", "Symbol";
    audit_field_name: "Nazwa", "Name";
    audit_field_active: "Aktywne", "Active";
    audit_field_desk: "Stanowisko", "Desk";
    audit_field_floor: "Piętro", "Floor";
    audit_field_path: "Adres strony", "Page address";
    audit_field_method: "Metoda", "Method";
    audit_field_had_session: "Sesja z tokenem", "Session had a token";
    audit_field_cross_origin: "Żądanie z innej witryny", "Cross-site request";
    audit_field_case_ref: "Znak sprawy", "Case reference";
    audit_field_state: "Etap", "Stage";
    audit_field_step: "Krok", "Step";
    audit_field_from: "Z etapu", "From stage";
    audit_field_to: "Na etap", "To stage";
    audit_field_ticket: "Numer", "Ticket";
    audit_field_priority: "Poza kolejnością", "Priority";
    audit_field_stand: "Biletomat", "Ticket stand";
    audit_field_outcome: "Wynik obsługi", "Outcome";
    audit_field_status: "Wynik", "Result";
    audit_field_due_on: "Termin", "Due";
    audit_field_back_at: "Powrót o", "Back at";
    audit_field_substitute: "Zastępstwo", "Stand-in";
    audit_field_late: "Po czasie", "Late";
    audit_field_by: "Zakończone przez", "Ended by";
    audit_field_staff: "Pracownik", "Employee";
    audit_field_first_day: "Od dnia", "From";
    audit_field_last_day: "Do dnia", "To";
    audit_field_kind: "Rodzaj", "Kind";
    audit_field_month: "Miesiąc", "Month";
    audit_field_previous_availability: "Poprzednio: dyspozycyjność", "Before: availability";
    audit_field_previous_discipline: "Poprzednio: porządek i dyscyplina", "Before: order and discipline";
    audit_field_previous_kindness: "Poprzednio: życzliwość", "Before: kindness";
    audit_field_previous_comment: "Poprzednie uzasadnienie", "Earlier reasoning";
    audit_field_previous_by: "Wcześniejsza ocena wystawiona przez", "Earlier assessed by";
    audit_field_version: "Wersja", "Version";
    audit_field_questions: "Liczba pytań", "Questions";
    audit_field_purpose: "Przeznaczenie", "Purpose";
    audit_field_via: "Sposób", "Via";
    audit_field_user_agent: "Przeglądarka", "Browser";
    audit_reason_bad_credentials: "błędny login lub hasło", "wrong login or password";
    audit_reason_throttled: "zbyt wiele prób z rzędu", "too many attempts in a row";
    audit_reason_address_limited: "zbyt wiele prób z tego adresu", "too many attempts from this address";
    audit_record_callback: "Oddzwonienie, termin {date}", "Callback due {date}";
    audit_by_call: "wezwanie następnego klienta", "calling the next client";

    // The regulation in versions, confirmed by every employee (§11), and trainings (§7.2.3): regulation, trainings
    regulation_title: "Regulamin obsługi klientów", "Customer service regulation";
    regulation_banner_title: "Nowa wersja regulaminu obsługi klientów.", "A new version of the customer service regulation.";
    regulation_banner_text: "„{title}” obowiązuje od {date}. Prosimy o zapoznanie się z nową wersją regulaminu i potwierdzenie tego (§11).", "“{title}” is in force from {date}. Please read it and confirm (§11).";
    regulation_banner_read: "Przeczytaj regulamin", "Read the regulation";
    regulation_confirm: "Potwierdzam zapoznanie się z regulaminem", "I confirm I have read the regulation";
    regulation_in_force: "obowiązuje", "in force";
    regulation_not_yet: "obowiązuje od {date}", "in force from {date}";
    regulation_not_yet_short: "jeszcze nie obowiązuje", "not yet in force";
    regulation_archived: "wersja archiwalna", "earlier version";
    regulation_effective_from: "Obowiązuje od {date}.", "In force from {date}.";
    regulation_new: "Dodaj wersję regulaminu", "Add a version of the regulation";
    regulation_new_lead: "Wersja zacznie obowiązywać w podanym dniu. Od tego dnia pracownicy zobaczą na każdej stronie prośbę o zapoznanie się z nią i potwierdzenie (§11).", "The version comes into force on the day given. From that day, staff see a request to read and confirm it on every page (§11).";
    regulation_download_pdf: "Pobierz regulamin (PDF)", "Download the regulation (PDF)";
    regulation_confirmation: "Potwierdzenie zapoznania się", "Confirmation";
    regulation_you_confirmed: "Potwierdzono zapoznanie się z tą wersją: {when}.", "You confirmed reading this version: {when}.";
    regulation_confirm_lead: "Po przeczytaniu potwierdź zapoznanie się z regulaminem (§11). Potwierdzenie zostanie zapisane z datą i godziną.", "Once you have read it, confirm that you know the regulation (§11). The confirmation is recorded with the date and time.";
    regulation_confirm_only_in_force: "Potwierdzić można tylko wersję obowiązującą.", "Only the version in force is confirmed.";
    regulation_none: "Nie dodano jeszcze regulaminu.", "No regulation has been added yet.";
    regulation_versions: "Wersje regulaminu", "Versions of the regulation";
    regulation_confirmed_msg: "Zapisano potwierdzenie zapoznania się z regulaminem.", "Your confirmation has been recorded.";
    regulation_field_title: "Tytuł", "Title";
    regulation_field_effective_on: "Obowiązuje od", "In force from";
    regulation_effective_on_hint: "Dzień, od którego wersja obowiązuje, np. 01.12.2026", "The day the version comes into force, e.g. 01.12.2026";
    regulation_field_body: "Tekst regulaminu", "Text of the regulation";
    regulation_body_hint: "Wpisz lub wklej tekst albo dołącz poniżej plik PDF.", "Type or paste the text, or attach a PDF below.";
    regulation_field_pdf: "Plik PDF (zamiast tekstu)", "PDF file (instead of the text)";
    regulation_pdf_hint: "Najwyżej {max} MB. Jeśli formularz wróci z błędem, wybierz plik ponownie.", "At most {max} MB. If the form comes back with an error, choose the file again.";
    regulation_ask_title: "Wpisz tytuł, np. Regulamin obsługi klientów", "Enter a title, e.g. Customer service regulation";
    regulation_ask_effective_on: "Wpisz dzień, od którego wersja obowiązuje", "Enter the day the version comes into force";
    regulation_pdf_too_large: "Plik jest za duży: wybierz plik PDF mniejszy niż {max} MB", "The file is too large: choose a PDF smaller than {max} MB";
    regulation_not_a_pdf: "Ten plik nie jest dokumentem PDF: wybierz plik PDF", "This file is not a PDF: choose a PDF file";
    regulation_text_or_pdf: "Wpisz tekst regulaminu albo dołącz plik PDF", "Enter the text of the regulation or attach a PDF";
    regulation_not_both: "Dołącz plik PDF albo wpisz tekst – nie jedno i drugie", "Attach a PDF or enter the text – not both";
    regulation_publish: "Dodaj wersję", "Add the version";
    regulation_added_msg: "Dodano wersję regulaminu. Obowiązuje od {date}.", "The version was added. It is in force from {date}.";
    regulation_ack_title: "Potwierdzenia zapoznania się z regulaminem", "Confirmations of the regulation";
    regulation_ack_lead: "Wersja obowiązująca: „{title}” (od {date}).", "The version in force: “{title}” (from {date}).";
    regulation_ack_count: "Liczba potwierdzeń: {confirmed} z {staff}.", "Confirmed: {confirmed} of {staff}.";
    regulation_ack_filter: "Kogo pokazać", "Whom to show";
    regulation_show_all: "Wszystkie osoby", "Everyone";
    regulation_show_missing: "Bez potwierdzenia", "Not confirmed";
    regulation_show_confirmed: "Z potwierdzeniem", "Confirmed";
    regulation_ack_none: "Nikogo w tym widoku.", "Nobody in this view.";
    regulation_ack_caption: "Pracownicy i ich potwierdzenia, najpierw osoby bez potwierdzenia", "Staff and their confirmations, those who have not confirmed first";
    regulation_ack_employee: "Imię i nazwisko", "Name";
    regulation_ack_confirmed_at: "Potwierdzenie", "Confirmed";
    regulation_ack_not_yet: "brak potwierdzenia", "not confirmed";
    home_regulation_card: "Obowiązujący regulamin obsługi klientów i potwierdzenie zapoznania się z nim (§11).", "The customer service regulation in force, and your confirmation that you know it (§11).";
    action_regulation_version_added: "Dodanie wersji regulaminu", "Regulation version added";
    action_regulation_confirmed: "Potwierdzenie zapoznania się z regulaminem", "Regulation confirmed";
    trainings_title: "Szkolenia", "Trainings";
    trainings_lead: "Szkolenia z obsługi klientów, w których uczestniczyli pracownicy (§7.2.3).", "Customer service trainings the staff took part in (§7.2.3).";
    trainings_none: "Nie zapisano jeszcze szkoleń.", "No trainings recorded yet.";
    trainings_back: "Wróć do listy szkoleń", "Back to the trainings";
    training_new: "Zapisz szkolenie", "Record a training";
    training_save: "Zapisz szkolenie", "Save the training";
    training_saved: "Zapisano szkolenie.", "The training was saved.";
    training_field_title: "Temat szkolenia", "Title";
    training_title_hint: "Np. Obsługa klienta w sytuacji konfliktowej", "E.g. Serving a client in a conflict";
    training_field_held_on: "Data", "Date";
    training_field_hours: "Liczba godzin", "Hours";
    training_hours_hint: "Np. 4 lub 3,5", "E.g. 4 or 3.5";
    training_attendees: "Uczestnicy", "Attendees";
    training_attendees_hint: "Zaznacz osoby, które uczestniczyły w szkoleniu.", "Tick everyone who took part.";
    training_attendees_count: "Liczba uczestników", "Attendees";
    training_attendee: "Uczestnik lub uczestniczka", "Attendee";
    training_recorded_by: "Zapisano", "Recorded";
    training_ask_title: "Wpisz temat szkolenia", "Enter the training's title";
    training_ask_held_on: "Wpisz datę szkolenia", "Enter the training's date";
    training_ask_hours: "Wpisz liczbę godzin szkolenia", "Enter the training's hours";
    training_ask_attendees: "Zaznacz co najmniej jedną osobę", "Tick at least one attendee";
    training_bad_hours: "Wpisz liczbę godzin większą od 0 i nie większą niż 200, np. 4 lub 3,5", "Enter a number of hours above 0 and at most 200, e.g. 4 or 3.5";
    home_trainings_card: "Szkolenia z obsługi klientów i ich uczestnicy (§7.2.3).", "Customer service trainings and who took part (§7.2.3).";
    action_training_recorded: "Zapisanie szkolenia", "Training recorded";
    action_training_updated: "Zmiana szkolenia", "Training changed";
    report_trainings: "Szkolenia (§7.2.3)", "Trainings (§7.2.3)";
    report_trainings_none: "brak w tym miesiącu", "none this month";
}

/// The kiosk's languages: Polish, English and Ukrainian (many residents are Ukrainian).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KioskLang {
    #[default]
    Pl,
    En,
    Uk,
}

impl KioskLang {
    pub const ALL: [KioskLang; 3] = [KioskLang::Pl, KioskLang::En, KioskLang::Uk];

    pub fn code(self) -> &'static str {
        match self {
            KioskLang::Pl => "pl",
            KioskLang::En => "en",
            KioskLang::Uk => "uk",
        }
    }

    pub fn parse(code: &str) -> Option<KioskLang> {
        KioskLang::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn texts(self) -> &'static KioskTexts {
        match self {
            KioskLang::Pl => &KIOSK_PL,
            KioskLang::En => &KIOSK_EN,
            KioskLang::Uk => &KIOSK_UK,
        }
    }

    /// The language's own name, on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            KioskLang::Pl => "Polski",
            KioskLang::En => "English",
            KioskLang::Uk => "Українська",
        }
    }
}

macro_rules! kiosk_catalogue {
    ($($key:ident: $pl:literal, $en:literal, $uk:literal;)*) => {
        /// The texts of the residents' kiosk, the one part of Okienko also in Ukrainian.
        pub struct KioskTexts { $(pub $key: &'static str,)* }
        pub static KIOSK_PL: KioskTexts = KioskTexts { $($key: $pl,)* };
        pub static KIOSK_EN: KioskTexts = KioskTexts { $($key: $en,)* };
        pub static KIOSK_UK: KioskTexts = KioskTexts { $($key: $uk,)* };
        impl KioskTexts {
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }
    };
}

kiosk_catalogue! {
    title: "Oceń naszą obsługę", "Rate our service", "Оцініть наше обслуговування";
    language: "Język", "Language", "Мова";
    anonymous: "Ankieta jest anonimowa: nie pytamy o imię ani nazwisko.", "The survey is anonymous: we never ask your name.", "Опитування анонімне: ми не питаємо вашого імені.";
    idle_desk: "Stanowisko {desk}", "Desk {desk}", "Віконце {desk}";
    idle_text: "Po załatwieniu sprawy przy tym stanowisku możesz tu ocenić obsługę.", "When your business at this desk is done, you can rate the service here.", "Після завершення справи біля цього віконця ви можете тут оцінити обслуговування.";
    invited_desk: "Jak oceniasz obsługę przy stanowisku {desk}?", "How was the service at desk {desk}?", "Як ви оцінюєте обслуговування біля віконця {desk}?";
    invited_office: "Jak oceniasz dzisiejszą wizytę w urzędzie?", "How was your visit to the office today?", "Як ви оцінюєте сьогоднішній візит до установи?";
    hint: "Dotknij jednej odpowiedzi przy każdym pytaniu. Możesz pominąć pytanie.", "Touch one answer for each question. You may skip a question.", "Торкніться однієї відповіді на кожне запитання. Запитання можна пропустити.";
    scale_1: "Bardzo źle", "Very poor", "Дуже погано";
    scale_2: "Źle", "Poor", "Погано";
    scale_3: "Średnio", "Fair", "Посередньо";
    scale_4: "Dobrze", "Good", "Добре";
    scale_5: "Bardzo dobrze", "Very good", "Дуже добре";
    comment: "Komentarz (nieobowiązkowy)", "Comment (optional)", "Коментар (необов'язково)";
    comment_hint: "Prosimy nie wpisywać imienia, nazwiska ani innych danych osobowych.", "Please do not write your name or other personal details.", "Будь ласка, не вказуйте імені чи інших особистих даних.";
    send: "Wyślij ocenę", "Send", "Надіслати";
    cancel: "Anuluj", "Cancel", "Скасувати";
    thanks: "Dziękujemy!", "Thank you!", "Дякуємо!";
    thanks_text: "Twoja ocena pomoże nam lepiej obsługiwać mieszkańców.", "Your answer helps us serve residents better.", "Ваша оцінка допоможе нам краще обслуговувати мешканців.";
    errors_title: "Popraw odpowiedzi", "Please check your answers", "Перевірте відповіді";
    score_invalid: "Wybierz ocenę od 1 do 5.", "Choose a rating from 1 to 5.", "Виберіть оцінку від 1 до 5.";
    nothing_chosen: "Wybierz przynajmniej jedną ocenę albo wpisz komentarz.", "Choose at least one rating or write a comment.", "Виберіть хоча б одну оцінку або напишіть коментар.";
    comment_invalid: "Komentarz może mieć najwyżej 1000 znaków, bez znaków sterujących.", "The comment may have at most 1000 characters, without control characters.", "Коментар може мати не більше 1000 символів, без керівних символів.";
    busy: "Chwileczkę… Spróbuj ponownie za minutę.", "Just a moment… Please try again in a minute.", "Хвилинку… Спробуйте ще раз за хвилину.";
    busy_text: "Z tego urządzenia przyszło przed chwilą wiele ocen. Ekran za moment wróci do początku.", "This device has just sent many answers. The screen will go back to the start in a moment.", "З цього пристрою щойно надійшло багато оцінок. Екран незабаром повернеться на початок.";
    not_enrolled: "To urządzenie nie jest zarejestrowane jako kiosk", "This device is not enrolled as a kiosk", "Цей пристрій не зареєстровано як кіоск";
    not_enrolled_text: "Administrator rejestruje tablet kodem z listy kiosków w Okienku.", "An administrator enrols the tablet with a code from the list of kiosks in Okienko.", "Адміністратор реєструє планшет кодом зі списку кіосків в Okienko.";
    code: "Kod rejestracji", "Enrolment code", "Код реєстрації";
    enrol: "Zarejestruj urządzenie", "Enrol this device", "Зареєструвати пристрій";
    code_invalid: "Kod jest nieprawidłowy albo wygasł. Poproś administratora o nowy.", "The code is wrong or has expired. Ask the administrator for a new one.", "Код неправильний або його термін дії минув. Попросіть адміністратора про новий.";
    // Security scan: the enrolment form's own token (web::csrf) did not match.
    enrol_form_expired: "Formularz wygasł. Wpisz kod jeszcze raz.", "The form has expired. Enter the code again.", "Термін дії форми минув. Введіть код ще раз.";
    timeout_warning: "Za chwilę ekran wróci do początku, a odpowiedzi zostaną usunięte. Dotknij ekranu, aby kontynuować.", "The screen will soon go back to the start and clear your answers. Touch the screen to continue.", "Незабаром екран повернеться на початок, а відповіді буде видалено. Торкніться екрана, щоб продовжити.";
    question_of: "Pytanie {n} z {total}", "Question {n} of {total}", "Запитання {n} з {total}";
    stand_title: "Pobierz numer", "Take a number", "Візьміть номер";
    stand_lead: "Dotknij wydziału, w którym chcesz załatwić sprawę.", "Touch the department you have come to.", "Торкніться відділу, до якого ви прийшли.";
    stand_matter: "W jakiej sprawie przychodzisz?", "What have you come about?", "З чим ви прийшли?";
    stand_other: "Inna sprawa w tym wydziale", "Something else in this department", "Інше питання в цьому відділі";
    stand_needs: "Czy potrzebujesz czegoś z poniższych? Nie musisz podawać powodu.", "Do you need any of these? No reason is needed.", "Чи потрібно вам щось із цього? Причину вказувати не потрібно.";
    stand_priority: "Obsługa poza kolejnością", "To be served out of turn", "Обслуговування поза чергою";
    stand_ground_floor: "Obsługa na parterze", "To be served on the ground floor", "Обслуговування на першому поверсі (parter)";
    stand_interpreter: "Tłumacz języka migowego (wideotłumacz)", "A sign-language interpreter (by video)", "Перекладач жестової мови (відео)";
    stand_take: "Pobierz numer", "Get my number", "Отримати номер";
    stand_back: "Wróć", "Back", "Назад";
    stand_choose: "Wybierz sprawę.", "Choose what you have come about.", "Оберіть питання.";
    stand_ticket_lead: "Weź wydrukowany numer i poczekaj, aż pojawi się na ekranie.", "Take the printed ticket and wait until it is shown on the screen.", "Візьміть надрукований номер і зачекайте, доки він з'явиться на екрані.";
    stand_done: "Gotowe", "Done", "Готово";
    ticket_your_number: "Twój numer", "Your number", "Ваш номер";
    ticket_ahead: "Przed Tobą w kolejce: {count}", "People ahead of you: {count}", "Перед вами в черзі: {count}";
    ticket_wait_about: "Przewidywany czas oczekiwania: około {minutes} min", "Expected wait: about {minutes} min", "Орієнтовний час очікування: близько {minutes} хв";
    ticket_wait_now: "Wezwiemy Cię za chwilę", "You will be called shortly", "Вас викличуть найближчим часом";
    ticket_no_desk: "Stanowiska tego wydziału są teraz zamknięte – zapytaj w Punkcie Informacyjnym", "This department's desks are closed now – please ask at the information point", "Віконця цього відділу зараз зачинені – запитайте в інформаційному пункті";
    ticket_rights: "Osoby z niepełnosprawnością, chore i starsze obsługujemy poza kolejnością, a w razie potrzeby – na parterze. Wystarczy powiedzieć; nikt nie zapyta o powód.", "Disabled, ill and elderly clients are served out of turn and, if need be, on the ground floor. Just say so; nobody will ask why.", "Людей з інвалідністю, хворих і літніх обслуговуємо поза чергою, а за потреби – на першому поверсі (parter). Достатньо сказати; ніхто не запитає про причину.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{').skip(1).filter_map(|s| s.split_once('}')).map(|(name, _)| name.to_owned()).collect()
    }

    #[test]
    fn both_languages_have_every_key_with_text_and_the_same_placeholders() {
        let (pl, en) = (PL.entries(), EN.entries());
        assert_eq!(pl.len(), en.len());
        for ((key, pl_text), (en_key, en_text)) in pl.iter().zip(&en) {
            assert_eq!(key, en_key);
            assert!(!pl_text.trim().is_empty(), "{key} is empty in Polish");
            assert!(!en_text.trim().is_empty(), "{key} is empty in English");
            assert_eq!(placeholders(pl_text), placeholders(en_text), "placeholders of {key} differ");
        }
    }

    #[test]
    fn the_kiosk_has_every_text_in_three_languages_with_the_same_placeholders() {
        let (pl, en, uk) = (KIOSK_PL.entries(), KIOSK_EN.entries(), KIOSK_UK.entries());
        for ((key, p), ((_, e), (_, u))) in pl.iter().zip(en.iter().zip(&uk)) {
            for text in [p, e, u] {
                assert!(!text.trim().is_empty(), "{key} is empty");
                assert_eq!(placeholders(text), placeholders(p), "placeholders of {key} differ");
            }
        }
        assert_eq!(KioskLang::default(), KioskLang::Pl);
        assert_eq!(KioskLang::parse("uk"), Some(KioskLang::Uk));
        assert_eq!(KioskLang::parse("ru"), None);
    }

    #[test]
    fn polish_is_the_default_and_codes_round_trip() {
        assert_eq!(Lang::default(), Lang::Pl);
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("de"), None);
    }

    #[test]
    fn polish_counts_characters_with_three_forms() {
        let forms: Vec<&str> = [1, 2, 4, 5, 12, 22, 25].iter().map(|n| characters(&PL, *n)).collect();
        assert_eq!(forms, ["znak", "znaki", "znaki", "znaków", "znaków", "znaki", "znaków"]);
        assert_eq!(characters(&EN, 3), "characters");
    }

    #[test]
    fn fill_replaces_a_named_placeholder() {
        assert_eq!(fill(PL.home_greeting, "name", "Anna"), "Dzień dobry, Anna");
    }
}
