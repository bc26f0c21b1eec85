//! The registry a fix command is about, when its finding's own lines do not name it: a log that
//! names one Azure Container Registry (its login server, a data endpoint, a regional endpoint) and
//! no other is about that one. So `az acr network-rule add -n <REGISTRY>` under a firewall refusal
//! printed without a host becomes a command to paste. A log naming two, or none, leaves the
//! placeholder: a wrong name in a ready-made command is worse than a blank to fill in.

use super::rules::{registry_in_view, InView};
use super::*;

/// Placeholders the page and the action fill from `params.registry` (the page's `PLACEHOLDERS`).
const REGISTRY_PLACEHOLDERS: &[&str] = &["<REGISTRY>", "<REGISTRY_NAME>", "<ACR_NAME>", "<ACR>", "<LOGIN_SERVER>"];

/// Names docs and messages use as examples, not anybody's registry.
const EXAMPLE_NAMES: &[&[u8]] = &[b"myregistry", b"myacr", b"myregistryname", b"<registry>", b"mcrprod"];

/// Occurrences of `.azurecr.` read at most: a log naming one registry names it in its first few.
const MAX_MENTIONS: usize = 256;

/// The login server (`name.azurecr.io`) of the one registry the text names; `None` when it names
/// none or several. Linear in the text, bounded in the mentions it reads.
pub(super) fn the_one_registry(raw: &[u8]) -> Option<String> {
    let mut one: Option<String> = None;
    let mut i = 0;
    for _ in 0..MAX_MENTIONS {
        let Some(off) = find_folded(&raw[i..], b".azurecr.") else { break };
        let at = i + off;
        i = at + 1;
        let Some(server) = login_server_at(raw, at).filter(|s| !EXAMPLE_NAMES.iter().any(|e| s.as_bytes().starts_with(e) && s.as_bytes()[e.len()] == b'.')) else { continue };
        match &one {
            None => one = Some(server),
            Some(s) if *s == server => {}
            Some(_) => return None,
        }
    }
    one
}

/// The login server of the host whose `.azurecr.` starts at `at`, lower case (what the scanner
/// stores as `params.registry` wherever it reads one): a data endpoint
/// (`name.region.data.azurecr.io`) and a regional one (`name.region.geo.azurecr.io`) are the
/// registry `name`.
pub(super) fn login_server_at(raw: &[u8], at: usize) -> Option<String> {
    let start = raw[..at].iter().rposition(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'.')).map_or(0, |p| p + 1);
    let name = raw[start..at].split(|&b| b == b'.').next()?;
    let tld_end = at + b".azurecr.".len() + raw[at + b".azurecr.".len()..].iter().take(3).take_while(|b| b.is_ascii_alphabetic()).count();
    let tld = &raw[at + b".azurecr.".len()..tld_end];
    // ACR names are 5–50 alphanumerics; a dash or a shorter name is a placeholder or prose.
    let valid = (5..=50).contains(&name.len()) && name.iter().all(u8::is_ascii_alphanumeric) && matches!(tld, b"io" | b"cn" | b"us");
    if !valid {
        return None;
    }
    let mut s = String::from_utf8_lossy(name).to_ascii_lowercase();
    s.push_str(".azurecr.");
    s.push_str(&String::from_utf8_lossy(tld).to_ascii_lowercase());
    Some(s)
}

/// Gives the findings whose fix has a registry placeholder, and no registry of their own, the
/// log's one registry; not when another registry is in view of the finding (its fix then is not
/// this registry's). Reads the log once, only when some finding needs it.
pub(super) fn fill_registry_from_the_log(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let wants = |g: &Group| {
        g.m.params.registry.is_none()
            && all[g.m.entry].fix.iter().any(|s| s.code.is_some_and(|c| REGISTRY_PLACEHOLDERS.iter().any(|p| c.contains(p))))
    };
    if !groups.iter().any(wants) {
        return;
    }
    let Some(server) = the_one_registry(raw) else { return };
    for g in groups.iter_mut() {
        if wants(g) && !matches!(registry_in_view(raw, g.m.line_id, g.m.end), InView::Other(_)) {
            g.m.params.registry = Some(server.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_registry_named_in_any_of_its_forms_is_that_registry() {
        let log = b"docker push ContosoRegistry.azurecr.io/app:1\nGET https://contosoregistry.westeurope.data.azurecr.io/x\nhttps://contosoregistry.eastus.geo.azurecr.io/v2/";
        assert_eq!(the_one_registry(log).as_deref(), Some("contosoregistry.azurecr.io"));
        assert_eq!(the_one_registry(b"login to fabrikam01.azurecr.cn failed").as_deref(), Some("fabrikam01.azurecr.cn"));
    }

    #[test]
    fn two_registries_none_or_only_examples_name_no_registry() {
        assert_eq!(the_one_registry(b"pull contosoregistry.azurecr.io/a then fabrikamacr.azurecr.io/b"), None);
        assert_eq!(the_one_registry(b"denied: client with IP '1.2.3.4' is not allowed access"), None);
        // A docs example, a template, a masked host and MCR's own storage are nobody's registry.
        assert_eq!(the_one_registry(b"e.g. myregistry.azurecr.io or <registry>.azurecr.io, ***.azurecr.io, my-acr.azurecr.io, mcrprod.azurecr.io"), None);
        // Seen alongside an example, the real name still counts.
        assert_eq!(the_one_registry(b"e.g. myregistry.azurecr.io\ndocker push contosoregistry.azurecr.io/app").as_deref(), Some("contosoregistry.azurecr.io"));
    }

    #[test]
    fn a_firewall_refusal_printed_without_its_host_gets_the_log_s_registry() {
        let log = "ERROR: Unable to get AAD authorization tokens with message: 403 Client Error: Forbidden for url: https://contosoregistry.azurecr.io/oauth2/exchange\ndenied: client with IP '20.42.7.133' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.\n";
        let r = scan_log(log, 0);
        let f = r.findings.iter().find(|f| f.id == "AL040").expect("the firewall finding");
        assert_eq!(f.params.registry.as_deref(), Some("contosoregistry.azurecr.io"));
        assert_eq!(f.params.client_ip.as_deref(), Some("20.42.7.133"));
    }

    #[test]
    fn a_data_endpoint_on_the_error_line_is_read_as_its_registry() {
        let log = "Error response from daemon: Get \"https://contosoregistry.westeurope.data.azurecr.io/v2/\": dial tcp: lookup contosoregistry.westeurope.data.azurecr.io: no such host\n";
        let r = scan_log(log, 0);
        assert_eq!(r.findings[0].params.registry.as_deref(), Some("contosoregistry.azurecr.io"), "{:?}", r.findings);
    }

    #[test]
    fn no_registry_is_filled_from_a_log_naming_two_or_none() {
        let refusal = "denied: client with IP '20.42.7.133' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.\n";
        for log in [refusal.to_string(), format!("pull contosoregistry.azurecr.io/a\npull fabrikamacr.azurecr.io/b\n{refusal}")] {
            let r = scan_log(&log, 0);
            assert_eq!(r.findings[0].id, "AL040");
            assert_eq!(r.findings[0].params.registry, None);
        }
    }
}
