//! Sealing at rest, over every column that `KINDS` declares `Stored::Sealed`: the
//! plain leftovers of a version before encryption are sealed (`seal_leftovers`, run
//! by `okienko migrate`, `serve` and `demo-data`), and everything is sealed again
//! with the current key (`rotate`, the command `okienko rotate-keys`).

use sqlx::{AssertSqlSafe, PgPool, Row};

use super::{KINDS, Stored};
use crate::crypto::{self, Keys};

/// A plain column left from before encryption, and the sealed column it goes to.
struct Leftover {
    table: &'static str,
    id: &'static str,
    /// The plain column, and an expression reading it as bytes.
    plain: &'static str,
    as_bytes: &'static str,
    sealed: &'static str,
    /// The column keeping the keyed hash of the value, if any.
    hash: Option<&'static str>,
}

const LEFTOVERS: &[Leftover] = &[
    Leftover {
        table: "home_visit_request",
        id: "home_visit_request_id",
        plain: "pesel",
        as_bytes: "convert_to(pesel, 'UTF8')",
        sealed: "pesel_sealed",
        hash: Some("pesel_hmac"),
    },
    Leftover {
        table: "home_visit_request",
        id: "home_visit_request_id",
        plain: "reason",
        as_bytes: "convert_to(reason, 'UTF8')",
        sealed: "reason_sealed",
        hash: None,
    },
    Leftover {
        table: "second_factor",
        id: "staff_id",
        plain: "secret",
        as_bytes: "secret",
        sealed: "secret_sealed",
        hash: None,
    },
];

/// The columns holding a keyed hash of a sealed one: (table, sealed, hash).
const HASHED: &[(&str, &str, &str)] = &[("home_visit_request", "pesel_sealed", "pesel_hmac")];

/// Seals every value still in plain text and empties its plain column, each row in
/// one statement. Returns how many values were sealed.
pub async fn seal_leftovers(db: &PgPool, keys: &Keys) -> anyhow::Result<u64> {
    let mut sealed = 0;
    for l in LEFTOVERS {
        loop {
            let rows = sqlx::query(AssertSqlSafe(format!(
                "select {id}::text as id, {bytes} as plain from {table} where {plain} is not null limit 200",
                id = l.id,
                bytes = l.as_bytes,
                table = l.table,
                plain = l.plain
            )))
            .fetch_all(db)
            .await?;
            if rows.is_empty() {
                break;
            }
            for row in rows {
                let id: String = row.get("id");
                let plain: Vec<u8> = row.get("plain");
                let value = keys.seal(&crypto::context(l.table, l.sealed, &id), &plain);
                let hash = l.hash.map(|_| keys.lookup_hash(&String::from_utf8_lossy(&plain)));
                let set_hash = l.hash.map(|h| format!(", {h} = $3")).unwrap_or_default();
                let sql = format!(
                    "update {table} set {sealed} = $2, {plain} = null{set_hash} where {id}::text = $1",
                    table = l.table,
                    sealed = l.sealed,
                    plain = l.plain,
                    id = l.id
                );
                let mut update = sqlx::query(AssertSqlSafe(sql)).bind(&id).bind(value);
                if let Some(hash) = hash {
                    update = update.bind(hash);
                }
                update.execute(db).await?;
                sealed += 1;
            }
        }
    }
    if sealed > 0 {
        tracing::info!(sealed, "sealed personal data left in plain text by an earlier version");
    }
    Ok(sealed)
}

/// What `rotate` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rotated {
    /// Values sealed again with the current key.
    pub resealed: u64,
    /// Values already sealed with it.
    pub current: u64,
    /// Keyed hashes computed again (all of them: the lookup key may have changed).
    pub rehashed: u64,
}

/// Seals every sealed value again with the current key, and computes every keyed
/// hash again with the current lookup key. Each row is one statement that checks
/// the value is still the one read, so it may run while Okienko serves. Fails
/// (changing nothing more) on a value no configured key opens.
pub async fn rotate(db: &PgPool, keys: &Keys) -> anyhow::Result<Rotated> {
    seal_leftovers(db, keys).await?;
    let mut done = Rotated::default();
    for kind in KINDS {
        for column in kind.columns.iter().filter(|c| c.stored == Stored::Sealed) {
            let hash = HASHED.iter().find(|(t, s, _)| *t == kind.table && *s == column.name).map(|(_, _, h)| *h);
            let rows = sqlx::query(AssertSqlSafe(format!(
                "select {id}::text as id, {col} as sealed from {table} where {col} is not null",
                id = kind.id_column,
                col = column.name,
                table = kind.table
            )))
            .fetch_all(db)
            .await?;
            for row in rows {
                let id: String = row.get("id");
                let old: Vec<u8> = row.get("sealed");
                let context = crypto::context(kind.table, column.name, &id);
                let plain = keys
                    .open(&context, &old)
                    .map_err(|e| anyhow::anyhow!("{}.{} of {id}: {e}", kind.table, column.name))?;
                let new = if keys.is_current(&old) {
                    done.current += 1;
                    old.clone()
                } else {
                    done.resealed += 1;
                    keys.seal(&context, &plain)
                };
                let lookup = hash.map(|_| keys.lookup_hash(&String::from_utf8_lossy(&plain)));
                let set_hash = hash.map(|h| format!(", {h} = $4")).unwrap_or_default();
                let sql = format!(
                    "update {table} set {col} = $2{set_hash} where {id}::text = $1 and {col} = $3",
                    table = kind.table,
                    col = column.name,
                    id = kind.id_column
                );
                let mut update = sqlx::query(AssertSqlSafe(sql)).bind(&id).bind(&new).bind(&old);
                if let Some(lookup) = lookup {
                    update = update.bind(lookup);
                }
                update.execute(db).await?;
                if hash.is_some() {
                    done.rehashed += 1;
                }
            }
        }
    }
    Ok(done)
}
