//! What Okienko keeps about people, declared once as data (RODO Art. 5, 30, 32).
//!
//! Every kind of record that holds personal data is a [`RecordKind`] in [`KINDS`]:
//! its table, which columns are personal (and which are special-category data),
//! whose data it is, why it is kept and on what legal ground, who receives it,
//! how long it is kept after the matter ends and how it is secured. Columns whose
//! names look personal but are not are listed in [`NOT_PERSONAL`] with the reason.
//!
//! Everything that deals with personal data as a whole reads this table: the
//! encryption at rest (which columns are sealed), retention (what is anonymised
//! and when), a person's data on request (what to search and export), the register
//! of processing activities (Art. 30). A test (`tests/it/personal_data.rs`) reads
//! the database's schema and fails when a column that looks personal is declared
//! neither here nor in [`NOT_PERSONAL`], so a new register cannot be forgotten.

pub mod retention;
pub mod sealing;

/// A text in Polish and English (the register is printed for the inspector in Polish).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub pl: &'static str,
    pub en: &'static str,
}

const fn t(pl: &'static str, en: &'static str) -> Text {
    Text { pl, en }
}

/// Whose data a kind of record holds, and how to find that person's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A resident (a client of the office): found by name, phone or PESEL, through
    /// the columns of the kind marked [`Category::Name`], [`Category::Phone`] and
    /// [`Category::Pesel`] / [`Category::PeselLookup`].
    Resident,
    /// An employee: found by the staff id in this column (or the `staff` row itself
    /// when the column is `staff_id` of the table `staff`).
    Employee { staff_column: &'static str },
    /// A resident's record that names nobody itself and belongs to a record of
    /// another kind (a redirect to its visit): found through the records of `kind`
    /// found, `link` being an SQL condition relating this row `t` to that row `p`.
    ResidentThrough { kind: &'static str, link: &'static str },
}

impl Subject {
    /// Whether the record holds a resident's data (directly or through another).
    pub fn is_resident(self) -> bool {
        matches!(self, Subject::Resident | Subject::ResidentThrough { .. })
    }
}

/// What a person's request to erase their data (RODO Art. 17) may do to a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnRequest {
    /// Anonymised as retention would (each column's [`Erase`]) once the matter has
    /// ended (the retention's `ended_at` is set); refused while it goes on.
    Erasable,
    /// Kept: a law requires keeping it (Art. 17(3)(b)); the text says which, and
    /// retention anonymises it when that period is over.
    KeptUnderLaw(Text),
}

/// What a personal column holds (the categories of data of the Art. 30 register).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Name,
    Phone,
    Address,
    /// The PESEL number (a national identification number, RODO Art. 87).
    Pesel,
    /// A keyed hash (HMAC-SHA256) of the PESEL, to find a record by it; not readable.
    PeselLookup,
    /// Health data (RODO Art. 9): why a resident cannot come to the office, a sick leave.
    Health,
    /// Free text typed by a resident or an employee: may hold anything.
    FreeText,
    /// An employee's login, position or form of address.
    Account,
    /// An IP address or a network.
    Network,
    /// A browser's User-Agent.
    Device,
    /// A secret of signing in (the authenticator's key).
    Credential,
    /// What an employee did (the audit log's details).
    Activity,
}

impl Category {
    /// Special-category data (Art. 9) or a national identification number (Art. 87):
    /// encrypted at rest, every display audited.
    pub fn is_sensitive(self) -> bool {
        matches!(self, Category::Pesel | Category::Health)
    }

    pub fn label(self) -> Text {
        match self {
            Category::Name => t("imię i nazwisko", "name"),
            Category::Phone => t("numer telefonu", "phone number"),
            Category::Address => t("adres", "address"),
            Category::Pesel => t("numer PESEL", "PESEL number"),
            Category::PeselLookup => t("skrót numeru PESEL (HMAC)", "keyed hash of the PESEL (HMAC)"),
            Category::Health => t("dane o stanie zdrowia (art. 9 RODO)", "health data (GDPR Art. 9)"),
            Category::FreeText => t("treść swobodna (uwagi, pytania)", "free text (notes, questions)"),
            Category::Account => t("dane konta pracownika", "employee account data"),
            Category::Network => t("adres IP", "IP address"),
            Category::Device => t("przeglądarka (User-Agent)", "browser (User-Agent)"),
            Category::Credential => t("sekret logowania dwuetapowego", "second-factor secret"),
            Category::Activity => t("czynności w systemie", "actions in the system"),
        }
    }
}

/// How a column is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    Plain,
    /// Sealed with authenticated encryption under a key of the configuration
    /// (`OKIENKO_DATA_KEYS`), the key's id inside the value (`crate::crypto`).
    Sealed,
    /// A keyed hash (HMAC-SHA256 under `OKIENKO_LOOKUP_KEY`) of another column's value.
    KeyedHash,
    /// Plain text left by a version before encryption (the columns `pesel`, `reason`
    /// of home visits, `secret` of the second factor), sealed and emptied by
    /// `okienko migrate` and at start-up; always empty afterwards.
    LegacyPlain,
}

/// What retention does to a column once the matter's time is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Erase {
    /// Set to NULL.
    Null,
    /// Set to the empty string (a NOT NULL column).
    Empty,
    /// Replaced by this text where it holds something (a NOT NULL column with a
    /// minimum length, or one a constraint requires for some rows).
    Replace(&'static str),
    /// Kept, with the reason (a figure a report needs, an id).
    Keep(&'static str),
}

/// The text put in place of a name, an address or a question by retention.
pub const ANONYMISED: &str = "[zanonimizowano]";

#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub category: Category,
    pub stored: Stored,
    pub erase: Erase,
}

const fn col(name: &'static str, category: Category, erase: Erase) -> Column {
    Column { name, category, stored: Stored::Plain, erase }
}

const fn sealed(name: &'static str, category: Category) -> Column {
    Column { name, category, stored: Stored::Sealed, erase: Erase::Null }
}

/// How long a kind's personal data is kept.
#[derive(Clone, Copy, Debug)]
pub enum Retention {
    /// Anonymised (see each column's [`Erase`]) this many days after the matter
    /// ended; the setting `setting` (a duration such as `365d`) changes the period.
    AfterEnd {
        default_days: u32,
        setting: &'static str,
        /// An SQL expression over the kind's table, aliased `t`, giving the
        /// `timestamptz` at which the matter ended; NULL while it goes on.
        ended_at: &'static str,
        /// Why this period (the legal ground, for the README and the register).
        why: Text,
    },
    /// Not anonymised by Okienko's retention job; the text says what ends it.
    Other(Text),
}

/// One kind of record holding personal data.
#[derive(Clone, Copy, Debug)]
pub struct RecordKind {
    /// A stable key (`home_visit`, `visit`), used in settings and the audit log.
    pub key: &'static str,
    pub table: &'static str,
    /// The table's primary key column (one column), to name a record.
    pub id_column: &'static str,
    pub title: Text,
    pub subject: Subject,
    pub columns: &'static [Column],
    pub purpose: Text,
    /// RODO Art. 6 (and Art. 9 where special-category data is kept) and the Polish law.
    pub legal_ground: Text,
    pub recipients: Text,
    pub retention: Retention,
    pub security: &'static [SecurityMeasure],
    /// What a person's request to erase their data may do (the IOD's pages).
    pub on_request: OnRequest,
}

impl RecordKind {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn has_sensitive_data(&self) -> bool {
        self.columns.iter().any(|c| c.category.is_sensitive())
    }
}

/// Technical and organisational measures (Art. 32), named in the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityMeasure {
    /// Sign-in with a password (Argon2id), throttled; pages by role.
    RoleBasedAccess,
    /// A second factor (TOTP) for the roles that read PESEL or health data.
    SecondFactor,
    /// Authenticated encryption at rest (AES-256-GCM) with rotated keys.
    EncryptionAtRest,
    /// Every display of the data is written to the audit log.
    ReadsAudited,
    /// Changes are written to the append-only audit log.
    ChangesAudited,
    /// Anonymised after the retention period by a daily job.
    Retention,
    /// Shown masked in lists (PESEL), in full only at the steps that need it.
    Masked,
    /// TLS to the browser (behind the office's proxy), Secure cookies, HSTS.
    Transport,
}

impl SecurityMeasure {
    pub fn label(self) -> Text {
        match self {
            SecurityMeasure::RoleBasedAccess => t(
                "dostęp tylko dla ról, które go potrzebują; hasła (Argon2id), blokada prób",
                "access only for the roles that need it; passwords (Argon2id), throttled sign-in",
            ),
            SecurityMeasure::SecondFactor => t("logowanie dwuetapowe (TOTP)", "second factor of signing in (TOTP)"),
            SecurityMeasure::EncryptionAtRest => t(
                "szyfrowanie w bazie danych (AES-256-GCM, rotacja kluczy)",
                "encryption at rest (AES-256-GCM, key rotation)",
            ),
            SecurityMeasure::ReadsAudited => t("rejestrowanie każdego odczytu", "every display audited"),
            SecurityMeasure::ChangesAudited => {
                t("rejestrowanie zmian w dzienniku zdarzeń", "changes written to the audit log")
            }
            SecurityMeasure::Retention => {
                t("anonimizacja po okresie przechowywania", "anonymised after the retention period")
            }
            SecurityMeasure::Masked => t("maskowanie w wykazach", "masked in lists"),
            SecurityMeasure::Transport => t("szyfrowane połączenie (TLS)", "encrypted connection (TLS)"),
        }
    }
}

use Category::*;
use SecurityMeasure as M;

const RESIDENT_RECIPIENTS: Text = t(
    "upoważnieni pracownicy urzędu; dane nie są udostępniane innym odbiorcom poza przypadkami \
     przewidzianymi prawem (np. sądy, organy kontroli)",
    "authorised staff of the office; not disclosed to anyone else except where the law requires \
     (courts, supervisory bodies)",
);
const STAFF_RECIPIENTS: Text = t(
    "upoważnieni pracownicy urzędu (przełożeni, administrator); dane nie są udostępniane na zewnątrz",
    "authorised staff of the office (supervisors, administrator); not disclosed outside",
);
const FRONT_DESK_GROUND: Text = t(
    "art. 6 ust. 1 lit. e RODO (zadanie realizowane w interesie publicznym) w zw. z art. 33 ustawy \
     o samorządzie gminnym i Regulaminem obsługi klientów; numer telefonu do kontaktu – art. 6 ust. 1 \
     lit. a RODO (zgoda)",
    "GDPR Art. 6(1)(e) (a task in the public interest) with Art. 33 of the Act on municipal \
     self-government and the office's customer-service regulation; a contact phone – Art. 6(1)(a) (consent)",
);
const EMPLOYMENT_GROUND: Text = t(
    "art. 6 ust. 1 lit. b i c RODO w zw. z art. 22¹ Kodeksu pracy i ustawą o pracownikach samorządowych",
    "GDPR Art. 6(1)(b) and (c) with Art. 22¹ of the Labour Code and the Act on local-government employees",
);
const NOBODY: Text = t("nikt (tylko system)", "nobody (the system only)");
const AS_ITS_REQUEST: Text = t("jak wniosek, którego dotyczy", "as the request it belongs to");
const ACCOUNTABILITY: Erase = Erase::Keep("rozliczalność");

/// A resident's or an employee's record kept for a period: by role, changes audited,
/// anonymised by retention.
const KEPT_FOR_A_PERIOD: &[SecurityMeasure] = &[M::RoleBasedAccess, M::ChangesAudited, M::Retention, M::Transport];
/// A register that also masks the client's data in its lists and exports.
const MASKED_REGISTER: &[SecurityMeasure] =
    &[M::RoleBasedAccess, M::ChangesAudited, M::Masked, M::Retention, M::Transport];
/// A record of the staff or of the system that retention does not touch.
const STAFF_RECORD: &[SecurityMeasure] = &[M::RoleBasedAccess, M::ChangesAudited, M::Transport];

const SECURITY_GROUND: Text = t(
    "art. 6 ust. 1 lit. c RODO w zw. z art. 5 ust. 2 i art. 32 RODO (rozliczalność, bezpieczeństwo)",
    "GDPR Art. 6(1)(c) with Art. 5(2) and Art. 32 (accountability, security of processing)",
);

/// When the case of type `case_type` whose file is `t.<file>` ended (reached one of
/// the states `ends`). `case_history` holds the notes of every type of case, so the
/// type keeps one type's period off another's notes.
macro_rules! case_ended {
    ($file:literal, $case_type:literal, $ends:literal) => {
        concat!(
            "(select cf.state_since from case_file cf where cf.case_file_id = t.",
            $file,
            " and cf.case_type = '",
            $case_type,
            "' and cf.state in (",
            $ends,
            "))"
        )
    };
}

/// When a home visit's case ended: it was visited or cancelled.
const HOME_VISIT_ENDED: &str = case_ended!("home_visit_request_id", "home_visit", "'visited', 'cancelled'");
const HOME_VISIT_NOTE_ENDED: &str = case_ended!("case_file_id", "home_visit", "'visited', 'cancelled'");
/// When a complaint ended: it was answered or cancelled.
const COMPLAINT_ENDED: &str = case_ended!("complaint_id", "complaint", "'answered', 'cancelled'");
const COMPLAINT_NOTE_ENDED: &str = case_ended!("case_file_id", "complaint", "'answered', 'cancelled'");
const VISIT_ENDED: &str = "(case when t.status in ('done', 'no_show') \
     then greatest(coalesce(t.finished_at, t.called_at, t.arrived_at), t.settle_by::timestamptz) end)";

/// A home-visit request is a request filed in a case (Art. 63 KPA): its file is kept
/// for its archival category, whoever asks.
const KEPT_AS_CASE_FILE: OnRequest = OnRequest::KeptUnderLaw(t(
    "Wniosek jest częścią akt sprawy, które urząd przechowuje przez okres jej kategorii archiwalnej (JRWA, \
     instrukcja kancelaryjna, ustawa o narodowym zasobie archiwalnym i archiwach); po tym okresie dane \
     anonimizuje retencja.",
    "The request is part of the case file, which the office keeps for its archival category (the file plan, \
     the filing instruction, the Act on the national archival resource and archives); after that period \
     retention anonymises the data.",
));

const COMPLAINT_GROUND: Text = t(
    "art. 6 ust. 1 lit. c i e RODO w zw. z art. 227-237 KPA (skargi) i standardami obsługi (Std 20-22); \
     dane kontaktowe – gdy klient chce odpowiedzi",
    "GDPR Art. 6(1)(c) and (e) with Art. 227-237 of the Code of Administrative Procedure (complaints) \
     and the service standards (Std 20-22); contact details – when the client wants an answer",
);
const COMPLAINT_RECIPIENTS: Text = t(
    "upoważnieni pracownicy urzędu: przyjmujący skargę, dyrektor BOMiNO, kierownik komórki, pracownik \
     udzielający odpowiedzi, Sekretarz Miasta, przełożeni",
    "authorised staff: whoever took the complaint, the BOMiNO director, the department's head, the \
     employee who answers, the City Secretary, supervisors",
);
/// A complaint, and the notes on its workflow, are its case file under the KPA.
const KEPT_AS_COMPLAINT: OnRequest = OnRequest::KeptUnderLaw(t(
    "Skarga jest sprawą prowadzoną na podstawie KPA (art. 227-237); jej akta urząd przechowuje przez \
     okres kategorii archiwalnej, po którym dane anonimizuje retencja.",
    "A complaint is a case under the Code of Administrative Procedure (Art. 227-237); the office keeps \
     its file for its archival category, after which retention anonymises the data.",
));

/// Every kind of record that holds personal data.
pub static KINDS: &[RecordKind] = &[
    RecordKind {
        key: "visit",
        table: "visit",
        id_column: "visit_id",
        title: t("Wizyty klientów przy stanowiskach (kolejka)", "Walk-in visits at the desks (the queue)"),
        subject: Subject::Resident,
        columns: &[
            col("client_name", Name, Erase::Null),
            col("client_phone", Phone, Erase::Null),
            col("contact_phone", Phone, Erase::Null),
            col("note", FreeText, Erase::Null),
            // a refused visit keeps a (now anonymised) reason: a constraint asks for one
            col("refusal_reason", FreeText, Erase::Replace(ANONYMISED)),
            col("delay_reason", FreeText, Erase::Null),
        ],
        purpose: t(
            "obsługa klienta w Biurze Obsługi Mieszkańców: kolejka, załatwienie sprawy, kontakt w sprawie \
             jej załatwienia (Std 11), sprawozdania z obsługi (§7.4)",
            "serving a client at the front desk: the queue, settling the matter, contact about it (Std 11), \
             the service reports (§7.4)",
        ),
        legal_ground: FRONT_DESK_GROUND,
        recipients: RESIDENT_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 365,
            setting: "RETENTION_VISIT",
            ended_at: VISIT_ENDED,
            why: t(
                "rok od wizyty (lub od terminu załatwienia sprawy): czas na skargę na obsługę (dział VIII KPA) \
                 i roczne porównania; liczby i czasy obsługi zostają dla sprawozdań",
                "a year after the visit (or the promised settlement date): time for a complaint about the \
                 service (KPA Part VIII) and yearly comparisons; counts and times stay for the reports",
            ),
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "visit_redirect",
        table: "visit_redirect",
        id_column: "visit_redirect_id",
        title: t("Przekierowania klientów do innych pracowników", "Clients redirected to colleagues"),
        subject: Subject::ResidentThrough { kind: "visit", link: "t.visit_id = p.visit_id" },
        columns: &[col("note", FreeText, Erase::Empty)],
        purpose: t(
            "przekazanie klienta kompetentnemu pracownikowi (§4.7)",
            "handing a client to a competent colleague (§4.7)",
        ),
        legal_ground: FRONT_DESK_GROUND,
        recipients: RESIDENT_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 365,
            setting: "RETENTION_VISIT",
            ended_at: "(select (case when v.status in ('done', 'no_show') \
                 then greatest(coalesce(v.finished_at, v.called_at, v.arrived_at), v.settle_by::timestamptz) end) \
                 from visit v where v.visit_id = t.visit_id)",
            why: t("jak wizyta, której dotyczy", "as the visit it belongs to"),
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "callback",
        table: "callback",
        id_column: "callback_id",
        title: t("Obiecane oddzwonienia", "Promised callbacks"),
        subject: Subject::Resident,
        columns: &[
            col("caller_name", Name, Erase::Empty),
            col("phone", Phone, Erase::Empty),
            col("question", FreeText, Erase::Replace(ANONYMISED)),
            col("outcome", FreeText, Erase::Null),
        ],
        purpose: t(
            "oddzwonienie do mieszkańca z odpowiedzią (§6.3, Std 17)",
            "calling a resident back with an answer (§6.3, Std 17)",
        ),
        legal_ground: FRONT_DESK_GROUND,
        recipients: RESIDENT_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 365,
            setting: "RETENTION_CALLBACK",
            ended_at: "(case when t.status <> 'open' then coalesce(t.closed_at, t.updated_at) end)",
            why: t(
                "rok od zamknięcia: czas na skargę na obsługę; liczba oddzwonień w terminie zostaje \
                 dla arkusza oceny",
                "a year after it was closed: time for a complaint; the count of callbacks kept on time \
                 stays for the evaluation sheet",
            ),
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "callback_promise",
        table: "callback_promise",
        id_column: "callback_promise_id",
        title: t("Terminy obiecanych oddzwonień", "Dates promised to callers"),
        subject: Subject::ResidentThrough { kind: "callback", link: "t.callback_id = p.callback_id" },
        columns: &[col("note", FreeText, Erase::Empty)],
        purpose: t("kolejne terminy obiecane dzwoniącemu (Std 17.4)", "each date promised to the caller (Std 17.4)"),
        legal_ground: FRONT_DESK_GROUND,
        recipients: RESIDENT_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 365,
            setting: "RETENTION_CALLBACK",
            ended_at: "(select case when c.status <> 'open' then coalesce(c.closed_at, c.updated_at) end \
                 from callback c where c.callback_id = t.callback_id)",
            why: t("jak oddzwonienie, którego dotyczy", "as the callback it belongs to"),
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "home_visit",
        table: "home_visit_request",
        id_column: "home_visit_request_id",
        title: t("Wnioski o wizytę domową (Załącznik Nr 1)", "Home-visit requests (Załącznik Nr 1)"),
        subject: Subject::Resident,
        columns: &[
            col("client_name", Name, Erase::Replace(ANONYMISED)),
            col("client_address", Address, Erase::Replace(ANONYMISED)),
            col("client_phone", Phone, Erase::Empty),
            sealed("pesel_sealed", Pesel),
            Column { name: "pesel_hmac", category: PeselLookup, stored: Stored::KeyedHash, erase: Erase::Null },
            sealed("reason_sealed", Health),
            Column { name: "pesel", category: Pesel, stored: Stored::LegacyPlain, erase: Erase::Null },
            Column { name: "reason", category: Health, stored: Stored::LegacyPlain, erase: Erase::Null },
        ],
        purpose: t(
            "wizyta pracownika w domu mieszkańca, który z powodu stanu zdrowia nie może przyjść do urzędu \
             (§5.3): rejestracja wniosku, dekretacja, upoważnienia, wizyta",
            "a visit of staff at the home of a resident who cannot come to the office for health reasons \
             (§5.3): the request, its decree, the authorisations, the visit",
        ),
        legal_ground: t(
            "art. 6 ust. 1 lit. e RODO w zw. z art. 63 KPA (wniesienie podania) i Regulaminem obsługi klientów \
             (§5.3); dane o stanie zdrowia – art. 9 ust. 2 lit. a RODO (wyraźna zgoda wnioskodawcy, \
             Załącznik Nr 1); PESEL – art. 6 ust. 1 lit. c RODO, gdy wymaga go przepis dla danej sprawy",
            "GDPR Art. 6(1)(e) with Art. 63 of the Code of Administrative Procedure (filing a request) and \
             the customer-service regulation (§5.3); health data – Art. 9(2)(a) (the requester's explicit \
             consent, Załącznik Nr 1); PESEL – Art. 6(1)(c) where the law requires it for the matter",
        ),
        recipients: t(
            "upoważnieni pracownicy urzędu: punkt informacyjny, dyrektor BOMiNO, kierownik komórki \
             merytorycznej, pracownicy wyznaczeni do wizyty, Sekretarz Miasta",
            "authorised staff: the information point, the BOMiNO director, the competent department's head, \
             the employees designated for the visit, the City Secretary",
        ),
        retention: Retention::AfterEnd {
            default_days: 5 * 365,
            setting: "RETENTION_HOME_VISIT",
            ended_at: HOME_VISIT_ENDED,
            why: t(
                "5 lat od zakończenia sprawy (kategoria archiwalna B5 klasy akt wniosków w JRWA urzędu, \
                 instrukcja kancelaryjna; ustaw według własnego JRWA); zostaje znak sprawy, rodzaj, daty \
                 i kroki obiegu",
                "5 years after the case ended (archival category B5 of the requests' class in the office's \
                 file plan (JRWA), the office's filing instruction; set per your own file plan); the case \
                 reference, kind, dates and workflow steps stay",
            ),
        },
        security: &[
            M::RoleBasedAccess,
            M::SecondFactor,
            M::EncryptionAtRest,
            M::ReadsAudited,
            M::ChangesAudited,
            M::Masked,
            M::Retention,
            M::Transport,
        ],
        on_request: KEPT_AS_CASE_FILE,
    },
    RecordKind {
        key: "home_visit_history",
        table: "case_history",
        id_column: "case_history_id",
        title: t(
            "Adnotacje w obiegu wniosków o wizytę domową (dekretacje)",
            "Notes on the home-visit requests' workflow (decrees)",
        ),
        subject: Subject::ResidentThrough { kind: "home_visit", link: "t.case_file_id = p.home_visit_request_id" },
        columns: &[col("note", FreeText, Erase::Empty)],
        purpose: t(
            "polecenia i adnotacje na kolejnych krokach obiegu sprawy (dekretacja)",
            "instructions and notes at each step of the case workflow (decree)",
        ),
        legal_ground: FRONT_DESK_GROUND,
        recipients: RESIDENT_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 5 * 365,
            setting: "RETENTION_HOME_VISIT",
            ended_at: HOME_VISIT_NOTE_ENDED,
            why: AS_ITS_REQUEST,
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: KEPT_AS_CASE_FILE,
    },
    RecordKind {
        key: "home_visit_loan",
        table: "home_visit_loan",
        id_column: "home_visit_loan_id",
        title: t(
            "Prośby o użyczenie pracownika innej komórki do wizyty",
            "Asks to lend an employee of another department for a visit",
        ),
        subject: Subject::Employee { staff_column: "staff_id" },
        columns: &[col("note", FreeText, Erase::Replace(ANONYMISED))],
        purpose: t(
            "wyznaczenie do wizyty domowej pracownika innej komórki za zgodą jej kierownika",
            "designating an employee of another department for a home visit with its head's consent",
        ),
        legal_ground: EMPLOYMENT_GROUND,
        recipients: STAFF_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 5 * 365,
            setting: "RETENTION_HOME_VISIT",
            ended_at: HOME_VISIT_ENDED,
            why: AS_ITS_REQUEST,
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "survey_comment",
        table: "survey_answer",
        id_column: "survey_answer_id",
        title: t("Uwagi mieszkańców w ankiecie (kiosk)", "Residents' comments in the kiosk survey"),
        subject: Subject::ResidentThrough {
            kind: "visit",
            link: "t.survey_invitation_id in (select i.survey_invitation_id from survey_invitation i where i.visit_id = p.visit_id)",
        },
        columns: &[col("comment", FreeText, Erase::Null)],
        purpose: t(
            "badanie satysfakcji klientów (§7.4.6); ankieta jest anonimowa, ale uwaga może zawierać dane",
            "the client satisfaction survey (§7.4.6); anonymous, but a comment may hold personal data",
        ),
        legal_ground: t(
            "art. 6 ust. 1 lit. e RODO w zw. z §7.4 Regulaminu obsługi klientów; uwaga jest dobrowolna",
            "GDPR Art. 6(1)(e) with §7.4 of the customer-service regulation; the comment is voluntary",
        ),
        recipients: t("przełożeni (§7.4)", "supervisors (§7.4)"),
        retention: Retention::AfterEnd {
            default_days: 365,
            setting: "RETENTION_SURVEY_COMMENT",
            ended_at: "t.answered_at",
            why: t(
                "rok od odpowiedzi: roczne porównania w ocenie pracowników; oceny w skali 1–5 zostają",
                "a year after the answer: yearly comparisons in the staff evaluation; the 1-5 scores stay",
            ),
        },
        security: &[M::RoleBasedAccess, M::Retention, M::Transport],
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "suggestion_from_comment",
        table: "suggestion",
        id_column: "suggestion_id",
        title: t("Propozycje usprawnień z uwag mieszkańców (kiosk)", "Suggestions made from residents' kiosk comments"),
        // The body is the resident's comment as it was marked (`registers::suggestions`):
        // it goes when the comment goes, by retention or at the resident's request.
        subject: Subject::ResidentThrough { kind: "survey_comment", link: "t.survey_answer_id = p.survey_answer_id" },
        columns: &[col("body", FreeText, Erase::Replace(ANONYMISED))],
        purpose: t(
            "rejestr propozycji usprawnienia obsługi (§7.1): uwaga mieszkańca wskazana przez przełożonego",
            "the register of suggestions for improving the service (§7.1): a resident's comment a supervisor marked",
        ),
        legal_ground: t(
            "art. 6 ust. 1 lit. e RODO w zw. z §7.1 i §7.4 Regulaminu obsługi klientów; uwaga jest dobrowolna",
            "GDPR Art. 6(1)(e) with §7.1 and §7.4 of the customer-service regulation; the comment is voluntary",
        ),
        recipients: STAFF_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 365,
            setting: "RETENTION_SURVEY_COMMENT",
            // Counted from the comment, as the comment itself; a staff suggestion is no copy.
            ended_at: "(case when t.source = 'resident' then coalesce((select a.answered_at from survey_answer a \
                 where a.survey_answer_id = t.survey_answer_id), t.created_at) end)",
            why: t(
                "jak uwaga, z której powstała; stan propozycji i to, co zrobiono, zostają",
                "as the comment it was made from; its status and what was done stay",
            ),
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "staff",
        table: "staff",
        id_column: "staff_id",
        title: t("Konta pracowników", "Staff accounts"),
        subject: Subject::Employee { staff_column: "staff_id" },
        columns: &[
            col("login", Account, Erase::Keep("identyfikuje osobę w dzienniku zdarzeń")),
            col("full_name", Name, Erase::Keep("podpisuje czynności w sprawach")),
            col("phone", Phone, Erase::Keep("telefon służbowy")),
            col("job_title", Account, Erase::Keep("stanowisko na upoważnieniach")),
            col("address_form", Account, Erase::Keep("forma zwracania się na dokumentach")),
            col("password_hash", Credential, Erase::Keep("skrót hasła (Argon2id)")),
        ],
        purpose: t(
            "konta pracowników: logowanie, uprawnienia, podpisywanie czynności, spis pracowników (§4.8)",
            "staff accounts: signing in, rights, signing actions, the staff directory (§4.8)",
        ),
        legal_ground: EMPLOYMENT_GROUND,
        recipients: STAFF_RECIPIENTS,
        retention: Retention::Other(t(
            "przez czas zatrudnienia; po nim konto jest wyłączane, a dane zostają, bo podpisują czynności \
             w sprawach i dzienniku zdarzeń (akta spraw według JRWA)",
            "while employed; afterwards the account is deactivated and the data stays, as it signs actions \
             in cases and the audit log (case files per the file plan)",
        )),
        security: STAFF_RECORD,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "staff_absence",
        table: "absence",
        id_column: "absence_id",
        title: t("Nieobecności pracowników", "Staff absences"),
        subject: Subject::Employee { staff_column: "staff_id" },
        columns: &[
            col("kind", Health, Erase::Keep("dni nieobecności liczy arkusz oceny")),
            col("note", FreeText, Erase::Empty),
        ],
        purpose: t(
            "dostępność pracowników przy stanowiskach i zastępstwa (§4.8, §4.11), arkusz oceny (§7.4)",
            "staff availability at the desks and substitutes (§4.8, §4.11), the evaluation sheet (§7.4)",
        ),
        legal_ground: t(
            "art. 6 ust. 1 lit. b i c RODO w zw. z Kodeksem pracy; nieobecność chorobowa – art. 9 ust. 2 lit. b \
             RODO (obowiązki z zakresu prawa pracy)",
            "GDPR Art. 6(1)(b) and (c) with the Labour Code; sick leave – Art. 9(2)(b) (employment law)",
        ),
        recipients: STAFF_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 3 * 365,
            setting: "RETENTION_STAFF_ABSENCE",
            ended_at: "(t.last_day + 1)::timestamptz",
            why: t(
                "3 lata od nieobecności (przedawnienie roszczeń ze stosunku pracy, art. 291 Kodeksu pracy); \
                 zostają daty i rodzaj (dokumentacja pracownicza jest w kadrach)",
                "3 years after the absence (limitation of employment claims, Labour Code Art. 291); dates and \
                 kind stay (personnel files are kept by HR)",
            ),
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "staff_assessment",
        table: "staff_assessment",
        id_column: "staff_id",
        title: t("Ocena pracowników przez przełożonych (§7.4)", "Supervisors' assessment of staff (§7.4)"),
        subject: Subject::Employee { staff_column: "staff_id" },
        columns: &[col("comment", FreeText, Erase::Keep("część oceny pracownika"))],
        purpose: t("miesięczna ocena pracownika BOM (§7.4)", "the monthly evaluation of front-desk staff (§7.4)"),
        legal_ground: EMPLOYMENT_GROUND,
        recipients: STAFF_RECIPIENTS,
        retention: Retention::Other(t(
            "jak dokumentacja oceny pracowniczej (akta osobowe, art. 94 pkt 9b Kodeksu pracy: 10 lat od \
             ustania zatrudnienia); usuwa administrator",
            "as evaluation records (personnel files, Labour Code Art. 94(9b): 10 years after employment \
             ends); removed by the administrator",
        )),
        security: &[M::RoleBasedAccess, M::ReadsAudited, M::ChangesAudited, M::Transport],
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "audit_event",
        table: "audit_event",
        id_column: "audit_event_id",
        title: t("Dziennik zdarzeń", "Audit log"),
        subject: Subject::Employee { staff_column: "actor_id" },
        columns: &[
            col("actor_login", Account, ACCOUNTABILITY),
            col("ip", Network, ACCOUNTABILITY),
            col("detail", Activity, ACCOUNTABILITY),
            col("target_id", Activity, ACCOUNTABILITY),
        ],
        purpose: t(
            "rozliczalność: kto, kiedy i co zrobił lub odczytał (art. 5 ust. 2 RODO, §3.6, Std 12)",
            "accountability: who did or read what and when (GDPR Art. 5(2), §3.6, Std 12)",
        ),
        legal_ground: SECURITY_GROUND,
        recipients: t(
            "administrator, inspektor ochrony danych; organy kontroli",
            "the administrator, the data protection officer; supervisory bodies",
        ),
        retention: Retention::Other(t(
            "tylko do dopisywania; przechowywany jak dokumentacja systemu (JRWA), archiwizowany poza Okienkiem",
            "append-only; kept as the system's records (file plan), archived outside Okienko",
        )),
        security: STAFF_RECORD,
        on_request: OnRequest::KeptUnderLaw(t(
            "Dziennik zdarzeń jest tylko do dopisywania: rozliczalność (art. 5 ust. 2 i art. 32 RODO).",
            "The audit log is append-only: accountability (GDPR Art. 5(2) and Art. 32).",
        )),
    },
    RecordKind {
        key: "complaint",
        table: "complaint",
        id_column: "complaint_id",
        title: t("Skargi klientów (Std 20, 22)", "Clients' complaints (Std 20, 22)"),
        subject: Subject::Resident,
        columns: &[
            col("client_name", Name, Erase::Empty),
            col("contact", Phone, Erase::Replace(ANONYMISED)),
            col("client_words", FreeText, Erase::Replace(ANONYMISED)),
            col("restated", FreeText, Erase::Empty),
            col("cause", FreeText, Erase::Empty),
            col("remedy", FreeText, Erase::Empty),
            col("would_accept", FreeText, Erase::Empty),
            col("answer_text", FreeText, Erase::Replace(ANONYMISED)),
        ],
        purpose: t(
            "przyjęcie skargi klienta, ustalenie przyczyny i odpowiedź w terminie (Std 20, 22; art. 227-237 KPA)",
            "taking a client's complaint, finding its cause and answering it in time (Std 20, 22; Art. 227-237 \
             of the Code of Administrative Procedure)",
        ),
        legal_ground: COMPLAINT_GROUND,
        recipients: COMPLAINT_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 5 * 365,
            setting: "RETENTION_COMPLAINT",
            ended_at: COMPLAINT_ENDED,
            why: t(
                "5 lat od odpowiedzi (skargi i wnioski: kategoria archiwalna B5 w JRWA urzędu; ustaw według \
                 własnego JRWA); zostaje znak sprawy, daty, przedmiot i kroki obiegu",
                "5 years after the answer (complaints: archival category B5 in the office's file plan; set per \
                 your own); the reference, dates, subject and workflow steps stay",
            ),
        },
        security: MASKED_REGISTER,
        on_request: KEPT_AS_COMPLAINT,
    },
    RecordKind {
        key: "complaint_history",
        table: "case_history",
        id_column: "case_history_id",
        title: t("Adnotacje w obiegu skarg (dekretacje)", "Notes on the complaints' workflow (decrees)"),
        subject: Subject::ResidentThrough { kind: "complaint", link: "t.case_file_id = p.complaint_id" },
        columns: &[col("note", FreeText, Erase::Empty)],
        purpose: t(
            "polecenia i adnotacje na kolejnych krokach obiegu skargi (dekretacja, zwrot, anulowanie)",
            "instructions and notes at each step of a complaint's workflow (decree, sending back, cancelling)",
        ),
        legal_ground: COMPLAINT_GROUND,
        recipients: COMPLAINT_RECIPIENTS,
        retention: Retention::AfterEnd {
            default_days: 5 * 365,
            setting: "RETENTION_COMPLAINT",
            ended_at: COMPLAINT_NOTE_ENDED,
            why: t("jak skarga, której dotyczy", "as the complaint it belongs to"),
        },
        security: KEPT_FOR_A_PERIOD,
        on_request: KEPT_AS_COMPLAINT,
    },
    RecordKind {
        key: "office_error_client",
        table: "office_error_client",
        id_column: "office_error_client_id",
        title: t("Klienci dotknięci pomyłką urzędu (Std 21)", "Clients touched by the office's error (Std 21)"),
        subject: Subject::Resident,
        columns: &[
            col("client_name", Name, Erase::Replace(ANONYMISED)),
            col("contact", Phone, Erase::Empty),
            col("informed_note", FreeText, Erase::Empty),
        ],
        purpose: t(
            "poinformowanie klientów o błędzie urzędu, jego skutkach i naprawie (Std 21)",
            "telling clients of the office's error, its consequences and the remedy (Std 21)",
        ),
        legal_ground: FRONT_DESK_GROUND,
        recipients: t(
            "pracownik, który zarejestrował błąd, dyrektor BOMiNO, Sekretarz Miasta",
            "the employee who registered the error, the BOMiNO director, the City Secretary",
        ),
        retention: Retention::AfterEnd {
            default_days: 3 * 365,
            setting: "RETENTION_OFFICE_ERROR",
            ended_at: "(select e.closed_at from office_error e where e.office_error_id = t.office_error_id)",
            why: t(
                "3 lata od zamknięcia błędu: przedawnienie roszczeń z tytułu szkody wyrządzonej przy \
                 wykonywaniu władzy publicznej (art. 442^1 KC); liczba błędów w miesiącu zostaje",
                "3 years after the error was closed: limitation of claims for damage done in exercising public \
                 authority (Art. 442^1 of the Civil Code); the monthly counts stay",
            ),
        },
        security: MASKED_REGISTER,
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "erasure",
        table: "erasure",
        id_column: "erasure_id",
        title: t("Usunięcia danych na żądanie osoby (art. 17)", "Erasures at a person's request (Art. 17)"),
        subject: Subject::Employee { staff_column: "erased_by" },
        columns: &[col("reason", FreeText, Erase::Keep("dowód wykonania żądania"))],
        purpose: t(
            "wykazanie, że żądanie usunięcia danych wykonano: kto, kiedy, na jakiej podstawie i które rekordy \
             (art. 5 ust. 2, art. 17 i 19 RODO)",
            "showing that a request to erase data was carried out: who, when, on what ground and which records \
             (GDPR Art. 5(2), 17 and 19)",
        ),
        legal_ground: SECURITY_GROUND,
        recipients: t("inspektor ochrony danych; organy kontroli", "the data protection officer; supervisory bodies"),
        retention: Retention::Other(t(
            "przechowywane jak dziennik zdarzeń (rozliczalność)",
            "kept as the audit log (accountability)",
        )),
        security: &[M::RoleBasedAccess, M::SecondFactor, M::ChangesAudited, M::Transport],
        on_request: OnRequest::KeptUnderLaw(t(
            "Zapis usunięcia jest dowodem wykonania żądania (art. 5 ust. 2 RODO).",
            "The record of an erasure proves the request was carried out (GDPR Art. 5(2)).",
        )),
    },
    RecordKind {
        key: "session",
        table: "session",
        id_column: "session_id",
        title: t("Sesje zalogowanych pracowników", "Signed-in staff sessions"),
        subject: Subject::Employee { staff_column: "staff_id" },
        columns: &[
            col("data", Account, Erase::Keep("usuwana w całości")),
            col("ip", Network, Erase::Keep("usuwana w całości")),
            col("user_agent", Device, Erase::Keep("usuwana w całości")),
        ],
        purpose: t("utrzymanie zalogowania; lista „Twoje sesje”", "keeping staff signed in; \"Your sessions\""),
        legal_ground: SECURITY_GROUND,
        recipients: t("pracownik, którego dotyczy", "the employee concerned"),
        retention: Retention::Other(t(
            "usuwana po wylogowaniu lub wygaśnięciu (SESSION_ABSOLUTE_TIMEOUT)",
            "deleted at sign-out or expiry (SESSION_ABSOLUTE_TIMEOUT)",
        )),
        security: &[M::RoleBasedAccess, M::Transport],
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "login_throttle",
        table: "login_throttle",
        id_column: "subject",
        title: t("Nieudane próby logowania", "Failed sign-ins"),
        subject: Subject::Employee { staff_column: "subject" },
        columns: &[
            col("subject", Account, Erase::Keep("usuwane w całości")),
            col("network", Network, Erase::Keep("usuwane w całości")),
        ],
        purpose: t("ochrona przed zgadywaniem haseł", "protection against password guessing"),
        legal_ground: SECURITY_GROUND,
        recipients: NOBODY,
        retention: Retention::Other(t(
            "usuwane po dniu bez kolejnej nieudanej próby",
            "deleted a day after the last failure",
        )),
        security: &[M::Transport],
        on_request: OnRequest::Erasable,
    },
    RecordKind {
        key: "second_factor",
        table: "second_factor",
        id_column: "staff_id",
        title: t("Logowanie dwuetapowe (aplikacja)", "Second factor (authenticator app)"),
        subject: Subject::Employee { staff_column: "staff_id" },
        columns: &[
            Column { name: "secret_sealed", category: Credential, stored: Stored::Sealed, erase: Erase::Keep("") },
            Column { name: "secret", category: Credential, stored: Stored::LegacyPlain, erase: Erase::Keep("") },
        ],
        purpose: t("drugi składnik logowania (ASVS 6.3.3)", "the second factor of signing in (ASVS 6.3.3)"),
        legal_ground: SECURITY_GROUND,
        recipients: NOBODY,
        retention: Retention::Other(t(
            "do usunięcia aplikacji przez pracownika lub administratora, lub konta",
            "until the employee or an administrator removes it, or the account",
        )),
        security: &[M::EncryptionAtRest, M::ChangesAudited],
        on_request: OnRequest::Erasable,
    },
];

/// Columns whose names look personal ([`LOOKS_PERSONAL`]) but hold no personal
/// data: (table, column, why).
pub static NOT_PERSONAL: &[(&str, &str, &str)] = &[
    ("department", "name", "the name of a department"),
    ("case_kind", "name", "the name of a procedure card"),
    ("kiosk", "name", "the name of a tablet"),
    ("office_closed_day", "reason", "why the whole office is closed that day"),
    ("visit", "outcome", "one of a fixed list of outcomes"),
    ("home_visit_request", "outcome", "done or absent"),
    ("recovery_code", "code_hash", "SHA-256 of a random code"),
    ("kiosk", "token_hash", "SHA-256 of a random device token"),
    ("kiosk", "enrol_code_hash", "SHA-256 of a random enrolment code"),
    ("regulation_version", "pdf_name", "the file name of the office's regulation"),
    ("suggestion", "outcome", "what the office did about a suggestion"),
    ("office_error", "remedy_note", "what the office did to remedy its error (its clients are office_error_client)"),
];

/// Name parts (between underscores) that make a column look personal.
pub const LOOKS_PERSONAL: &[&str] = &[
    "name", "phone", "pesel", "address", "reason", "comment", "email", "mail", "note", "question", "outcome", "login",
    "ip", "network", "agent", "detail", "secret", "hash", "hmac", "subject", "data", "sealed",
];

/// Whether a column's name looks personal, by its underscore-separated parts.
pub fn looks_personal(column: &str) -> bool {
    column.split('_').any(|part| LOOKS_PERSONAL.contains(&part))
}

/// Whether (table, column) is declared, as personal or as not personal.
pub fn is_declared(table: &str, column: &str) -> bool {
    KINDS.iter().any(|k| k.table == table && k.column(column).is_some())
        || NOT_PERSONAL.iter().any(|(t, c, _)| *t == table && *c == column)
}

pub fn kind(key: &str) -> Option<&'static RecordKind> {
    KINDS.iter().find(|k| k.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_settings_are_named_retention() {
        let mut keys: Vec<&str> = KINDS.iter().map(|k| k.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), KINDS.len());
        for k in KINDS {
            assert!(!k.columns.is_empty(), "{}", k.key);
            if let Retention::AfterEnd { setting, ended_at, default_days, .. } = k.retention {
                assert!(setting.starts_with("RETENTION_"), "{}", k.key);
                assert!(ended_at.contains("t."), "{}: ended_at reads the row as t", k.key);
                assert!(default_days > 0);
                assert!(
                    k.columns.iter().any(|c| !matches!(c.erase, Erase::Keep(_))),
                    "{}: retention erases something",
                    k.key
                );
            }
        }
    }

    #[test]
    fn pesel_and_health_data_are_sealed_where_residents_give_them() {
        let hv = kind("home_visit").unwrap();
        assert!(hv.has_sensitive_data());
        for c in hv.columns.iter().filter(|c| c.category.is_sensitive()) {
            assert!(matches!(c.stored, Stored::Sealed | Stored::LegacyPlain), "{}", c.name);
        }
        assert!(hv.columns.iter().any(|c| c.stored == Stored::KeyedHash));
    }

    #[test]
    fn names_are_matched_by_their_parts() {
        assert!(looks_personal("client_phone"));
        assert!(looks_personal("ip"));
        assert!(!looks_personal("shipped_at"));
        assert!(!looks_personal("description"));
        assert!(is_declared("visit", "client_name"));
        assert!(!is_declared("visit", "ticket"));
    }
}
