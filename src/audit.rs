//! The append-only audit log: who, when, from where, what, on which record.
//!
//! The record is told who acted and from where (`Actor`); it knows nothing of
//! requests or sessions. `web::client_ip` makes an `Actor` of each request.

use std::net::IpAddr;

use serde_json::Value;
use uuid::Uuid;

/// Who is acting and from where; handlers add what they did.
#[derive(Clone, Debug)]
pub struct Actor {
    pub staff_id: Option<Uuid>,
    pub login: Option<String>,
    pub ip: IpAddr,
    pub request_id: Option<String>,
}

impl Actor {
    /// Somebody not (yet) known to be an employee, at this address.
    pub fn anonymous(ip: IpAddr, request_id: Option<String>) -> Actor {
        Actor { staff_id: None, login: None, ip, request_id }
    }

    /// The same request, now known to be this employee (after sign-in).
    pub fn as_staff(&self, staff_id: Uuid, login: &str) -> Actor {
        Actor { staff_id: Some(staff_id), login: Some(login.to_owned()), ..self.clone() }
    }

    pub async fn record(
        &self,
        db: impl sqlx::PgExecutor<'_>,
        action: &str,
        target: Option<(&str, String)>,
        detail: Value,
    ) -> sqlx::Result<()> {
        let (target_type, target_id) = target.unzip();
        sqlx::query!(
            "insert into audit_event (actor_id, actor_login, ip, action, target_type, target_id, detail, request_id)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
            self.staff_id,
            self.login,
            ipnet::IpNet::from(self.ip),
            action,
            target_type,
            target_id,
            detail,
            self.request_id,
        )
        .execute(db)
        .await?;
        Ok(())
    }
}
