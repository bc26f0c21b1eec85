//! The Entra federated identity credential (FIC) that would accept a given OIDC token, and the
//! commands that create it. Facts: reference §1.4 ([ENTRA-FIC]): `issuer` and `subject` must equal
//! the token's `iss` / `sub` byte for byte, exactly one audience, `name` 3-120 URL-friendly chars.

use serde::Serialize;

use crate::json_writer::JsonWriter;

/// The three token-exchange audiences Entra expects, one per cloud (global, US Gov, 21Vianet).
pub(crate) const EXCHANGE_AUDIENCES: [&str; 3] =
    ["api://AzureADTokenExchange", "api://AzureADTokenExchangeUSGov", "api://AzureADTokenExchangeChina"];

/// Placeholder for the app (client) id, which no OIDC token carries.
pub const APP_ID_PLACEHOLDER: &str = "<APP_CLIENT_ID>";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FederatedCredential {
    pub name: String,
    pub issuer: String,
    pub subject: String,
    pub audiences: Vec<String>,
    /// `az ad app federated-credential create --id <APP_CLIENT_ID> --parameters '{...}'` (app registration).
    pub command: String,
    /// `az identity federated-credential create ...` (user-assigned managed identity).
    pub managed_identity_command: String,
}

/// The exchange audience the token already carries, if any (so a USGov/China token keeps its cloud).
pub(crate) fn exchange_audience(audiences: &[String]) -> Option<&'static str> {
    EXCHANGE_AUDIENCES.iter().copied().find(|x| audiences.iter().any(|a| a == x))
}

/// Builds the credential matching `issuer`/`subject`. `audience` is the token's own exchange
/// audience, or the global default when the token has none (that token then needs re-requesting).
pub(crate) fn federated_credential(name_hint: &str, issuer: &str, subject: &str, audience: &str) -> FederatedCredential {
    let name = credential_name(name_hint);
    // Built by hand so the key order is the one the docs show, whatever serde_json's map order is.
    // Appended piece by piece rather than with format!: this ran for every GitHub and Azure DevOps
    // token and was 6% of decodeToken in the wasm.
    let mut params = JsonWriter::with_buffer(vec![0; 64 + name.len() + issuer.len() + subject.len() + audience.len()]);
    let fields =
        [(r#"{"name":"#, name.as_str()), (r#","issuer":"#, issuer), (r#","subject":"#, subject), (r#","audiences":["#, audience)];
    for (key, value) in fields {
        params.raw(key);
        params.str(value);
    }
    params.raw("]}");
    let params = params.into_string();

    let mut command = String::with_capacity(80 + params.len());
    command.push_str("az ad app federated-credential create --id ");
    command.push_str(APP_ID_PLACEHOLDER);
    command.push_str(" --parameters ");
    push_shell_quoted(&mut command, &params);

    let mut managed_identity_command = String::with_capacity(200 + params.len());
    managed_identity_command.push_str("az identity federated-credential create --name ");
    push_shell_quoted(&mut managed_identity_command, &name);
    managed_identity_command.push_str(" --identity-name <IDENTITY_NAME> --resource-group <RESOURCE_GROUP> --issuer ");
    push_shell_quoted(&mut managed_identity_command, issuer);
    managed_identity_command.push_str(" --subject ");
    push_shell_quoted(&mut managed_identity_command, subject);
    managed_identity_command.push_str(" --audiences ");
    push_shell_quoted(&mut managed_identity_command, audience);

    FederatedCredential {
        name,
        issuer: issuer.to_owned(),
        subject: subject.to_owned(),
        audiences: vec![audience.to_owned()],
        command,
        managed_identity_command,
    }
}

/// `s` single-quoted for a POSIX shell.
pub(crate) fn shell_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_shell_quoted(&mut out, s);
    out
}

/// POSIX single-quoting: a `'` inside becomes `'\''`.
fn push_shell_quoted(out: &mut String, s: &str) {
    out.push('\'');
    if s.as_bytes().contains(&b'\'') {
        for (i, part) in s.split('\'').enumerate() {
            if i > 0 {
                out.push_str(r"'\''");
            }
            out.push_str(part);
        }
    } else {
        out.push_str(s);
    }
    out.push('\'');
}

/// A valid FIC name from a hint: ASCII letters, digits, `-` and `_`; starts alphanumeric; 3-120 chars.
pub(crate) fn credential_name(hint: &str) -> String {
    // Byte by byte: every other character becomes one `-` and runs of `-` collapse, so the bytes of
    // a multi-byte character give the same name its char would.
    let mut name = String::with_capacity(hint.len().min(128));
    for &b in hint.as_bytes() {
        let c = if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' { b as char } else { '-' };
        if c == '-' && (name.is_empty() || name.ends_with('-')) {
            continue;
        }
        name.push(c);
    }
    let b = name.as_bytes();
    let mut start = 0;
    while start < b.len() && b[start] == b'_' {
        start += 1;
    }
    let mut end = b.len().min(start + 120);
    while end > start && matches!(b[end - 1], b'-' | b'_') {
        end -= 1;
    }
    match end - start {
        0 => "oidc-federation".to_owned(),
        1 | 2 => format!("oidc-{}", &name[start..end]),
        _ if start == 0 => {
            name.truncate(end);
            name
        }
        _ => name[start..end].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_url_friendly_and_bounded() {
        assert_eq!(credential_name("octo-org/octo-repo: branch main"), "octo-org-octo-repo-branch-main");
        assert_eq!(credential_name("__x"), "oidc-x");
        assert_eq!(credential_name("été"), "oidc-t");
        assert_eq!(credential_name("***"), "oidc-federation");
        let long = credential_name(&"a/".repeat(300));
        assert!(long.len() <= 120 && long.len() >= 3);
        assert!(long.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        assert!(long.chars().next().unwrap().is_ascii_alphanumeric());
    }

    #[test]
    fn names_match_a_char_by_char_reading() {
        // The previous, char-by-char implementation, kept as the reference.
        fn by_chars(hint: &str) -> String {
            let mut name = String::new();
            for c in hint.chars() {
                let c = if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' };
                if c == '-' && (name.is_empty() || name.ends_with('-')) {
                    continue;
                }
                name.push(c);
            }
            while name.starts_with('_') {
                name.remove(0);
            }
            name.truncate(120);
            let name = name.trim_end_matches(['-', '_']).to_owned();
            match name.len() {
                0 => "oidc-federation".to_owned(),
                1 | 2 => format!("oidc-{name}"),
                _ => name,
            }
        }
        for hint in ["", "_", "__-x", "_-x", "a", "ab", "abc", "é-é", "x😀y", "--a--", "a_", "_a_b_", "repo:o/r:ref:refs/heads/main", &"é".repeat(200), &"ab/".repeat(60)] {
            assert_eq!(credential_name(hint), by_chars(hint), "{hint:?}");
        }
    }

    #[test]
    fn json_strings_are_escaped_like_serde_json() {
        let all: String = (0u32..0x80).filter_map(char::from_u32).chain("é😀\u{2028}".chars()).collect();
        for s in [all.as_str(), "", "plain", "a\"b\\c", "\u{7f}"] {
            let mut out = JsonWriter::with_buffer(Vec::new());
            out.str(s);
            assert_eq!(out.into_string(), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn command_is_valid_json_inside_shell_quotes() {
        let f = federated_credential("x-y-z", "https://token.actions.githubusercontent.com", "repo:o/r:ref:refs/heads/it's", "api://AzureADTokenExchange");
        assert!(f.command.starts_with("az ad app federated-credential create --id <APP_CLIENT_ID> --parameters '{\"name\":\"x-y-z\",\"issuer\":"));
        // Undo the shell quoting and parse the JSON back.
        let quoted = f.command.split_once("--parameters ").unwrap().1;
        let unquoted = quoted[1..quoted.len() - 1].replace(r"'\''", "'");
        let v: serde_json::Value = serde_json::from_str(&unquoted).unwrap();
        assert_eq!(v["subject"], "repo:o/r:ref:refs/heads/it's");
        assert_eq!(v["audiences"][0], "api://AzureADTokenExchange");
        assert!(f.managed_identity_command.contains("--subject 'repo:o/r:ref:refs/heads/it'\\''s'"));
    }
}
