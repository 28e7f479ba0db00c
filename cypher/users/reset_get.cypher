// The user a password-reset link belongs to, or no row.
MATCH (u:User {reset_token_hash: $token_hash})
RETURN u.username AS username, u.disabled AS disabled, u.reset_expires AS expires,
       coalesce(u.reset_uses, 0) AS uses
