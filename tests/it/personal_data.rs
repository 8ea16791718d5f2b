//! Personal data (issue 14): every column that looks personal is declared in
//! `okienko::personal_data`, PESEL numbers and health reasons are sealed at rest,
//! keys rotate, and retention anonymises what has expired.

use okienko::personal_data;

use crate::common::*;

/// A new table or column with a name that looks personal (a name, a phone, a PESEL,
/// an address, a reason, a comment, a note...) must be declared, as personal data
/// (with its purpose, legal ground and retention) or as not personal, so that the
/// encryption, retention, a person's data on request and the register cover it.
#[tokio::test(flavor = "multi_thread")]
async fn every_column_that_looks_personal_is_declared() {
    let db = empty_db().await;
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text, data_type::text from information_schema.columns
         where table_schema = 'public' order by table_name, ordinal_position",
    )
    .fetch_all(&*db)
    .await
    .unwrap();
    // Columns that can hold what a person typed or is: text, bytes, JSON, addresses.
    let can_hold_data =
        |ty: &str| matches!(ty, "text" | "character varying" | "bytea" | "jsonb" | "json" | "inet" | "cidr");
    let undeclared: Vec<String> = columns
        .iter()
        .filter(|(t, c, ty)| can_hold_data(ty) && personal_data::looks_personal(c) && !personal_data::is_declared(t, c))
        .map(|(t, c, _)| format!("{t}.{c}"))
        .collect();
    assert!(
        undeclared.is_empty(),
        "columns that look personal but are declared neither in personal_data::KINDS nor in NOT_PERSONAL: {undeclared:?}"
    );
    // And every declaration names a column that exists (no stale or misspelt ones).
    let exists = |t: &str, c: &str| columns.iter().any(|(tt, cc, _)| tt == t && cc == c);
    for kind in personal_data::KINDS {
        for column in kind.columns {
            assert!(exists(kind.table, column.name), "{}.{} is declared but does not exist", kind.table, column.name);
        }
        assert!(exists(kind.table, kind.id_column), "{}.{}", kind.table, kind.id_column);
    }
    for (t, c, _) in personal_data::NOT_PERSONAL {
        assert!(exists(t, c), "{t}.{c} is declared not personal but does not exist");
    }
    // Each retention expression is valid SQL over its table.
    for kind in personal_data::KINDS {
        if let personal_data::Retention::AfterEnd { ended_at, .. } = kind.retention {
            let sql = format!("select {ended_at} from {} t limit 1", kind.table);
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&*db).await.unwrap_or_else(|e| panic!("{}: {e}", kind.key));
        }
    }
}
